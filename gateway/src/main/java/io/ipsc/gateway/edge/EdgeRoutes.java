package io.ipsc.gateway.edge;

import io.ipsc.gateway.GatewayRoutes;
import io.ipsc.tenancy.error.ApiException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * What every request on the public port meets first and last: a path and a host the gateway can
 * decide on (else 400 {@code INVALID_PATH} / {@code INVALID_HOST}, before any routing or check),
 * the headers browsers heed on every answer, and a 404 in the envelope for what no route serves
 * ({@code /q/*} included: it lives on the management port).
 */
@Singleton
public class EdgeRoutes {

    /** Set on every answer, the gateway's own and the modules' alike. Nothing of the suite is meant to be framed. */
    static final Map<String, String> BROWSER_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");
    /** The same as Netty's ASCII strings, made once: their hash is kept, where a String's is computed on every set. */
    private static final CharSequence[][] BROWSER_HEADERS_OPTIMIZED = BROWSER_HEADERS.entrySet().stream()
            .map(header -> new CharSequence[]{HttpHeaders.createOptimized(header.getKey()), HttpHeaders.createOptimized(header.getValue())})
            .toArray(CharSequence[][]::new);

    /** Quarkus' own endpoints: on the management interface only. */
    private static final String QUARKUS_ROOT = "/q";

    private final Envelopes envelopes;
    private final ServerRequestMetrics requestMetrics;
    private final GatewayRoutes gatewayRoutes;

    public EdgeRoutes(Envelopes envelopes, ServerRequestMetrics requestMetrics, GatewayRoutes gatewayRoutes) {
        this.envelopes = envelopes;
        this.requestMetrics = requestMetrics;
        this.gatewayRoutes = gatewayRoutes;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::screen);
        router.route().order(Integer.MAX_VALUE - 2).handler(this::notFound);
    }

    void screen(RoutingContext ctx) {
        requestMetrics.time(ctx);
        // Set when the headers leave, so that a module's answer relayed as it is cannot drop or double them.
        ctx.addHeadersEndHandler(v -> {
            MultiMap headers = ctx.response().headers();
            for (CharSequence[] header : BROWSER_HEADERS_OPTIMIZED) {
                headers.set(header[0], header[1]);
            }
        });
        HttpServerRequest request = ctx.request();
        Optional<String> badHost = HostHeader.refusal(request.headers().getAll(HttpHeaders.HOST), request.uri());
        if (badHost.isPresent()) {
            envelopes.fail(ctx.response(), ApiException.badRequest("INVALID_HOST", null, badHost.get()));
            return;
        }
        Optional<String> badPath = RequestPath.refusal(request.path());
        if (badPath.isPresent()) {
            envelopes.fail(ctx.response(), ApiException.badRequest("INVALID_PATH", null, badPath.get()));
            return;
        }
        if (request.path().equals(QUARKUS_ROOT) || request.path().startsWith(QUARKUS_ROOT + "/")) {
            // Whatever an extension still mounts under /q on the main router is not for the public.
            notFound(ctx);
            return;
        }
        if (gatewayRoutes.forwardsDirectly(request)) {
            // Screened; nothing between here and the proxy's route would act on this request (see forwardsDirectly).
            gatewayRoutes.proxy(ctx);
            return;
        }
        ctx.next();
    }

    void notFound(RoutingContext ctx) {
        envelopes.fail(ctx.response(), new ApiException(404, "NOT_FOUND", "No such endpoint: " + ctx.request().path()));
    }
}
