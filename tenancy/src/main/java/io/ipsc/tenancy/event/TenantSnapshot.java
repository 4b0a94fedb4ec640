package io.ipsc.tenancy.event;

import java.time.Instant;
import java.util.Map;

/**
 * The value of every record on {@link Topics#TENANTS}: the tenant as it is after the event, complete,
 * so that a consumer can rebuild its view from the compacted topic alone. {@code version} grows with
 * every change; a consumer ignores a snapshot whose version it has already seen or passed.
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
        long version,
        Instant occurredAt) {

    public boolean featureOn(String feature) {
        return Boolean.TRUE.equals(features.get(feature));
    }
}
