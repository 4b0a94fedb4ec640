package io.ipsc.tenant.cluster;

import io.ipsc.tenancy.event.TenantStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<DatabaseCluster, String> {

    public Uni<List<DatabaseCluster>> listByName() {
        return listAll(Sort.by("name"));
    }

    /** A cluster's state and capacity as committed, read under its row lock. */
    public record Registered(String state, int capacity) {
    }

    /**
     * The cluster's state and capacity as committed, its row locked until the transaction ends; null when there is no
     * such cluster. A change of its state or capacity ({@link #findLocked}) and the last check of each tenant placed on
     * it ({@code ClusterService.confirmPlacement}) take this lock, so they happen one at a time and each sees the one
     * before it committed.
     * <p>
     * {@code FOR NO KEY UPDATE}, not {@code FOR UPDATE}: every tenant row inserted on the cluster holds a key-share lock
     * on it (the foreign key) until its transaction ends. {@code FOR UPDATE} would wait for those, and two creations on
     * one cluster, each holding its key share and asking for the lock, would deadlock; {@code FOR NO KEY UPDATE} does
     * not conflict with key shares, and the name (the key) never changes.
     */
    public Uni<Registered> lock(String name) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT state, capacity FROM database_clusters WHERE name = :name FOR NO KEY UPDATE", Object[].class)
                .setParameter("name", name)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : new Registered((String) rows.get(0)[0], ((Number) rows.get(0)[1]).intValue()));
    }

    /** A cluster's state and capacity, and the tenants placed on it, all read after its row was locked. */
    public record LockedForPlacement(String state, int capacity, long tenants) {
    }

    /**
     * The cluster's row locked until the transaction ends and a count of its tenants (as {@link #tenantCounts} counts
     * them), in one round trip (the database function of V9). While the cluster has more free places than transactions
     * can be open at once on the server, the lock is shared with the other creations (their commits are not
     * serialised) and still keeps out a change of the cluster ({@link #lock}); nearer its capacity it is {@link #lock}'s
     * exclusive one, and the count sees every tenant committed before it was granted. Flushes first, so that this
     * transaction's own tenant is counted and no write of it waits until after the lock. Null when there is no such
     * cluster.
     */
    public Uni<LockedForPlacement> lockForPlacement(String name) {
        return Panache.getSession().flatMap(session -> session.flush().flatMap(flushed -> session.createNativeQuery(
                        "SELECT state, capacity, tenants FROM ipsc_lock_cluster_for_placement(:name, :deleted)", Object[].class)
                .setParameter("name", name)
                .setParameter("deleted", TenantStatus.DELETED.wireName())
                .getResultList()))
                .map(rows -> rows.isEmpty() ? null : new LockedForPlacement((String) rows.get(0)[0],
                        ((Number) rows.get(0)[1]).intValue(), ((Number) rows.get(0)[2]).longValue()));
    }

    /** The cluster for a change, under {@link #lock}; loaded after the lock, so it is the committed row. */
    public Uni<DatabaseCluster> findLocked(String name) {
        return lock(name).flatMap(found -> found == null ? Uni.createFrom().nullItem() : findById(name));
    }

    /**
     * Tenants per cluster, deleted ones left out (their databases are archived, their places free). A tenant being
     * moved counts on both clusters until its move ends: where it is placed, and where it comes from.
     */
    public Uni<Map<String, Long>> tenantCounts() {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select t.cluster, count(t) from Tenant t where t.status <> :deleted group by t.cluster", Object[].class)
                .setParameter("deleted", TenantStatus.DELETED.wireName())
                .getResultList()
                .flatMap(rows -> movingAway(session).map(away -> {
                    Map<String, Long> counts = new HashMap<>(away);
                    rows.forEach(row -> counts.merge((String) row[0], (Long) row[1], Long::sum));
                    return counts;
                })));
    }

    /** Per cluster, the tenants being moved away from it (moves in progress of tenants not deleted). */
    private static Uni<Map<String, Long>> movingAway(Mutiny.Session session) {
        return session.createSelectionQuery("select m.fromCluster, count(m) from TenantMove m, Tenant t"
                        + " where t.id = m.tenantId and m.state = 'moving' and t.status <> :deleted group by m.fromCluster", Object[].class)
                .setParameter("deleted", TenantStatus.DELETED.wireName())
                .getResultList()
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
                    return counts;
                });
    }
}
