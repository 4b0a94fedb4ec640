package io.ipsc.gateway;

import io.ipsc.gateway.docs.OpenApiYaml;
import io.ipsc.gateway.docs.SuiteOpenApi;
import io.ipsc.gateway.door.CredentialThrottle;
import io.ipsc.gateway.door.TrustedProxies;
import io.ipsc.gateway.door.Door;
import io.ipsc.gateway.door.TenantResolver;
import io.ipsc.gateway.edge.Envelopes;
import io.ipsc.gateway.edge.RequestIds;
import io.ipsc.gateway.edge.RequestPath;
import io.ipsc.gateway.edge.ServerRequestMetrics;
import io.ipsc.gateway.health.HealthRoutes;
import io.ipsc.gateway.performance.TenantPerformance;
import io.ipsc.gateway.proxy.Forwarder;
import io.ipsc.gateway.routing.Module;
import io.ipsc.gateway.routing.PathRouter;
import io.ipsc.gateway.routing.RoutingDecision;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.SecurityEvent;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenancy.security.SecurityEventRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The gateway's one request path: route by URL, resolve the tenant, pass the door, forward. Runs on
 * the event loop from start to end; nothing in it blocks (a token not seen before is verified on a
 * worker, and the request goes on when the door has its answer).
 */
@Singleton
public class GatewayRoutes {

    private static final Pattern REQUEST_ID = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");
    /** Names set on every forwarded request's answer, as Netty's ASCII strings: hashed once, not per request. */
    private static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("X-Request-ID");
    private static final CharSequence X_TENANT_ID = HttpHeaders.createOptimized("X-Tenant-ID");
    private static final CharSequence X_RATE_LIMIT_LIMIT = HttpHeaders.createOptimized("X-RateLimit-Limit");
    private static final CharSequence X_RATE_LIMIT_REMAINING = HttpHeaders.createOptimized("X-RateLimit-Remaining");

    private final TenantResolver resolver;
    private final Door door;
    private final Forwarder forwarder;
    private final Envelopes envelopes;
    private final CredentialThrottle credentialThrottle;
    private final TrustedProxies trustedProxies;
    private final MeterRegistry metrics;
    private final TenantPerformance performance;
    private final SecurityEventRecorder security;
    private final TenantMetrics tenantMetrics;
    private final SuiteOpenApi suiteOpenApi;
    private final java.util.Map<Module, Timer> upstreamTimers = new java.util.EnumMap<>(Module.class);

    public GatewayRoutes(TenantResolver resolver, Door door, Forwarder forwarder, Envelopes envelopes, CredentialThrottle credentialThrottle,
                         TrustedProxies trustedProxies, MeterRegistry metrics, TenantPerformance performance, SecurityEventRecorder security, TenantMetrics tenantMetrics,
                         SuiteOpenApi suiteOpenApi) {
        this.resolver = resolver;
        this.door = door;
        this.forwarder = forwarder;
        this.envelopes = envelopes;
        this.credentialThrottle = credentialThrottle;
        this.trustedProxies = trustedProxies;
        this.metrics = metrics;
        this.performance = performance;
        this.security = security;
        this.tenantMetrics = tenantMetrics;
        this.suiteOpenApi = suiteOpenApi;
        for (Module module : Module.values()) {
            upstreamTimers.put(module, metrics.timer("ipsc_gateway_upstream_seconds", "module", module.id()));
        }
    }

    void register(@Observes Router router) {
        // Answered here, not by a module: the gateway is where every request of the suite is measured.
        router.get("/api/tenants/:slug/performance").order(5).handler(this::tenantPerformance);
        // No capturing group: Vert.x would store the group as a path parameter of every forwarded request.
        // A route added here ahead of the proxy's, under /api, must also be left out of forwardsDirectly.
        router.routeWithRegex("^/(?:api|\\.well-known)/.*").order(10).handler(this::proxy);
        router.get("/docs/openapi/:module").order(10).handler(this::openApi);
        router.get("/docs/openapi").order(10).handler(this::suiteOpenApi);
    }

    /**
     * The suite's one OpenAPI document (see {@link SuiteOpenApi}): JSON, or YAML for {@code ?format=yaml}
     * or {@code Accept: application/yaml}. A module that did not answer is named in it, never a failure.
     */
    void suiteOpenApi(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        String accept = ctx.request().getHeader("Accept");
        boolean yaml = format != null ? format.equalsIgnoreCase("yaml")
                : accept != null && (accept.contains("application/yaml") || accept.contains("application/x-yaml") || accept.contains("text/yaml"));
        suiteOpenApi.document().onComplete(done -> {
            if (done.failed()) {
                envelopes.fail(ctx.response(), new ApiException(503, "OPENAPI_UNAVAILABLE", "The suite's OpenAPI document could not be built"));
                return;
            }
            if (yaml) {
                ctx.response().putHeader("Content-Type", "application/yaml").end(OpenApiYaml.write(done.result()));
            } else {
                ctx.response().putHeader("Content-Type", "application/json").end(done.result().encode());
            }
        });
    }

    /** Each service's OpenAPI document, for the suite-wide reference at {@code /docs}: from its management interface. */
    void openApi(RoutingContext ctx) {
        String id = ctx.pathParam("module");
        Optional<Module> module = java.util.Arrays.stream(Module.values()).filter(m -> m.id().equals(id)).findFirst();
        if (module.isEmpty()) {
            envelopes.fail(ctx.response(), new ApiException(404, "NOT_FOUND", "No module '" + id + "'"));
            return;
        }
        ctx.request().pause();
        forwarder.forwardToManagement(ctx.request(), module.get(), "/q/openapi?format=json", UUID.randomUUID().toString(),
                status -> { },
                failure -> envelopes.fail(ctx.response(), new ApiException(failure.status(), failure.code(), failure.message())));
    }

    /** {@code GET /api/tenants/{slug}/performance}: the tenant's request figures; platform admins and the tenant's admins only. */
    void tenantPerformance(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String slug = ctx.pathParam("slug");
        door.authenticate(request.getHeader("Authorization")).onComplete(proved -> {
            Caller caller = proved.result();
            try {
                if (proved.failed()) {
                    throw (ApiException) proved.cause();
                }
                TenantSnapshot tenant = door.tenant(slug).filter(t -> !t.isDeleted())
                        .orElseThrow(() -> new ApiException(404, "TENANT_NOT_FOUND", "No tenant '" + slug + "'"));
                if (!caller.platformAdmin()) {
                    String role = tenant.members() == null ? null : tenant.members().get(Long.toString(caller.userId()));
                    if (role == null) {
                        throw ApiException.forbidden("NOT_A_MEMBER", "You are not a member of tenant '" + slug + "'");
                    }
                    if (!"admin".equals(role)) {
                        throw ApiException.forbidden("INSUFFICIENT_ROLE", "Only the tenant's admins may read its performance figures");
                    }
                }
            } catch (ApiException refused) {
                noteRefusal(refused, caller, request, slug);
                envelopes.fail(ctx.response(), refused);
                return;
            }
            java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("tenant", slug);
            data.put("measured_by", "gateway");
            data.put("windows", performance.figures(slug));
            envelopes.send(ctx.response(), ApiResponse.ok(data, "Requests of tenant '" + slug + "' as the gateway answered them"));
        });
    }

    /**
     * Whether the edge may hand {@code request} straight to {@link #proxy} ({@link io.ipsc.gateway.edge.EdgeRoutes}),
     * past the handlers the router runs between them, which decide nothing for it: CORS (acts only on a request
     * with an {@code Origin}), Quarkus' lazy authentication and its permission check (no HTTP permission is
     * configured; the door checks the token), the body limits (an HTTP/1.x request without Content-Length or
     * Transfer-Encoding has no body), RESTEasy's observability hook (the gateway has no resource). Together those
     * were about a tenth of the gateway's CPU per forwarded request (issue 19). Anything else (a body, an Origin,
     * HTTP/2, a path a route ahead of the proxy's answers, {@code /.well-known}) goes the whole way.
     */
    public boolean forwardsDirectly(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_1_1 && request.version() != HttpVersion.HTTP_1_0) {
            return false;
        }
        MultiMap headers = request.headers();
        if (headers.contains(HttpHeaders.CONTENT_LENGTH) || headers.contains(HttpHeaders.TRANSFER_ENCODING) || headers.contains(HttpHeaders.ORIGIN)) {
            return false;
        }
        // The routes ahead of the proxy's match the router's normalised path, with or without a trailing '/':
        // only a path that normalising leaves as it is can be told apart from theirs here.
        String path = request.path();
        if (path == null || !path.startsWith("/api/") || !RequestPath.normalised(path)) {
            return false;
        }
        String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return !HealthRoutes.PATHS.contains(bare) && !(path.startsWith("/api/tenants/") && path.contains("/performance"));
    }

    public void proxy(RoutingContext ctx) {
        long arrived = System.nanoTime();
        HttpServerRequest request = ctx.request();
        String requestId = Optional.ofNullable(request.getHeader(X_REQUEST_ID)).filter(id -> REQUEST_ID.matcher(id).matches())
                .orElseGet(RequestIds::next);
        HttpServerResponse response = ctx.response();
        response.headers().set(X_REQUEST_ID, requestId);
        String path = request.path();
        Optional<RoutingDecision> routed;
        try {
            routed = PathRouter.route(path, request::getParam);
        } catch (ApiException refused) {
            envelopes.fail(response, refused);
            return;
        }
        if (routed.isEmpty()) {
            envelopes.fail(response, new ApiException(404, "NOT_FOUND", "No such endpoint: " + path));
            return;
        }
        RoutingDecision decision = routed.get();
        ctx.put(ServerRequestMetrics.URI, decision.metricsUri());
        if (CredentialThrottle.guards(path)) {
            try {
                credentialThrottle.acquire(trustedProxies.clientOf(request));
            } catch (ApiException throttled) {
                envelopes.fail(response, throttled);
                return;
            }
        }
        TenantResolver.Resolution resolution = resolver.resolve(decision.pathTenant(), request.headers().getAll(X_TENANT_ID), request.getHeader(HttpHeaders.HOST));
        if (resolution.isConflict()) {
            ApiException refused = ApiException.badRequest("TENANT_MISMATCH", null, resolution.conflict());
            // Naming one tenant in the path and another in the header or host is how a forged header looks:
            // recorded against the tenants named when the token is good.
            door.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION)).onComplete(proved -> {
                noteRefusal(refused, proved.result(), request, decision.pathTenant(), request.getHeader("X-Tenant-ID"));
                envelopes.fail(response, refused);
            });
            return;
        }
        String tenant = resolution.slug();
        Future<Caller> proved = Door.isPublic(path) ? Future.succeededFuture() : door.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
        // A token not seen before is verified on a worker: hold the body until the door has answered.
        request.pause();
        proved.onComplete(done -> admitAndForward(ctx, decision, tenant, requestId, arrived, done));
    }

    private void admitAndForward(RoutingContext ctx, RoutingDecision decision, String tenant, String requestId, long arrived,
                                 AsyncResult<Caller> proved) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        Caller caller = proved.result();
        try {
            if (proved.failed()) {
                throw (ApiException) proved.cause();
            }
            if (decision.tenantChecked()) {
                Door.Admission admission = door.admit(caller, tenant, decision, request.method().name());
                response.headers().set(X_RATE_LIMIT_LIMIT, Integer.toString(admission.rate().limit()));
                response.headers().set(X_RATE_LIMIT_REMAINING, Integer.toString(admission.rate().remaining()));
            }
        } catch (ApiException refused) {
            measure(tenant, decision.module(), refused.status(), arrived);
            noteRefusal(refused, caller, request, tenant);
            request.resume();
            envelopes.fail(response, refused);
            return;
        }
        Timer.Sample sample = Timer.start(metrics);
        Module module = decision.module();
        String uri = request.query() == null ? decision.upstreamPath() : decision.upstreamPath() + "?" + request.query();
        forwarder.forward(request, module, uri, tenant, requestId,
                status -> {
                    sample.stop(upstreamTimers.get(module));
                    measure(tenant, module, status, arrived);
                },
                failure -> {
                    measure(tenant, module, failure.status(), arrived);
                    if (!response.headWritten()) {
                        envelopes.fail(response, new ApiException(failure.status(), failure.code(), failure.message()));
                    } else {
                        response.reset();
                    }
                });
    }

    /**
     * Counts the answer in the shared per-tenant counters (capped by {@link io.ipsc.tenancy.metrics.TenantTagCap})
     * and in the tenant's performance figures. Only tenants that exist are followed, so made-up slugs
     * cannot fill the gateway's memory: their requests count as tenant {@code none}.
     */
    private void measure(String tenant, Module module, int status, long arrivedNanos) {
        boolean known = tenant != null && door.tenant(tenant).isPresent();
        tenantMetrics.increment("ipsc_gateway_requests", known ? tenant : TenantMetrics.NO_TENANT,
                "module", module.id(), "status", (status / 100) + "xx");
        if (known) {
            performance.record(tenant, module, status, System.nanoTime() - arrivedNanos);
        }
    }

    /**
     * Refusals an operator should see in the security figures of the tenants concerned; the rest are
     * ordinary 4xx. Only a caller with a valid token counts against a tenant: anyone can name a
     * tenant without one, so those are counted apart, once, without a tenant
     * ({@code ipsc_security_anonymous_refusals_total}).
     */
    private void noteRefusal(ApiException refused, Caller caller, HttpServerRequest request, String... tenants) {
        SecurityEvent.Kind kind = SecurityEvent.Kind.forRefusal(refused.code());
        if (kind == null) {
            return;
        }
        if (caller == null) {
            security.record(kind, null, (Caller) null, request.method().name(), request.path(), refused.getMessage());
            return;
        }
        for (String tenant : tenants) {
            if (tenant != null && door.tenant(tenant.trim()).isPresent()) {
                security.record(kind, tenant.trim(), caller, request.method().name(), request.path(), refused.getMessage());
            }
        }
    }
}
