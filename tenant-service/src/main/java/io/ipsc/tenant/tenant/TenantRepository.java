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

    /** Tenants filtered by status and type; {@code memberOf} (a user id) restricts to that user's tenants. */
    public Uni<List<Tenant>> search(String status, String type, Long memberOf, PageRequest page) {
        Query q = query(status, type, memberOf);
        return find(q.where, Sort.by("id"), q.params).page(page.page() - 1, page.size()).list();
    }

    public Uni<Long> countSearch(String status, String type, Long memberOf) {
        Query q = query(status, type, memberOf);
        return count(q.where, q.params);
    }

    private record Query(String where, Parameters params) {
    }

    private static Query query(String status, String type, Long memberOf) {
        List<String> clauses = new ArrayList<>();
        Parameters params = new Parameters();
        if (status != null) {
            clauses.add("status = :status");
            params.and("status", status);
        } else {
            clauses.add("status <> 'deleted'");
        }
        if (type != null) {
            clauses.add("organizationType = :type");
            params.and("type", type);
        }
        if (memberOf != null) {
            clauses.add("id in (select m.tenantId from Membership m where m.userId = :user)");
            params.and("user", memberOf);
        }
        return new Query(String.join(" and ", clauses), params);
    }
}
