package io.ipsc.gateway.proxy;

import io.ipsc.gateway.routing.Module;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.util.Arrays;
import java.util.List;
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

    /**
     * Headers that describe one connection (RFC 9110 §7.6.1), plus those the gateway sets itself. Removed from the
     * caller's own header map, which is then sent on as it is: removal is a case-insensitive hash lookup, where a copy
     * would allocate an entry (and a lower-cased name) per header on every request.
     */
    private static final List<CharSequence> NOT_FORWARDED = optimized("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "x-tenant-id",
            "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-request-id");
    private static final List<CharSequence> NOT_RETURNED = optimized("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
    private static final CharSequence X_TENANT_ID = HttpHeaders.createOptimized("X-Tenant-ID");
    private static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("X-Request-ID");
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");

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
        MultiMap headers = request.headers();
        // Read before the caller's connection headers go: the authority comes from Host, and an HTTP/1.x request
        // without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3). HTTP/2 frames its body without
        // either header, so such a request is always streamed through.
        String authority = request.authority() == null ? null : request.authority().toString();
        boolean http1 = request.version() == HttpVersion.HTTP_1_1 || request.version() == HttpVersion.HTTP_1_0;
        boolean hasBody = !http1 || headers.contains(HttpHeaders.CONTENT_LENGTH) || headers.contains(HttpHeaders.TRANSFER_ENCODING);
        String forwardedFor = headers.get(X_FORWARDED_FOR);
        for (CharSequence name : NOT_FORWARDED) {
            headers.remove(name);
        }
        if (tenant != null) {
            headers.set(X_TENANT_ID, tenant);
        }
        headers.set(X_REQUEST_ID, requestId);
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        headers.set(X_FORWARDED_FOR, forwardedFor == null ? client : forwardedFor + ", " + client);
        headers.set(X_FORWARDED_PROTO, request.scheme() == null ? "http" : request.scheme());
        if (authority != null) {
            headers.set(X_FORWARDED_HOST, authority);
        }
        RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(uri).setIdleTimeout(timeoutMillis)
                .setHeaders(headers);

        target.request(options)
                .onFailure(e -> onFailure.accept(describe(module, uri, e)))
                .onSuccess(upstream -> send(upstream, request, hasBody)
                        .onFailure(e -> onFailure.accept(request.bytesRead() > SERVICE_BODY_LIMIT_BYTES
                                // The service refused a body over its limit and closed the connection while the body
                                // still streamed; its 413 can be lost with the reset, but what happened is known.
                                ? bare(module, 413)
                                : describe(module, uri, e)))
                        .onSuccess(answer -> relay(request.response(), module, answer, requestId, onStatus, onFailure)));
    }

    /**
     * A body streams through as it arrives. A request without one is sent whole, in one write: piping it would
     * send it chunked, an empty chunked body after the headers that the service then has to parse.
     */
    private static Future<HttpClientResponse> send(HttpClientRequest upstream, HttpServerRequest request, boolean hasBody) {
        if (hasBody) {
            return upstream.send(request);
        }
        // The caller's request was paused until the door answered; let it end.
        request.resume();
        return upstream.send();
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
        MultiMap returned = answer.headers();
        for (CharSequence name : NOT_RETURNED) {
            returned.remove(name);
        }
        response.headers().addAll(returned).set(X_REQUEST_ID, requestId);
        if (!answer.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            response.setChunked(true);
        }
        onStatus.accept(answer.statusCode());
        response.send(answer);
    }

    private static List<CharSequence> optimized(String... names) {
        return Arrays.stream(names).map(HttpHeaders::createOptimized).toList();
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
