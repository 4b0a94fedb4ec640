package io.ipsc.tenancy.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.api.ApiResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Failures that happen in the HTTP router rather than in a resource — a request whose Host header
 * cannot be parsed, a failure in a plain Vert.x route — would otherwise reach Quarkus's own error
 * page, which is not the envelope and names the exception. This answers them in the envelope,
 * after every route's own failure handling and just before Quarkus's.
 */
@ApplicationScoped
public class RouteFailureEnvelope {

    private static final Logger LOG = Logger.getLogger(RouteFailureEnvelope.class);

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE - 1).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        int status = context.failure() instanceof HttpException http ? http.getStatusCode() : context.statusCode();
        String code;
        String message;
        if (status >= 400 && status < 500) {
            Response.Status known = Response.Status.fromStatusCode(status);
            code = known == null ? "HTTP_" + status : known.name();
            message = status == 400 ? "The request could not be read" : known == null ? "The request was refused" : known.getReasonPhrase();
        } else {
            status = 500;
            code = "INTERNAL_ERROR";
            message = "Something went wrong on our side; it has been logged";
            LOG.error("Unexpected failure in " + context.request().method() + " " + context.request().path(), context.failure());
        }
        send(context, status, code, message);
    }

    /** Ends the request with the envelope: for router-level answers that never reach a resource. */
    public void send(RoutingContext context, int status, String code, String message) {
        String body;
        try {
            body = json.writeValueAsString(ApiResponse.failure(code, message, List.of()));
        } catch (Exception e) {
            body = "{\"success\":false,\"message\":\"" + message + "\",\"error\":{\"code\":\"" + code + "\"}}";
        }
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}
