package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.event.TenantStatus;
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

    public Uni<Long> countNotDeleted() {
        return count("status <> ?1", TenantStatus.DELETED.wireName());
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
