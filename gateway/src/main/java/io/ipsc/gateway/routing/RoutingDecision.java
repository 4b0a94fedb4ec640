package io.ipsc.gateway.routing;

/**
 * Where a request goes: the module, the path on it, and the tenant named by the URL (if any).
 * {@code tenantChecked} says whether the gateway enforces tenant membership, status and features
 * (the domain modules), or leaves them to tenant-service (which owns those rules).
 */
public record RoutingDecision(Module module, String upstreamPath, String pathTenant, RouteTable.Route route, boolean tenantChecked) {

    /**
     * The route's name in the request metrics, bounded by the route table: {@code /api/products} for every request of
     * the products family in either form, {@code /api/tenants} for tenant-service's tenant paths.
     */
    public String metricsUri() {
        if (route != null) {
            return "/api/" + route.family();
        }
        if (!upstreamPath.startsWith("/api/")) {
            return upstreamPath;
        }
        int end = upstreamPath.indexOf('/', "/api/".length());
        return end < 0 ? upstreamPath : upstreamPath.substring(0, end);
    }
}
