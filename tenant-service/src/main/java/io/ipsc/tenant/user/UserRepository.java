package io.ipsc.tenant.user;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@ApplicationScoped
public class UserRepository implements PanacheRepository<User> {

    public Uni<User> findByEmail(String email) {
        return find("lower(email) = ?1", email.trim().toLowerCase(Locale.ROOT)).firstResult();
    }

    /** The user's tenants that still exist, as slug → role. */
    public Uni<Map<String, String>> membershipsOf(long userId) {
        return getSession().flatMap(s -> s.createSelectionQuery(
                        "select t.slug, m.role from Membership m, Tenant t where m.tenantId = t.id and m.userId = :user "
                                + "and t.status <> 'deleted' order by t.slug", Object[].class)
                .setParameter("user", userId).getResultList())
                .map(rows -> {
                    Map<String, String> memberships = new LinkedHashMap<>();
                    for (Object[] row : (List<Object[]>) rows) {
                        memberships.put((String) row[0], (String) row[1]);
                    }
                    return memberships;
                });
    }
}
