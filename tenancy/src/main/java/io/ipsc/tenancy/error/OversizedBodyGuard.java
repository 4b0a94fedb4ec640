package io.ipsc.tenancy.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.api.ApiResponse;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Refuses a body that declares more than {@code quarkus.http.limits.max-body-size} with 413 in the
 * envelope. Quarkus refuses it too, one step later, but with an empty body; this answers first, and
 * before any of the body is read. The connection is closed afterwards, since the rest of the body
 * would otherwise follow on it.
 */
@ApplicationScoped
public class OversizedBodyGuard {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseOversized);
    }

    private void refuseOversized(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !isOver(declared)) {
            context.next();
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(ApiResponse.failure("PAYLOAD_TOO_LARGE",
                    "The request body is larger than the " + maxBodySize.asLongValue() / (1024 * 1024) + " MB allowed", List.of()));
        } catch (Exception e) {
            body = "{\"success\":false,\"message\":\"The request body is too large\",\"error\":{\"code\":\"PAYLOAD_TOO_LARGE\"}}";
        }
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    private boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            // A length that is no number is Vert.x's to refuse, as a malformed request.
            return false;
        }
    }
}
