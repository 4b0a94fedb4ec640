package io.ipsc.tenant.membership;

import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.support.Failures;
import io.ipsc.tenant.tenant.Tenant;
import io.ipsc.tenant.user.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.ipsc.tenancy.event.TenantEventType;
import io.ipsc.tenant.outbox.TenantEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Who belongs to a tenant, with which role; the plan's {@code max_users} is enforced here. */
@ApplicationScoped
public class MembershipService {

    private final TenantEvents events;

    public MembershipService(TenantEvents events) {
        this.events = events;
    }

    public record AddMemberRequest(Long userId, String role) {
    }

    public record ChangeRoleRequest(String role) {
    }

    @WithTransaction
    public Uni<MembershipView> add(Tenant tenant, AddMemberRequest r) {
        if (r.userId() == null) {
            return Uni.createFrom().failure(ApiException.badRequest("VALIDATION_ERROR", "user_id", "user_id is required"));
        }
        Role role = parseRole(r.role());
        return User.<User>findById(r.userId()).onItem().ifNull().failWith(() -> ApiException.notFound("User " + r.userId()))
                .flatMap(user -> Membership.<Membership>findById(new Membership.Key(tenant.id, user.id)).flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(ApiException.conflict("ALREADY_A_MEMBER",
                                "User " + user.id + " is already a member of '" + tenant.slug + "' (role " + existing.role + ")"));
                    }
                    return Membership.count("tenantId", tenant.id).flatMap(count -> {
                        if (tenant.maxUsers != null && count >= tenant.maxUsers) {
                            return Uni.createFrom().failure(new ApiException(429, "QUOTA_EXCEEDED",
                                    "The '" + tenant.subscriptionPlan + "' plan of '" + tenant.slug + "' allows " + tenant.maxUsers
                                            + " user(s); upgrade the subscription to add more"));
                        }
                        Membership m = new Membership();
                        m.tenantId = tenant.id;
                        m.userId = user.id;
                        m.role = role.wireName();
                        m.createdAt = Timestamps.now();
                        m.updatedAt = m.createdAt;
                        return m.<Membership>persist().flatMap(saved -> membersChanged(tenant).replaceWith(view(saved, user)));
                    });
                }))
                .onFailure(Failures::isUniqueViolation).transform(e -> ApiException.conflict("ALREADY_A_MEMBER",
                        "User " + r.userId() + " is already a member of '" + tenant.slug + "'"));
    }

    public Uni<Page<MembershipView>> list(Tenant tenant, PageRequest page) {
        return Membership.getSession().flatMap(s -> s.createSelectionQuery(
                                "select m, u from Membership m, User u where m.userId = u.id and m.tenantId = :tenant order by m.userId",
                                Object[].class)
                        .setParameter("tenant", tenant.id)
                        .setFirstResult(page.offset()).setMaxResults(page.size())
                        .getResultList())
                .map(rows -> ((List<Object[]>) rows).stream().map(row -> view((Membership) row[0], (User) row[1])).toList())
                .flatMap(items -> Membership.count("tenantId", tenant.id).map(total -> Page.of(items, page, total)));
    }

    @WithTransaction
    public Uni<MembershipView> changeRole(Tenant tenant, long userId, ChangeRoleRequest r) {
        Role role = parseRole(r == null ? null : r.role());
        return find(tenant, userId).flatMap(m -> {
            m.role = role.wireName();
            m.updatedAt = Timestamps.now();
            return membersChanged(tenant).flatMap(v -> User.<User>findById(userId)).map(u -> view(m, u));
        });
    }

    @WithTransaction
    public Uni<Void> remove(Tenant tenant, long userId) {
        return find(tenant, userId).flatMap(m -> m.delete()).flatMap(v -> membersChanged(tenant));
    }

    /**
     * Members travel in the tenant's snapshot, so that every service learns of a change as soon as
     * the event arrives; touching the tenant bumps its version, which makes the event newer.
     */
    private Uni<Void> membersChanged(Tenant tenant) {
        tenant.updatedAt = Timestamps.now();
        return Panache.getSession().flatMap(s -> s.flush())
                .flatMap(v -> events.record(TenantEventType.TENANT_UPDATED, tenant))
                .replaceWithVoid();
    }

    private static Uni<Membership> find(Tenant tenant, long userId) {
        return Membership.<Membership>findById(new Membership.Key(tenant.id, userId)).onItem().ifNull()
                .failWith(() -> new ApiException(404, "NOT_A_MEMBER", "User " + userId + " is not a member of '" + tenant.slug + "'"));
    }

    private static Role parseRole(String role) {
        return Role.parse(role).orElseThrow(() -> ApiException.badRequest("VALIDATION_ERROR", "role",
                "role must be one of admin, manager, staff, viewer"));
    }

    private static MembershipView view(Membership m, User u) {
        return new MembershipView(m.userId, u.email, u.fullName, m.role, m.createdAt, m.updatedAt);
    }
}
