package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.event.TenantStatus;
import io.ipsc.tenant.cluster.PlacementPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class TenantRepository implements PanacheRepository<Tenant> {

    public Uni<Tenant> findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    /**
     * What a creation checks before it writes: the tenants of the instance (deleted ones left out), whether the slug is
     * taken (by a deleted tenant too), and every registered cluster with the places its tenants take (as
     * {@code ClusterRepository.tenantCounts} counts them).
     */
    public record CreationCheck(long tenants, boolean slugTaken, List<PlacementPolicy.Load> clusters) {
    }

    /**
     * {@link CreationCheck} in one statement: a creation's transaction holds its connection for every round trip, and
     * in a burst the four separate reads it made were most of its time (idle in transaction, waiting for its turn on
     * a busy machine). Committed state, no lock: the creation's last step (placement's check) settles the races.
     */
    public Uni<CreationCheck> creationCheck(String slug) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT i.tenants, i.slug_taken, c.name, c.state, c.capacity, ipsc_cluster_places_taken(c.name, :deleted)"
                                + " FROM (SELECT (SELECT count(*) FROM tenants WHERE status <> :deleted) AS tenants,"
                                + " EXISTS (SELECT 1 FROM tenants WHERE slug = :slug) AS slug_taken) i"
                                + " LEFT JOIN database_clusters c ON true ORDER BY c.name", Object[].class)
                .setParameter("deleted", TenantStatus.DELETED.wireName())
                .setParameter("slug", slug)
                .getResultList())
                .map(rows -> {
                    List<PlacementPolicy.Load> clusters = new ArrayList<>();
                    for (Object[] row : rows) {
                        if (row[2] != null) {
                            clusters.add(new PlacementPolicy.Load((String) row[2], (String) row[3], ((Number) row[4]).intValue(),
                                    ((Number) row[5]).longValue()));
                        }
                    }
                    Object[] first = rows.get(0);
                    return new CreationCheck(((Number) first[0]).longValue(), (Boolean) first[1], clusters);
                });
    }

    /** Tenants as the filter narrows them; {@code memberOf} (a user id) restricts to that user's tenants. */
    public Uni<List<Tenant>> search(TenantFilter filter, Long memberOf, PageRequest page) {
        Query q = query(filter, memberOf);
        return find(q.where, Sort.by("id"), q.params).page(page.page() - 1, page.size()).list();
    }

    public Uni<Long> countSearch(TenantFilter filter, Long memberOf) {
        Query q = query(filter, memberOf);
        return count(q.where, q.params);
    }

    private record Query(String where, Parameters params) {
    }

    private static Query query(TenantFilter filter, Long memberOf) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.status() != null) {
            clauses.add("status = :status");
            params.and("status", filter.status());
        } else {
            clauses.add("status <> 'deleted'");
        }
        if (filter.type() != null) {
            clauses.add("organizationType = :type");
            params.and("type", filter.type());
        }
        if (filter.plan() != null) {
            clauses.add("subscriptionPlan = :plan");
            params.and("plan", filter.plan());
        }
        if (filter.search() != null) {
            clauses.add("(lower(name) like :search escape '\\' or slug like :search escape '\\'"
                    + " or lower(coalesce(contactEmail, '')) like :search escape '\\')");
            params.and("search", filter.searchPattern());
        }
        if (memberOf != null) {
            clauses.add("id in (select m.tenantId from Membership m where m.userId = :user)");
            params.and("user", memberOf);
        }
        return new Query(String.join(" and ", clauses), params);
    }
}
