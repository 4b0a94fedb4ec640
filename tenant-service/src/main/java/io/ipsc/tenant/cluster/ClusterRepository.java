package io.ipsc.tenant.cluster;

import io.ipsc.tenancy.event.TenantStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<DatabaseCluster, String> {

    public Uni<List<DatabaseCluster>> listByName() {
        return listAll(Sort.by("name"));
    }

    /**
     * Every cluster, locked until the transaction ends (always in name order, so two lockers never
     * deadlock): placing a tenant and changing a capacity see the same counts, and no two placements
     * both take a cluster's last place.
     */
    public Uni<List<DatabaseCluster>> listLockedByName() {
        return findAll(Sort.by("name")).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<DatabaseCluster> findLocked(String name) {
        return findById(name, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Tenants per cluster, deleted ones left out (their databases are archived, their places free). */
    public Uni<Map<String, Long>> tenantCounts() {
        return Panache.getSession().flatMap(session -> session.createSelectionQuery(
                        "select t.cluster, count(t) from Tenant t where t.status <> :deleted group by t.cluster", Object[].class)
                .setParameter("deleted", TenantStatus.DELETED.wireName())
                .getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
                    return counts;
                });
    }
}
