package io.ipsc.tenancy.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The timers of {@code http_server_requests_seconds{method, uri, status, outcome}}, named and labelled as Quarkus' HTTP
 * server binder did, each looked up by method, uri and status in a map of its own rather than built, sorted and found
 * in the registry per request. Used by the services' {@link ServerRequestTimer} and the gateway's request metrics,
 * which differ only in what they name as the {@code uri}.
 */
public final class ServerRequestTimers {

    /** What the binder reported for an answer that never completed (the connection closed first). */
    public static final int RESET = 0;
    /** The methods a series is kept for; any other a client makes up counts as {@code OTHER}. */
    private static final Set<HttpMethod> KNOWN_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private record Key(String method, String uri, int status) {
    }

    private final MeterRegistry registry;
    private final String description;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    public ServerRequestTimers(MeterRegistry registry, String description) {
        this.registry = registry;
        this.description = description;
    }

    /** Records one answer: {@code status} {@link #RESET} when the connection closed before it was complete. */
    public void record(HttpMethod method, String uri, int status, long nanos) {
        timer(KNOWN_METHODS.contains(method) ? method.name() : "OTHER", uri, status).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String method, String uri, int status) {
        Key key = new Key(method, uri, status);
        Timer known = timers.get(key);
        if (known != null) {
            return known;
        }
        return timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                .description(description)
                .tag("method", method)
                .tag("uri", uri)
                .tag("status", status == RESET ? "RESET" : Integer.toString(status))
                .tag("outcome", outcome(status))
                .register(registry));
    }

    public static String outcome(int status) {
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
