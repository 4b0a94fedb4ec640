package io.ipsc.tenancy.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.event.SecurityEvent;
import io.ipsc.tenancy.security.CurrentCaller;
import io.ipsc.tenancy.security.SecurityEventRecorder;
import io.vertx.core.impl.NoStackTraceThrowable;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into the envelope with an error code: the caller's mistakes into 4xx that
 * name the problem, everything else into a 500 that shows no internals (the cause goes to the log).
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @Inject
    SecurityEventRecorder security;
    @Inject
    CurrentCaller caller;

    @ServerExceptionMapper
    public Response apiException(ApiException e, ContainerRequestContext request) {
        noteRefusal(e, request);
        Response.ResponseBuilder builder = envelope(e.status(), e.code(), e.getMessage(), e.details());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    /** A refusal an operator should see (not a member, role, feature, rate) goes to the tenant's security figures. */
    private void noteRefusal(ApiException e, ContainerRequestContext request) {
        SecurityEvent.Kind kind = SecurityEvent.Kind.forRefusal(e.code());
        if (kind == null || security == null || request == null) {
            return;
        }
        String tenant = e.tenant() != null ? e.tenant() : request.getHeaderString("X-Tenant-ID");
        security.record(kind, tenant, caller.get().orElse(null), request.getMethod(), request.getUriInfo().getPath(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ErrorDetail> details = Violations.details(e.getConstraintViolations());
        ApiException validation = ApiException.validation(details);
        return envelope(400, validation.code(), validation.getMessage(), details).build();
    }

    @ServerExceptionMapper
    public Response unrecognizedField(UnrecognizedPropertyException e) {
        String field = e.getPropertyName();
        return envelope(400, "UNKNOWN_FIELD", "Unknown field '" + field + "'",
                List.of(new ErrorDetail(field, "is not a field of this request"))).build();
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName();
        String message = "Field '" + field + "' has an invalid value (expected " + expected + ")";
        return envelope(400, "INVALID_FIELD", message, List.of(new ErrorDetail(field, message))).build();
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        String field = path(e);
        String message = field.isEmpty()
                ? "The request body is not valid JSON for this endpoint"
                : "Field '" + field + "' has an invalid value";
        return envelope(400, "INVALID_JSON", message, field.isEmpty() ? List.of() : List.of(new ErrorDetail(field, message))).build();
    }

    /**
     * A value of the wrong shape (an object where text belongs, an array for the whole body): without
     * this, Quarkus's own mapper for it answers outside the envelope, or with an empty body.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return mapping(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return envelope(400, "INVALID_JSON", "The request body is not valid JSON", List.of()).build();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return envelope(404, "NOT_FOUND", "No such endpoint or resource", List.of()).build();
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return envelope(405, "METHOD_NOT_ALLOWED", "This method is not allowed here", List.of()).build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return envelope(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json", List.of()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        // Body-reading failures arrive wrapped; answer them as precisely as the unwrapped ones.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException u) {
                return unrecognizedField(u);
            }
            if (cause instanceof InvalidFormatException f) {
                return invalidFormat(f);
            }
            if (cause instanceof JsonMappingException m) {
                return mapping(m);
            }
            if (cause instanceof JsonProcessingException p) {
                return malformedJson(p);
            }
        }
        if (status >= 500) {
            return unexpected(e);
        }
        // A body that could not be read at all (empty, wrong content) arrives here as a 400.
        String code = status == 400 ? "BAD_REQUEST" : Response.Status.fromStatusCode(status) == null
                ? "HTTP_" + status : Response.Status.fromStatusCode(status).name();
        String message = status == 400 ? "The request could not be read: send a JSON body" : e.getMessage();
        return envelope(status, code, message, List.of()).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        String refusedValue = refusedValue(sqlState(e));
        if (refusedValue != null) {
            // PostgreSQL refused a value the caller sent (a column's length, a numeric's range, a NUL
            // character in text): the caller's mistake, though no check in the service caught it first.
            // Logged without the stack, so that the missing check can be found and added.
            LOG.warnf("PostgreSQL refused a value from the request, which no check caught first: %s", e.getMessage());
            return envelope(400, "INVALID_VALUE", refusedValue, List.of()).build();
        }
        if (connectionWaitTimedOut(e)) {
            // Every connection of the pool stayed taken for the pool's whole connection timeout: the instance is
            // overloaded for a moment (a burst of sign-ups, a slow disk), which the caller can wait out.
            LOG.warnf("No database connection came free in time: answered 503 TOO_BUSY");
            return envelope(503, "TOO_BUSY", "The service is busy right now; retry shortly", List.of())
                    .header("Retry-After", "1").build();
        }
        LOG.error("Unexpected failure", e);
        return envelope(500, "INTERNAL_ERROR", "Something went wrong on our side; it has been logged", List.of()).build();
    }

    /**
     * Whether the failure is the reactive SQL client's pool giving up on a connection: Vert.x fails the wait with a bare
     * {@link NoStackTraceThrowable} saying "Timeout" (SqlConnectionPool), the only sign it gives.
     */
    static boolean connectionWaitTimedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof NoStackTraceThrowable && "Timeout".equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    public static Response.ResponseBuilder envelope(int status, String code, String message, List<ErrorDetail> details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiResponse.failure(code, message, details));
    }

    /** What to tell the caller about a PostgreSQL data exception (SQLSTATE class 22), or null for anything else. */
    private static String refusedValue(String sqlState) {
        if (sqlState == null || !sqlState.startsWith("22")) {
            return null;
        }
        return switch (sqlState) {
            case "22001" -> "A text in the request is longer than allowed";
            case "22003" -> "A number in the request is out of range";
            case "22021", "22P05" -> "A text in the request contains a character that cannot be stored (such as NUL)";
            case "22007", "22008" -> "A date or time in the request is out of range";
            default -> "A value in the request cannot be stored";
        };
    }

    /** The SQLSTATE of the first database error among the causes: JDBC's, or the reactive client's (by its getSqlState). */
    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            try {
                Object state = cause.getClass().getMethod("getSqlState").invoke(cause);
                if (state instanceof String code) {
                    return code;
                }
            } catch (ReflectiveOperationException notADatabaseError) {
                // keep looking among the causes
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
