package io.ipsc.tenant.provisioning;

import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.event.Placement;
import io.ipsc.tenancy.event.ProvisioningReport;
import io.ipsc.tenancy.event.ServiceNeeds;
import io.ipsc.tenancy.event.TenantEventType;
import io.ipsc.tenancy.event.TenantStatus;
import io.ipsc.tenant.move.MoveService;
import io.ipsc.tenant.outbox.TenantEvents;
import io.ipsc.tenant.tenant.Tenant;
import io.ipsc.tenant.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the services' reports into the tenant's state: a tenant is provisioning until every service
 * it needs has reported its database ready, then active; a move in progress follows them too
 * ({@link MoveService#follow}). Reports are applied idempotently: a report about an older snapshot
 * than the one already recorded changes nothing.
 */
@ApplicationScoped
public class ProvisioningService {

    private static final Logger LOG = Logger.getLogger(ProvisioningService.class);

    private final TenantRepository tenants;
    private final TenantEvents events;
    private final MoveService moves;

    public ProvisioningService(TenantRepository tenants, TenantEvents events, MoveService moves) {
        this.tenants = tenants;
        this.events = events;
        this.moves = moves;
    }

    /** Records {@code report}; returns true when the tenant's own state changed (an event is waiting in the outbox). */
    @WithTransaction
    public Uni<Boolean> record(ProvisioningReport report) {
        return tenants.findBySlug(report.tenant()).flatMap(tenant -> {
            if (tenant == null) {
                LOG.debugf("Report for unknown tenant %s ignored", report.tenant());
                return Uni.createFrom().item(false);
            }
            return ServiceProvisioning.<ServiceProvisioning>findById(new ServiceProvisioning.Key(tenant.id, report.service()))
                    .flatMap(existing -> {
                        if (existing != null && existing.tenantVersion > report.tenantVersion()) {
                            return Uni.createFrom().item(false);
                        }
                        ServiceProvisioning row = existing != null ? existing : new ServiceProvisioning();
                        row.tenantId = tenant.id;
                        row.service = report.service();
                        row.status = report.status().name().toLowerCase();
                        row.schemaVersion = report.schemaVersion();
                        row.detail = report.detail();
                        row.tenantVersion = report.tenantVersion();
                        row.cluster = report.cluster();
                        row.updatedAt = Timestamps.now();
                        Uni<?> saved = existing != null ? Uni.createFrom().item(row) : row.persist();
                        // A move's progress (copying, catching up) leaves the tenant's status alone: only a
                        // provisioning tenant is activated, and a moving one is active already.
                        return saved.flatMap(s -> Panache.getSession().flatMap(session -> session.flush()))
                                .flatMap(v -> moves.follow(tenant, report))
                                .flatMap(placedBack -> activateIfReady(tenant).map(activated -> placedBack || activated));
                    });
        });
    }

    private Uni<Boolean> activateIfReady(Tenant tenant) {
        if (!TenantStatus.PROVISIONING.wireName().equals(tenant.status)) {
            return Uni.createFrom().item(false);
        }
        Set<String> needed = ServiceNeeds.neededBy(tenant.features);
        return ServiceProvisioning.<ServiceProvisioning>list("tenantId", tenant.id).flatMap(rows -> {
            long ready = rows.stream().filter(r -> needed.contains(r.service) && "provisioned".equals(r.status)).count();
            if (ready < needed.size()) {
                return Uni.createFrom().item(false);
            }
            tenant.status = TenantStatus.ACTIVE.wireName();
            tenant.activatedAt = Timestamps.now();
            tenant.updatedAt = tenant.activatedAt;
            return tenants.flush().flatMap(v -> events.record(TenantEventType.TENANT_UPDATED, tenant)).replaceWith(true);
        });
    }

    /** Each needed service's state (pending until it reports), plus any other service that reported. */
    @WithSession
    public Uni<Map<String, ProvisioningView>> states(Tenant tenant) {
        return ServiceProvisioning.<ServiceProvisioning>list("tenantId", tenant.id).map(rows -> view(tenant, rows));
    }

    static Map<String, ProvisioningView> view(Tenant tenant, List<ServiceProvisioning> rows) {
        Map<String, ProvisioningView> states = new LinkedHashMap<>();
        for (String service : ServiceNeeds.neededBy(tenant.features)) {
            states.put(service, ProvisioningView.pending(tenant.cluster));
        }
        for (ServiceProvisioning r : rows) {
            states.put(r.service, new ProvisioningView(r.status, r.schemaVersion, r.detail, r.updatedAt,
                    r.cluster == null ? Placement.MAIN_CLUSTER : r.cluster));
        }
        return states;
    }
}
