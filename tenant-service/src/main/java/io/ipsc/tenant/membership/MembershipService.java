package io.ipsc.tenant.membership;

import io.ipsc.tenancy.error.ConstraintErrors;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.TenantEventType;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.outbox.TenantEvents;
import io.ipsc.tenant.tenant.Tenant;
import io.ipsc.tenant.user.User;
import io.ipsc.tenant.user.UserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who belongs to a tenant, with which role; the plan's {@code max_users} is enforced here. Every
 * change locks the tenant's row first: changes of one tenant's members queue up instead of failing
 * on the tenant's version, and the quota is counted with nobody adding at the same time.
 */
@ApplicationScoped
public class MembershipService {

    private final TenantEvents events;
    private final UserRepository users;

    public MembershipService(TenantEvents events, UserRepository users) {
        this.events = events;
        this.users = users;
    }

    /** Tenant admins send {@code email}; {@code user_id} is for platform admins, who can list users anyway. */
    public record AddMemberRequest(Long userId, String email, String role) {
    }

    public record ChangeRoleRequest(String role) {
    }

    /** A member just added: the id, the e-mail the admin gave (or, for a platform admin, the user's), the role. */
    public record MemberAdded(long userId, String email, String role, Instant createdAt) implements AddMemberAnswer {

        @Override
        @JsonProperty("status")
        public String status() {
            return "member";
        }

        @Override
        public String describe(String slug) {
            return "User " + userId + " added to '" + slug + "' as " + role;
        }
    }

    /** Platform admins add a user by id. */
    @WithTransaction
    public Uni<MemberAdded> addById(Tenant tenant, long userId, String roleName) {
        Role role = parseRole(roleName);
        return users.findById(userId).onItem().ifNull().failWith(() -> ApiException.notFound("User " + userId))
                .flatMap(user -> add(tenant, user.id, role).map(m -> new MemberAdded(m.userId, user.email, m.role, m.createdAt)));
    }

    /** Makes the user a member with {@code role}, in the caller's transaction if there is one; 409 {@code ALREADY_A_MEMBER}, 429 {@code QUOTA_EXCEEDED}. */
    @WithTransaction
    public Uni<Membership> add(Tenant tenant, long userId, Role role) {
        return lock(tenant)
                .flatMap(v -> Membership.<Membership>findById(new Membership.Key(tenant.id, userId)))
                .flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(alreadyAMember(tenant, userId));
                    }
                    return Membership.count("tenantId", tenant.id).flatMap(count -> {
                        if (tenant.maxUsers != null && count >= tenant.maxUsers) {
                            return Uni.createFrom().failure(quotaExceeded(tenant));
                        }
                        Membership m = new Membership();
                        m.tenantId = tenant.id;
                        m.userId = userId;
                        m.role = role.wireName();
                        m.createdAt = Timestamps.now();
                        m.updatedAt = m.createdAt;
                        return m.<Membership>persist().flatMap(saved -> membersChanged(tenant).replaceWith(saved));
                    });
                })
                // The lock makes this unreachable between two adds; kept for a member added by any other path.
                .onFailure().transform(ConstraintErrors.duplicate(() -> alreadyAMember(tenant, userId)));
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

    /** Every member of the tenant, for its export: page after page, so no member is left out however many. */
    public Uni<List<MembershipView>> all(Tenant tenant) {
        return allFrom(tenant, 1, new ArrayList<>());
    }

    private Uni<List<MembershipView>> allFrom(Tenant tenant, int page, List<MembershipView> found) {
        return list(tenant, PageRequest.of(page, PageRequest.MAX_SIZE)).flatMap(p -> {
            found.addAll(p.items());
            return page >= p.totalPages() ? Uni.createFrom().item(found) : allFrom(tenant, page + 1, found);
        });
    }

    @WithTransaction
    public Uni<MembershipView> changeRole(Tenant tenant, long userId, ChangeRoleRequest r) {
        Role role = parseRole(r == null ? null : r.role());
        return lock(tenant).flatMap(v -> find(tenant, userId)).flatMap(m -> {
            m.role = role.wireName();
            m.updatedAt = Timestamps.now();
            return membersChanged(tenant).flatMap(v -> users.findById(userId)).map(u -> view(m, u));
        });
    }

    @WithTransaction
    public Uni<Void> remove(Tenant tenant, long userId) {
        return lock(tenant).flatMap(v -> find(tenant, userId)).flatMap(m -> m.delete()).flatMap(v -> membersChanged(tenant));
    }

    /** The refusal when the plan's seats are taken (members, and for invitations also the open invitations). */
    public static ApiException quotaExceeded(Tenant tenant) {
        return new ApiException(429, "QUOTA_EXCEEDED", "The '" + tenant.subscriptionPlan + "' plan of '" + tenant.slug + "' allows "
                + tenant.maxUsers + " user(s); upgrade the subscription to add more");
    }

    public static Role parseRole(String role) {
        return Role.parse(role).orElseThrow(() -> ApiException.badRequest("VALIDATION_ERROR", "role",
                "role must be one of admin, manager, staff, viewer"));
    }

    /**
     * Locks the tenant's row until the transaction ends, and reads the tenant again if another
     * change committed since it was loaded (its version moved while this one waited for the lock).
     * Locked with SQL and refreshed only when stale: each refresh costs a query, and Hibernate
     * Reactive logs a deprecation warning for it even on a managed entity.
     */
    private static Uni<Void> lock(Tenant tenant) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT version FROM tenants WHERE id = :id FOR UPDATE", Long.class)
                .setParameter("id", tenant.id).getSingleResult()
                .flatMap(version -> version == tenant.version ? Uni.createFrom().voidItem() : s.refresh(tenant)));
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

    private static ApiException alreadyAMember(Tenant tenant, long userId) {
        return ApiException.conflict("ALREADY_A_MEMBER", "User " + userId + " is already a member of '" + tenant.slug + "'");
    }

    private static Uni<Membership> find(Tenant tenant, long userId) {
        return Membership.<Membership>findById(new Membership.Key(tenant.id, userId)).onItem().ifNull()
                .failWith(() -> new ApiException(404, "NOT_A_MEMBER", "User " + userId + " is not a member of '" + tenant.slug + "'"));
    }

    private static MembershipView view(Membership m, User u) {
        return new MembershipView(m.userId, u.email, u.fullName, m.role, m.createdAt, m.updatedAt);
    }
}
