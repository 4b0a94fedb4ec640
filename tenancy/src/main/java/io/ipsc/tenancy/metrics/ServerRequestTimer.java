package io.ipsc.tenancy.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.properties.UnlessBuildProperty;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds{method, uri, status, outcome}} for every request on a service's API port, under
 * the name and labels of Quarkus' HTTP server binder (the suite's dashboard reads it), with that binder off
 * ({@code quarkus.micrometer.binder.http-server.enabled=false} in the shared configuration). The binder cost a tenth
 * of invoicing's CPU on {@code GET /api/products} (issue 19): to name the {@code uri} it built a new request mapper of
 * every resource class on each request, then built and sorted the tags, looked the timer up in the registry, and
 * counted each read and write of the connection. Here a timer is found by method, template and status in a map of
 * its own, and the template is the matched resource method's, which {@link ResourceTemplates} puts on the request.
 *
 * <p>The gateway keeps the same series itself (its routes are plain Vert.x, not resources) and switches this off with
 * {@code ipsc.metrics.server-requests=false}.
 */
@Singleton
@UnlessBuildProperty(name = "ipsc.metrics.server-requests", stringValue = "false", enableIfMissing = true)
public class ServerRequestTimer {

    /** Where {@link ResourceTemplates} puts the matched resource method's path template. */
    static final String URI = "ipsc.metrics.uri";
    /** What the binder reported for an answer that never completed (the connection closed first). */
    private static final int RESET = 0;
    private static final Set<HttpMethod> KNOWN_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private record Key(String method, String uri, int status) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    public ServerRequestTimer(MeterRegistry registry) {
        this.registry = registry;
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
            int status = done.succeeded() ? ctx.response().getStatusCode() : RESET;
            HttpMethod method = ctx.request().method();
            timer(KNOWN_METHODS.contains(method) ? method.name() : "OTHER", uri(ctx, status), status)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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

    private Timer timer(String method, String uri, int status) {
        Key key = new Key(method, uri, status);
        Timer known = timers.get(key);
        if (known != null) {
            return known;
        }
        return timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                .description("HTTP requests this service answered on its API port")
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
