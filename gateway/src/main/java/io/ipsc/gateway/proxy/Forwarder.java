package io.ipsc.gateway.proxy;

import io.ipsc.gateway.routing.Module;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Streams a request to its module and the answer back, without buffering either body. Hop-by-hop
 * headers stay on their hop; the tenant header is replaced by the canonical one, so whatever the
 * caller put there never reaches a service.
 */
@Singleton
public class Forwarder {

    /** Every service's request body limit (Quarkus' default quarkus.http.limits.max-body-size, 10240K). */
    static final long SERVICE_BODY_LIMIT_BYTES = 10_240L * 1024;


    private static final Logger LOG = Logger.getLogger(Forwarder.class);

    /** Headers that describe one connection (RFC 9110 §7.6.1), plus those the gateway sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "x-tenant-id",
            "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-request-id");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    /** What went wrong upstream, for the caller's envelope. */
    public record Failure(int status, String code, String message) {
    }

    private final Upstreams upstreams;
    private final long timeoutMillis;

    public Forwarder(Upstreams upstreams, @ConfigProperty(name = "ipsc.gateway.upstream-timeout-ms", defaultValue = "30000") long timeoutMillis) {
        this.upstreams = upstreams;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Forwards {@code request} (paused by the caller) to {@code module} at {@code uri} (path and query); on success
     * the response is streamed to the caller and {@code onStatus} gets its status; on failure
     * {@code onFailure} answers the caller.
     */
    public void forward(HttpServerRequest request, Module module, String uri, String tenant, String requestId,
                        Consumer<Integer> onStatus, Consumer<Failure> onFailure) {
        forward(upstreams.client(module), request, module, uri, tenant, requestId, onStatus, onFailure);
    }

    /** As {@link #forward}, to the module's management interface: for what it serves there ({@code /q/openapi}). */
    public void forwardToManagement(HttpServerRequest request, Module module, String uri, String requestId,
                                    Consumer<Integer> onStatus, Consumer<Failure> onFailure) {
        forward(upstreams.management(module), request, module, uri, null, requestId, onStatus, onFailure);
    }

    private void forward(HttpClient target, HttpServerRequest request, Module module, String uri, String tenant, String requestId,
                         Consumer<Integer> onStatus, Consumer<Failure> onFailure) {
        RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(uri).setIdleTimeout(timeoutMillis);
        MultiMap headers = options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
        request.headers().forEach(h -> {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        if (tenant != null) {
            headers.set("X-Tenant-ID", tenant);
        }
        headers.set("X-Request-ID", requestId);
        String forwardedFor = request.getHeader("X-Forwarded-For");
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        headers.set("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        options.setHeaders(headers);

        target.request(options)
                .onFailure(e -> onFailure.accept(describe(module, uri, e)))
                .onSuccess(upstream -> upstream.send(request)
                        .onFailure(e -> onFailure.accept(request.bytesRead() > SERVICE_BODY_LIMIT_BYTES
                                // The service refused a body over its limit and closed the connection while the body
                                // still streamed; its 413 can be lost with the reset, but what happened is known.
                                ? bare(module, 413)
                                : describe(module, uri, e)))
                        .onSuccess(answer -> relay(request.response(), module, answer, requestId, onStatus, onFailure)));
    }

    private static void relay(HttpServerResponse response, Module module, HttpClientResponse answer, String requestId,
                              Consumer<Integer> onStatus, Consumer<Failure> onFailure) {
        if (answer.statusCode() >= 400 && "0".equals(answer.getHeader(HttpHeaders.CONTENT_LENGTH))) {
            // A refusal the HTTP layer of a service wrote before any of our code ran (a body over its
            // limit, sent chunked; headers too large): no envelope in it, so the gateway writes one.
            answer.resume();
            onFailure.accept(bare(module, answer.statusCode()));
            return;
        }
        response.setStatusCode(answer.statusCode());
        answer.headers().forEach(h -> {
            if (!NOT_RETURNED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                response.headers().add(h.getKey(), h.getValue());
            }
        });
        response.headers().set("X-Request-ID", requestId);
        if (!answer.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            response.setChunked(true);
        }
        onStatus.accept(answer.statusCode());
        response.send(answer);
    }

    private static Failure bare(Module module, int status) {
        return switch (status) {
            case 413 -> new Failure(413, "PAYLOAD_TOO_LARGE", "The request body is larger than the " + module.id() + " service accepts (10 MB)");
            case 414 -> new Failure(414, "URI_TOO_LONG", "The request's address is longer than the " + module.id() + " service accepts");
            case 431 -> new Failure(431, "HEADERS_TOO_LARGE", "The request's headers are larger than the " + module.id() + " service accepts");
            default -> status >= 500
                    ? new Failure(502, "UPSTREAM_FAILED", "The " + module.id() + " service failed to answer (HTTP " + status + ")")
                    : new Failure(status, "REQUEST_REFUSED", "The " + module.id() + " service refused the request (HTTP " + status + ")");
        };
    }

    /** A fixed text per kind of failure: the exception (addresses, library internals) goes only to the log. */
    private static Failure describe(Module module, String uri, Throwable e) {
        // The path only: a query string may carry values.
        LOG.warnf("Forwarding %s to the %s service failed: %s", uri.split("\\?", 2)[0], module.id(), e.toString());
        if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
            return new Failure(504, "UPSTREAM_TIMEOUT", "The " + module.id() + " service did not answer in time");
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new Failure(502, "UPSTREAM_UNAVAILABLE", "The " + module.id() + " service is not reachable");
        }
        return new Failure(502, "UPSTREAM_FAILED", "The " + module.id() + " service failed to answer");
    }
}
