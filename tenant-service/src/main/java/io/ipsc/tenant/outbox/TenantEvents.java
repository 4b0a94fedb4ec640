package io.ipsc.tenant.outbox;

import io.ipsc.tenancy.Timestamps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.TenantEventType;
import io.ipsc.tenancy.event.Placement;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.tenant.Tenant;
import io.ipsc.tenant.tenant.TenantView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import io.ipsc.tenant.membership.Membership;

/**
 * Records a tenant's lifecycle event in the outbox. Call inside the transaction that changed the
 * tenant, after a flush (so that id and version are final): the event commits with the change or
 * not at all.
 */
@ApplicationScoped
public class TenantEvents {

    private final ObjectMapper json;

    public TenantEvents(ObjectMapper json) {
        this.json = json;
    }

    public Uni<OutboxEvent> record(TenantEventType type, Tenant tenant) {
        return Membership.<Membership>list("tenantId", tenant.id).flatMap(members -> {
            Map<String, String> roles = new TreeMap<>();
            members.forEach(m -> roles.put(Long.toString(m.userId), m.role));
            return record(snapshot(type, tenant, roles));
        });
    }

    /**
     * {@link #record} of {@code TENANT_CREATED} for a tenant created in this transaction: it has no members yet (sign-up
     * adds its admin after this, and that records an event of its own), so the members are not read.
     */
    public Uni<OutboxEvent> recordCreated(Tenant tenant) {
        return record(snapshot(TenantEventType.TENANT_CREATED, tenant, Map.of()));
    }

    private static TenantSnapshot snapshot(TenantEventType type, Tenant tenant, Map<String, String> roles) {
        return new TenantSnapshot(type, tenant.id, tenant.slug, tenant.name, tenant.organizationType,
                tenant.status, Map.copyOf(tenant.features), TenantView.limits(tenant), roles, tenant.gstin, tenant.state, tenant.version, Timestamps.now(),
                new Placement(tenant.cluster, tenant.placementVersion));
    }

    private Uni<OutboxEvent> record(TenantSnapshot snapshot) {
        OutboxEvent event = new OutboxEvent();
        event.topic = Topics.TENANTS;
        event.recordKey = snapshot.slug();
        event.eventType = snapshot.eventType().name();
        event.createdAt = snapshot.occurredAt();
        try {
            event.payload = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return event.persist();
    }
}
