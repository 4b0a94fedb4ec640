package io.ipsc.tenant.cluster;

import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.event.ClusterSnapshot;
import io.ipsc.tenancy.event.Placement;
import io.ipsc.tenant.outbox.OutboxRelay;
import io.ipsc.tenant.support.Failures;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The registry of database clusters: which exist, which take new tenants, how many each may hold.
 * Every change writes the row and its snapshot for {@code ipsc.clusters} in one transaction.
 */
@ApplicationScoped
public class ClusterService {

    static final Set<String> STATES = Set.of(ClusterSnapshot.OPEN, ClusterSnapshot.DRAINING, ClusterSnapshot.CLOSED);
    static final int MAX_CAPACITY = 10_000_000;

    private final ClusterRepository clusters;
    private final ClusterEvents events;
    private final OutboxRelay relay;

    public ClusterService(ClusterRepository clusters, ClusterEvents events, OutboxRelay relay) {
        this.clusters = clusters;
        this.events = events;
        this.relay = relay;
    }

    @WithSession
    public Uni<List<ClusterView>> list() {
        return clusters.listByName().flatMap(all -> clusters.tenantCounts().map(counts ->
                all.stream().map(c -> ClusterView.of(c, counts.getOrDefault(c.name, 0L))).toList()));
    }

    @WithSession
    public Uni<ClusterView> get(String name) {
        return clusters.findById(name).onItem().ifNull().failWith(() -> notFound(name))
                .flatMap(c -> clusters.tenantCounts().map(counts -> ClusterView.of(c, counts.getOrDefault(name, 0L))));
    }

    public Uni<ClusterView> create(ClusterRequest request) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (request.name() == null) {
            errors.add(new ErrorDetail("name", "name is required"));
        } else if (!Placement.isClusterName(request.name())) {
            errors.add(new ErrorDetail("name", "name must be 1 to 31 lower-case letters and digits, starting with a letter"
                    + " (it names environment variables: IPSC_CLUSTERS_<NAME>_HOST)"));
        }
        if (request.capacity() == null) {
            errors.add(new ErrorDetail("capacity", "capacity is required (how many tenants the cluster may hold)"));
        }
        checkStateAndCapacity(errors, request);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(errors));
        }
        return createChecked(request)
                .onFailure().transform(ConstraintErrors.duplicate(() -> duplicate(request.name())))
                .invoke(relay::wakeUp);
    }

    @WithTransaction
    Uni<ClusterView> createChecked(ClusterRequest r) {
        return clusters.findById(r.name()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(duplicate(r.name()));
            }
            DatabaseCluster c = new DatabaseCluster();
            c.name = r.name();
            c.state = r.state() == null ? ClusterSnapshot.OPEN : r.state();
            c.capacity = r.capacity();
            c.createdAt = Timestamps.now();
            c.updatedAt = c.createdAt;
            return clusters.persistAndFlush(c).flatMap(events::record).replaceWith(ClusterView.of(c, 0));
        });
    }

    public Uni<ClusterView> update(String name, ClusterRequest request) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (request.name() != null && !request.name().equals(name)) {
            errors.add(new ErrorDetail("name", "a cluster cannot be renamed: services find its address by the name"));
        }
        if (request.state() == null && request.capacity() == null) {
            errors.add(new ErrorDetail(null, "send a state or a capacity, e.g. {\"state\": \"draining\"}"));
        }
        checkStateAndCapacity(errors, request);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation(errors));
        }
        return updateChecked(name, request)
                .onFailure(Failures::isOptimisticLock).transform(e -> ApiException.conflict("CONCURRENT_UPDATE",
                        "Database cluster '" + name + "' was changed by another request at the same time; try again"))
                .invoke(relay::wakeUp);
    }

    @WithTransaction
    Uni<ClusterView> updateChecked(String name, ClusterRequest r) {
        // Locked: a tenant being placed meanwhile waits, so the count compared with the new capacity stays true.
        return clusters.findLocked(name).onItem().ifNull().failWith(() -> notFound(name))
                .flatMap(c -> clusters.tenantCounts().flatMap(counts -> {
                    long tenants = counts.getOrDefault(name, 0L);
                    if (r.capacity() != null && r.capacity() < tenants) {
                        return Uni.createFrom().failure(ApiException.conflict("CLUSTER_CAPACITY_BELOW_TENANTS",
                                "Database cluster '" + name + "' holds " + tenants + " tenants; its capacity cannot be set below that ("
                                        + r.capacity() + "); set it to draining to stop new tenants instead"));
                    }
                    boolean changed = (r.state() != null && !r.state().equals(c.state))
                            || (r.capacity() != null && r.capacity() != c.capacity);
                    if (!changed) {
                        return Uni.createFrom().item(ClusterView.of(c, tenants));
                    }
                    if (r.state() != null) {
                        c.state = r.state();
                    }
                    if (r.capacity() != null) {
                        c.capacity = r.capacity();
                    }
                    c.updatedAt = Timestamps.now();
                    return clusters.flush().flatMap(v -> events.record(c)).replaceWith(() -> ClusterView.of(c, tenants));
                }));
    }

    /**
     * The last step of a tenant's creation, after its row is flushed: locks the chosen cluster's row until the commit
     * and checks again that the cluster takes the tenant (still open, and room for it beside the tenants committed
     * there meanwhile), else the whole creation rolls back with the policy's 409. Near the cluster's capacity only this
     * check and the commit run one at a time per cluster, and a creation waiting here sees the ones before it
     * committed; with more free places than creations can be in flight, the lock is shared and they commit side by
     * side (ClusterRepository.lockForPlacement). So no cluster is ever filled past its capacity, and none takes a tenant
     * after it was set draining or closed.
     */
    public Uni<Void> confirmPlacement(String cluster, String requested) {
        return clusters.lockForPlacement(cluster).map(c -> {
            // The policy weighs the others: this tenant's own row is already in the count. A cluster removed meanwhile
            // (there is no removal today) takes no tenant.
            PlacementPolicy.Load load = c == null ? new PlacementPolicy.Load(cluster, "closed", 0, 0)
                    : new PlacementPolicy.Load(cluster, c.state(), c.capacity(), c.tenants() - 1);
            PlacementPolicy.place(List.of(load), requested);
            return null;
        });
    }

    private static void checkStateAndCapacity(List<ErrorDetail> errors, ClusterRequest r) {
        if (r.state() != null && !STATES.contains(r.state())) {
            errors.add(new ErrorDetail("state", "state must be one of open, draining, closed"));
        }
        if (r.capacity() != null && (r.capacity() < 0 || r.capacity() > MAX_CAPACITY)) {
            errors.add(new ErrorDetail("capacity", "capacity must be between 0 and " + MAX_CAPACITY));
        }
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("Database cluster '" + name + "'");
    }

    private static ApiException duplicate(String name) {
        return ApiException.conflict("DUPLICATE_CLUSTER", "A database cluster named '" + name + "' already exists");
    }
}
