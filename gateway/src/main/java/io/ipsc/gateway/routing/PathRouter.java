package io.ipsc.gateway.routing;

import java.util.Optional;

/**
 * Maps a request path to its owner. Module paths come in two forms that reach the same place:
 * {@code /api/tenants/{slug}/products/7} and {@code /api/products/7} (tenant from header or host);
 * both become {@code /api/products/7} upstream.
 */
public final class PathRouter {

    private PathRouter() {
    }

    /**
     * As {@link #route(String)}, with {@code /api/audit} (which every module serves) sent to the module
     * {@link AuditRoutes#owner} reads from the query; it may throw that method's 400s.
     */
    public static Optional<RoutingDecision> route(String path, java.util.function.Function<String, String> query) {
        Optional<RoutingDecision> routed = route(path);
        if (routed.isEmpty() || routed.get().route() == null || !AuditRoutes.FAMILY.equals(routed.get().route().family())) {
            return routed;
        }
        RoutingDecision audit = routed.get();
        Module owner = AuditRoutes.owner(query);
        if (owner == Module.TENANT_SERVICE) {
            // The platform's trail belongs to no tenant: tenant-service checks its caller is a platform admin.
            return Optional.of(new RoutingDecision(owner, audit.upstreamPath(), null, null, false));
        }
        return Optional.of(new RoutingDecision(owner, audit.upstreamPath(), audit.pathTenant(),
                new RouteTable.Route(AuditRoutes.FAMILY, owner), audit.tenantChecked()));
    }

    /**
     * The owner by the path alone. {@code /api/audit} answers invoicing here, the module whose OpenAPI
     * document describes it for the suite; requests are routed by {@link #route(String, java.util.function.Function)}.
     */
    public static Optional<RoutingDecision> route(String path) {
        if (path.equals("/.well-known/jwks.json")) {
            return Optional.of(new RoutingDecision(Module.TENANT_SERVICE, path, null, null, false));
        }
        if (!path.startsWith("/api/") || path.contains("/../") || path.endsWith("/..")) {
            return Optional.empty();
        }
        if (RouteTable.installationWide(path)) {
            return RouteTable.tenantScoped(path.split("/")[2]).map(route -> new RoutingDecision(route.module(), path, null, route, false));
        }
        String[] segments = path.substring("/api/".length()).split("/", -1);
        String first = segments[0];
        if (first.equals("tenants") && segments.length >= 3 && !segments[2].isEmpty()) {
            String slug = segments[1];
            String family = segments[2];
            if (RouteTable.tenantServiceUnderTenant(family)) {
                return Optional.of(new RoutingDecision(Module.TENANT_SERVICE, path, slug, null, false));
            }
            return RouteTable.tenantScoped(family).map(route -> new RoutingDecision(route.module(),
                    "/api/" + String.join("/", java.util.Arrays.copyOfRange(segments, 2, segments.length)), slug, route, true));
        }
        if (RouteTable.tenantServiceRoot(first)) {
            String slug = first.equals("tenants") && segments.length >= 2 && !segments[1].isEmpty() ? segments[1] : null;
            return Optional.of(new RoutingDecision(Module.TENANT_SERVICE, path, slug, null, false));
        }
        return RouteTable.tenantScoped(first).map(route -> new RoutingDecision(route.module(), path, null, route, true));
    }
}
