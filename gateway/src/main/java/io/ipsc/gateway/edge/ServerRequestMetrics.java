package io.ipsc.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds{method, uri, status, outcome}} for every request on the public port, as
 * Quarkus' HTTP binder names it (the suite's dashboard reads it for each service, the gateway included). The
 * gateway keeps it itself, with the binder off: the binder built and sorted the tags and looked the timer up in
 * the registry on every request, and counted each read and write of every connection besides, a twentieth of the
 * gateway's CPU per forwarded request (issue 19). Here a timer is looked up by method, route and status in a map
 * of its own, and {@code uri} is the route, never the raw path: {@code /api/products} for every products
 * request, whichever way it named its tenant.
 */
@Singleton
public class ServerRequestMetrics {

    /** Where a route handler puts the {@code uri} tag of its request; without one the matched route's path is used. */
    public static final String URI = "ipsc.metrics.uri";
    /** What Quarkus' binder reports for an answer that never completed (the connection closed first). */
    private static final int RESET = 0;

    /** The methods a series is kept for; any other a client makes up counts as {@code OTHER}. */
    private static final Set<HttpMethod> KNOWN_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private record Key(String method, String uri, int status) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    public ServerRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Times {@code ctx}'s request from now until its answer has been written. */
    public void time(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            int status = done.succeeded() ? ctx.response().getStatusCode() : RESET;
            HttpMethod method = ctx.request().method();
            timer(KNOWN_METHODS.contains(method) ? method.name() : "OTHER", uri(ctx, status), status)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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

    private Timer timer(String method, String uri, int status) {
        Key key = new Key(method, uri, status);
        Timer known = timers.get(key);
        if (known != null) {
            return known;
        }
        return timers.computeIfAbsent(key, k -> Timer.builder("http_server_requests")
                .description("HTTP requests the gateway answered on its public port")
                .tag("method", method)
                .tag("uri", uri)
                .tag("status", status == RESET ? "RESET" : Integer.toString(status))
                .tag("outcome", outcome(status))
                .register(registry));
    }

    static String outcome(int status) {
        if (status == RESET) {
            return "CLIENT_ERROR";
        }
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }
}
