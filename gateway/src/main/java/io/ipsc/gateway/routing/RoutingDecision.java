package io.ipsc.gateway.routing;

/**
 * Where a request goes: the module, the path on it, and the tenant named by the URL (if any).
 * {@code tenantChecked} says whether the gateway enforces tenant membership, status and features
 * (the domain modules), or leaves them to tenant-service (which owns those rules).
 */
public record RoutingDecision(Module module, String upstreamPath, String pathTenant, RouteTable.Route route, boolean tenantChecked) {
}
