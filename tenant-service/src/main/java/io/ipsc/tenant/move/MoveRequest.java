package io.ipsc.tenant.move;

/** The body of {@code POST /api/tenants/{slug}/move}: the registered cluster to move the tenant's databases to. */
public record MoveRequest(String toCluster) {
}
