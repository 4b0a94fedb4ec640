package io.ipsc.gateway.edge;

import io.ipsc.tenancy.metrics.ServerRequestTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * {@code http_server_requests_seconds{method, uri, status, outcome}} for every request on the public port, as
 * Quarkus' HTTP binder names it (the suite's dashboard reads it for each service, the gateway included). The
 * gateway keeps it itself, with the binder off: the binder built and sorted the tags and looked the timer up in
 * the registry on every request, and counted each read and write of every connection besides, a twentieth of the
 * gateway's CPU per forwarded request (issue 19). Here a timer is looked up by method, route and status in a map
 * of its own (tenancy's {@link ServerRequestTimers}, which the services' timer uses too), and {@code uri} is the
 * route, never the raw path: {@code /api/products} for every products request, whichever way it named its tenant.
 */
@Singleton
public class ServerRequestMetrics {

    /** Where a route handler puts the {@code uri} tag of its request; without one the matched route's path is used. */
    public static final String URI = "ipsc.metrics.uri";

    private final ServerRequestTimers timers;

    public ServerRequestMetrics(MeterRegistry registry) {
        this.timers = new ServerRequestTimers(registry, "HTTP requests the gateway answered on its public port");
    }

    /** Times {@code ctx}'s request from now until its answer has been written. */
    public void time(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            int status = done.succeeded() ? ctx.response().getStatusCode() : ServerRequestTimers.RESET;
            timers.record(ctx.request().method(), uri(ctx, status), status, System.nanoTime() - start);
        });
    }

    private static String uri(RoutingContext ctx, int status) {
        String uri = ctx.get(URI);
        if (uri != null) {
            return uri;
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        Route route = ctx.currentRoute();
        return route != null && route.getPath() != null ? route.getPath() : "UNKNOWN";
    }
}
