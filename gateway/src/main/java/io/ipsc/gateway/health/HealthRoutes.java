package io.ipsc.gateway.health;

import io.ipsc.gateway.directory.GatewayTenantDirectory;
import io.ipsc.gateway.door.Door;
import io.ipsc.gateway.door.TenantResolver;
import io.ipsc.gateway.edge.Envelopes;
import io.ipsc.gateway.proxy.Upstreams;
import io.ipsc.gateway.routing.Module;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.security.TokenKeysProbe;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The seed guide's health and status endpoints: {@code /health} and {@code /api/health} for anyone
 * (with {@code multi_tenant_enabled}); {@code /api/health/detailed} and {@code /api/system/status}
 * for platform admins, since they describe the whole installation.
 */
@Singleton
public class HealthRoutes {

    /** The routes served here, ahead of the proxy's: one table, so that {@link #PATHS} cannot miss one. */
    private static final Map<String, BiConsumer<HealthRoutes, RoutingContext>> ROUTES = Map.of(
            "/health", HealthRoutes::health,
            "/api/health", HealthRoutes::health,
            "/api/health/detailed", HealthRoutes::detailed,
            "/api/system/status", HealthRoutes::systemStatus);
    /** The paths served here: never forwarded (see {@code GatewayRoutes#forwardsDirectly}). */
    public static final Set<String> PATHS = ROUTES.keySet();

    private final GatewayTenantDirectory directory;
    private final TokenKeysProbe keys;
    private final TenantResolver resolver;
    private final Upstreams upstreams;
    private final Door door;
    private final Envelopes envelopes;
    private final String version;
    private final int maxTenants;

    public HealthRoutes(GatewayTenantDirectory directory, TokenKeysProbe keys, TenantResolver resolver, Upstreams upstreams, Door door, Envelopes envelopes,
                        @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version,
                        @ConfigProperty(name = "ipsc.max-tenants-per-instance", defaultValue = "100") int maxTenants) {
        this.directory = directory;
        this.keys = keys;
        this.resolver = resolver;
        this.upstreams = upstreams;
        this.door = door;
        this.envelopes = envelopes;
        this.version = version;
        this.maxTenants = maxTenants;
    }

    void register(@Observes Router router) {
        ROUTES.forEach((path, handler) -> router.get(path).order(1).handler(ctx -> handler.accept(this, ctx)));
    }

    /** Healthy on the same terms as the readiness probe: the whole tenant directory and the token keys are held. */
    void health(RoutingContext ctx) {
        boolean directoryReady = directory.caughtUp();
        boolean keysReady = keys.held();
        boolean ready = directoryReady && keysReady;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", ready ? "healthy" : "starting");
        data.put("multi_tenant_enabled", resolver.multiTenant());
        data.put("default_tenant_slug", resolver.defaultSlug());
        data.put("tenant_directory_ready", directoryReady);
        data.put("token_keys_ready", keysReady);
        data.put("version", version);
        send(ctx.response().setStatusCode(ready ? 200 : 503), ApiResponse.ok(data, ready ? "IPSC is healthy"
                : "IPSC is starting: " + (directoryReady ? "the token keys are" : "the tenant directory is") + " still loading"));
    }

    void detailed(RoutingContext ctx) {
        asPlatformAdmin(ctx, () -> detailedStatus(ctx));
    }

    private void detailedStatus(RoutingContext ctx) {
        List<Future<Map.Entry<String, Object>>> checks = new ArrayList<>();
        for (Module module : Module.values()) {
            // Readiness lives on each module's management interface, not on its API port.
            checks.add(upstreams.management(module)
                    .request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/q/health/ready").setIdleTimeout(3_000))
                    .compose(req -> req.send())
                    .map(res -> Map.entry(module.id(), (Object) Map.of("status", res.statusCode() == 200 ? "up" : "down", "http_status", res.statusCode())))
                    .otherwise(e -> Map.entry(module.id(), Map.of("status", "unreachable", "error", String.valueOf(e.getMessage())))));
        }
        Future.join(checks).onComplete(done -> {
            Map<String, Object> services = new LinkedHashMap<>();
            boolean allUp = true;
            for (Future<Map.Entry<String, Object>> check : checks) {
                Map.Entry<String, Object> result = check.result();
                services.put(result.getKey(), result.getValue());
                allUp &= "up".equals(((Map<?, ?>) result.getValue()).get("status"));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("status", allUp && directory.caughtUp() && keys.held() ? "healthy" : "degraded");
            data.put("multi_tenant_enabled", resolver.multiTenant());
            data.put("services", services);
            data.put("kafka", Map.of("tenant_directory_ready", directory.caughtUp()));
            data.put("tenants_by_status", directory.countsByStatus());
            send(ctx.response(), ApiResponse.ok(data, allUp ? "Every service is ready" : "Some services are not ready"));
        });
    }

    void systemStatus(RoutingContext ctx) {
        asPlatformAdmin(ctx, () -> systemStatusOf(ctx));
    }

    private void systemStatusOf(RoutingContext ctx) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("uptime_seconds", Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()).toSeconds());
        data.put("multi_tenant_enabled", resolver.multiTenant());
        data.put("max_tenants_per_instance", maxTenants);
        Map<String, Integer> byStatus = directory.countsByStatus();
        data.put("tenants_by_status", byStatus);
        data.put("tenants_total", byStatus.values().stream().mapToInt(Integer::intValue).sum());
        send(ctx.response(), ApiResponse.ok(data, "IPSC system status"));
    }

    /** Runs {@code answer} for a platform admin's token; anyone else gets the refusal. */
    private void asPlatformAdmin(RoutingContext ctx, Runnable answer) {
        door.authenticate(ctx.request().getHeader("Authorization")).onComplete(proved -> {
            if (proved.failed()) {
                envelopes.fail(ctx.response(), (ApiException) proved.cause());
            } else if (!proved.result().platformAdmin()) {
                envelopes.fail(ctx.response(), ApiException.forbidden("FORBIDDEN", "Only platform administrators may see the installation's status"));
            } else {
                answer.run();
            }
        });
    }

    private void send(HttpServerResponse response, Object body) {
        envelopes.send(response, body);
    }
}
