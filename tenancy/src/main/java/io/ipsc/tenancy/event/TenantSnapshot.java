package io.ipsc.tenancy.event;

import java.time.Instant;
import java.util.Map;

/**
 * The value of every record on {@link Topics#TENANTS}: the tenant as it is after the event, complete,
 * so that a consumer can rebuild its view from the compacted topic alone. {@code version} grows with
 * every change; a consumer ignores a snapshot whose version it has already seen or passed.
 * {@code members} maps user id to role, so that every service learns of a removed member as soon
 * as the event arrives, without waiting for the member's token to expire. {@code gstin} and
 * {@code state} are the tenant's own, which decide intra- or inter-state supply on its invoices.
 * {@code placement} names the database cluster that holds the tenant's databases; a snapshot written
 * before it existed (an old record on the compacted topic) has none, and means {@link Placement#MAIN}.
 */
public record TenantSnapshot(
        TenantEventType eventType,
        long id,
        String slug,
        String name,
        String organizationType,
        String status,
        Map<String, Boolean> features,
        PlanLimits subscription,
        Map<String, String> members,
        String gstin,
        String state,
        long version,
        Instant occurredAt,
        Placement placement) {

    /** Never null: a snapshot without a placement is a tenant on {@code main} that never moved. */
    @Override
    public Placement placement() {
        return placement == null ? Placement.MAIN : placement;
    }

    public boolean featureOn(String feature) {
        return features != null && Boolean.TRUE.equals(features.get(feature));
    }

    public boolean isDeleted() {
        return TenantStatus.DELETED.wireName().equals(status);
    }

    public boolean isSuspended() {
        return TenantStatus.SUSPENDED.wireName().equals(status);
    }
}
