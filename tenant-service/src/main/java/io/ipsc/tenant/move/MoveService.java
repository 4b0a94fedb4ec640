package io.ipsc.tenant.move;

import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.event.Placement;
import io.ipsc.tenancy.event.ProvisioningReport;
import io.ipsc.tenancy.event.ServiceNeeds;
import io.ipsc.tenancy.event.TenantEventType;
import io.ipsc.tenancy.event.TenantStatus;
import io.ipsc.tenant.cluster.ClusterRepository;
import io.ipsc.tenant.cluster.ClusterService;
import io.ipsc.tenant.outbox.OutboxRelay;
import io.ipsc.tenant.outbox.TenantEvents;
import io.ipsc.tenant.provisioning.ServiceProvisioning;
import io.ipsc.tenant.support.Failures;
import io.ipsc.tenant.tenant.Tenant;
import io.ipsc.tenant.tenant.TenantRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moving a tenant's databases to another cluster (issue 20). tenant-service only places the tenant on the target
 * and follows: each domain service sees the new placement in the tenant's snapshot, copies its database there and
 * reports its progress on {@code ipsc.provisioning}; {@link #follow} adds the reports up to the move's state, and
 * when a service reports that it failed (and rolled back), places the tenant back on the source cluster so that
 * the services that had switched move back the same way. The tenant stays active, and served, throughout.
 * <p>
 * A tenant being moved holds a place on both clusters until its move ends ({@link ClusterRepository#tenantCounts}):
 * on the target, where it is placed, and on the source, which still holds its databases and takes it back if the
 * move fails; so a rollback never finds its place given away, and never needs a capacity check.
 */
@ApplicationScoped
public class MoveService {

    private final TenantRepository tenants;
    private final MoveRepository moves;
    private final ClusterRepository clusterRegistry;
    private final ClusterService clusters;
    private final TenantEvents events;
    private final OutboxRelay relay;

    public MoveService(TenantRepository tenants, MoveRepository moves, ClusterRepository clusterRegistry,
                       ClusterService clusters, TenantEvents events, OutboxRelay relay) {
        this.tenants = tenants;
        this.moves = moves;
        this.clusterRegistry = clusterRegistry;
        this.clusters = clusters;
        this.events = events;
        this.relay = relay;
    }

    /**
     * Starts moving the tenant to {@code request.toCluster()}: in one transaction the move's row, the tenant placed
     * on the target (placement version + 1) and its snapshot in the outbox.
     */
    public Uni<MoveView> start(String slug, MoveRequest request) {
        String to = request.toCluster();
        if (to == null) {
            return Uni.createFrom().failure(ApiException.validation(List.of(new ErrorDetail("to_cluster",
                    "to_cluster is required: the registered database cluster to move the tenant to"))));
        }
        if (!Placement.isClusterName(to)) {
            return Uni.createFrom().failure(unknownCluster(to));
        }
        return startChecked(slug, to)
                .onFailure(Failures::isOptimisticLock).transform(e -> ApiException.conflict("CONCURRENT_UPDATE",
                        "Tenant '" + slug + "' was changed by another request at the same time; try again"))
                // The unique index on moves in progress: another request started one meanwhile.
                .onFailure().transform(ConstraintErrors.duplicate(() -> moving(slug)))
                .invoke(relay::wakeUp);
    }

    @WithTransaction
    Uni<MoveView> startChecked(String slug, String to) {
        return tenants.findBySlug(slug).onItem().ifNull().failWith(() -> ApiException.notFound("Tenant '" + slug + "'"))
                .flatMap(tenant -> moves.inProgress(tenant.id).flatMap(inProgress -> {
                    if (!TenantStatus.ACTIVE.wireName().equals(tenant.status)) {
                        return Uni.createFrom().failure(ApiException.conflict("TENANT_NOT_ACTIVE", "Tenant '" + slug + "' is "
                                + tenant.status + "; only an active tenant (every database provisioned, not suspended) can be moved"));
                    }
                    if (inProgress != null) {
                        return Uni.createFrom().failure(moving(slug));
                    }
                    if (to.equals(tenant.cluster)) {
                        return Uni.createFrom().failure(ApiException.conflict("ALREADY_ON_CLUSTER",
                                "Tenant '" + slug + "' is already on database cluster '" + to + "'"));
                    }
                    return ServiceProvisioning.<ServiceProvisioning>list("tenantId", tenant.id);
                }).flatMap(reports -> {
                    Optional<String> unsettled = unsettled(tenant, reports);
                    if (unsettled.isPresent()) {
                        return Uni.createFrom().failure(ApiException.conflict("TENANT_MOVING", "Tenant '" + slug + "' is still moving: "
                                + unsettled.get() + "; move it once every service serves it from '" + tenant.cluster + "'"));
                    }
                    return clusterRegistry.findById(to);
                }).flatMap(cluster -> {
                    if (cluster == null) {
                        return Uni.createFrom().failure(unknownCluster(to));
                    }
                    TenantMove move = new TenantMove();
                    move.tenantId = tenant.id;
                    move.fromCluster = tenant.cluster;
                    move.toCluster = to;
                    move.state = TenantMove.MOVING;
                    move.startedAt = Timestamps.now();
                    tenant.cluster = to;
                    tenant.placementVersion++;
                    tenant.updatedAt = move.startedAt;
                    move.placementVersion = tenant.placementVersion;
                    // The tenant's row first (its version is the snapshot's), then the target's capacity, under the
                    // lock that tenant creations take on it too.
                    return tenants.flush()
                            .flatMap(v -> clusters.confirmPlacement(to, to))
                            .flatMap(v -> {
                                move.tenantVersion = tenant.version;
                                return moves.persistAndFlush(move);
                            })
                            .flatMap(saved -> events.record(TenantEventType.TENANT_UPDATED, tenant))
                            .replaceWith(() -> view(move, ServiceNeeds.neededBy(tenant.features), List.of()));
                }));
    }

    /**
     * Why the tenant cannot start a move yet though none is in progress: a service still copies, or still serves it
     * from another cluster than its placement (a failed move's rollback under way). Services that have not reported
     * or failed to provision keep no database to move: they provision on the target.
     */
    static Optional<String> unsettled(Tenant tenant, List<ServiceProvisioning> reports) {
        Set<String> needed = ServiceNeeds.neededBy(tenant.features);
        for (ServiceProvisioning r : reports) {
            if (!needed.contains(r.service)) {
                continue;
            }
            String cluster = r.cluster == null ? Placement.MAIN_CLUSTER : r.cluster;
            if (MoveProgress.COPYING.equals(r.status) || MoveProgress.CATCHING_UP.equals(r.status)) {
                return Optional.of(r.service + " is " + r.status.replace('_', ' ') + " (" + cluster + " to " + tenant.cluster + ")");
            }
            if ("provisioned".equals(r.status) && !cluster.equals(tenant.cluster)) {
                return Optional.of(r.service + " still serves it from '" + cluster + "'");
            }
        }
        return Optional.empty();
    }

    /**
     * Applies a service's report to the tenant's move in progress, in the transaction that recorded the report;
     * returns true when the tenant itself changed (a failed move placed it back: its snapshot waits in the outbox).
     */
    public Uni<Boolean> follow(Tenant tenant, ProvisioningReport report) {
        if (tenant.placementVersion == 0) {
            // Never moved (a move raises the placement version when it starts): nothing to look up. Every report of a new
            // tenant comes here, 300 for a burst of 100 dental clinics.
            return Uni.createFrom().item(false);
        }
        return moves.inProgress(tenant.id).flatMap(move -> {
            Set<String> needed = ServiceNeeds.neededBy(tenant.features);
            if (move == null || report.tenantVersion() < move.tenantVersion || !needed.contains(report.service())) {
                return Uni.createFrom().item(false);
            }
            Optional<String> state = MoveProgress.stateOf(report.status(), report.cluster(), move.toCluster);
            if (state.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            return ServiceMoveProgress.<ServiceMoveProgress>findById(new ServiceMoveProgress.Key(move.id, report.service()))
                    .flatMap(existing -> {
                        ServiceMoveProgress row = existing != null ? existing : new ServiceMoveProgress();
                        row.moveId = move.id;
                        row.service = report.service();
                        row.state = state.get();
                        row.detail = report.detail();
                        row.updatedAt = Timestamps.now();
                        return existing != null ? moves.flush() : row.persistAndFlush().replaceWithVoid();
                    })
                    .flatMap(v -> moves.progressOf(List.of(move.id)))
                    .flatMap(rows -> settle(tenant, move, needed, rows));
        });
    }

    private Uni<Boolean> settle(Tenant tenant, TenantMove move, Set<String> needed, List<ServiceMoveProgress> rows) {
        Map<String, String> states = new LinkedHashMap<>();
        rows.forEach(r -> states.put(r.service, r.state));
        String outcome = MoveProgress.outcome(needed, states);
        if (TenantMove.MOVING.equals(outcome)) {
            return Uni.createFrom().item(false);
        }
        move.state = outcome;
        move.finishedAt = Timestamps.now();
        if (TenantMove.SWITCHED.equals(outcome)) {
            return moves.flush().replaceWith(false);
        }
        ServiceMoveProgress failed = rows.stream().filter(r -> MoveProgress.FAILED.equals(r.state) && needed.contains(r.service))
                .findFirst().orElseThrow();
        move.error = failed.service + ": " + (failed.detail == null ? "failed" : failed.detail)
                + "; placed back on '" + move.fromCluster + "'";
        // Back to the source, as a move of its own: the services that had switched copy back the same way, the one
        // that failed never left it.
        tenant.cluster = move.fromCluster;
        tenant.placementVersion++;
        tenant.updatedAt = move.finishedAt;
        return tenants.flush().flatMap(v -> events.record(TenantEventType.TENANT_UPDATED, tenant)).replaceWith(true);
    }

    /** The tenant's last move with each needed service's progress; null when it never moved. */
    @WithSession
    public Uni<MoveView> latest(Tenant tenant) {
        return moves.latest(tenant.id).flatMap(move -> move == null ? Uni.createFrom().nullItem()
                : moves.progressOf(List.of(move.id)).map(rows -> view(move, ServiceNeeds.neededBy(tenant.features), rows)));
    }

    /** Every move of the tenant, newest first. */
    @WithSession
    public Uni<List<MoveView>> list(Tenant tenant) {
        Set<String> needed = ServiceNeeds.neededBy(tenant.features);
        return moves.ofTenant(tenant.id).flatMap(all -> moves.progressOf(all.stream().map(m -> m.id).toList())
                .map(rows -> all.stream().map(m -> view(m, needed, rows.stream().filter(r -> r.moveId.equals(m.id)).toList())).toList()));
    }

    static MoveView view(TenantMove m, Set<String> needed, List<ServiceMoveProgress> rows) {
        Map<String, MoveView.ServiceMove> services = new LinkedHashMap<>();
        needed.forEach(service -> services.put(service, new MoveView.ServiceMove(MoveProgress.MOVING, null, null)));
        rows.forEach(r -> services.put(r.service, new MoveView.ServiceMove(r.state, r.detail, r.updatedAt)));
        return new MoveView(m.id, m.fromCluster, m.toCluster, m.state, m.placementVersion, m.tenantVersion,
                m.startedAt, m.finishedAt, m.error, services);
    }

    private static ApiException moving(String slug) {
        return ApiException.conflict("TENANT_MOVING", "Tenant '" + slug + "' is being moved already; GET /api/tenants/"
                + slug + " shows the move's progress");
    }

    private static ApiException unknownCluster(String name) {
        return ApiException.validation(List.of(new ErrorDetail("to_cluster",
                "to_cluster '" + name + "' is not a registered database cluster (GET /api/database/clusters lists them)")));
    }
}
