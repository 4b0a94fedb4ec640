package io.ipsc.tenancy.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code http_server_requests_seconds{method, uri, status, outcome}} for every request on a service's API port, under
 * the name and labels of Quarkus' HTTP server binder (the suite's dashboard reads it), with that binder off
 * ({@code quarkus.micrometer.binder.http-server.enabled=false} in the shared configuration). The binder was about 5 %
 * of invoicing's CPU on {@code GET /api/products} (issue 19): it built and sorted the tags, looked the timer up in the
 * registry, and counted each read and write of the connection. Here a timer is found by method, template and status in a map of
 * its own, and the template is the matched resource method's, which {@link ResourceTemplates} puts on the request
 * ({@link ServerRequestTimers} keeps the timers).
 *
 * <p>The gateway keeps the same series itself (its routes are plain Vert.x, not resources) and switches this off with
 * {@code ipsc.metrics.server-requests=false}.
 */
@Singleton
@UnlessBuildProperty(name = "ipsc.metrics.server-requests", stringValue = "false", enableIfMissing = true)
public class ServerRequestTimer {

    /** Where {@link ResourceTemplates} puts the matched resource method's path template. */
    static final String URI = "ipsc.metrics.uri";

    private final ServerRequestTimers timers;

    public ServerRequestTimer(MeterRegistry registry) {
        this.timers = new ServerRequestTimers(registry, "HTTP requests this service answered on its API port");
    }

    /**
     * Ahead of Quarkus' filters (CORS, then the token check at order -200), so that the time includes the token check
     * and a request refused for its token is counted too.
     */
    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1).handler(this::time);
    }

    private void time(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            int status = done.succeeded() ? ctx.response().getStatusCode() : ServerRequestTimers.RESET;
            timers.record(ctx.request().method(), uri(ctx, status), status, System.nanoTime() - start);
        });
        ctx.next();
    }

    /** The matched resource's template; a request no resource took is {@code NOT_FOUND} (404) or {@code UNKNOWN}, never its raw path. */
    private static String uri(RoutingContext ctx, int status) {
        String template = ctx.get(URI);
        if (template != null) {
            return template;
        }
        return status == 404 ? "NOT_FOUND" : "UNKNOWN";
    }
}
