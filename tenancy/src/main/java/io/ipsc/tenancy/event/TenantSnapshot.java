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
        Instant occurredAt) {

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
