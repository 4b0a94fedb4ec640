package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.TenantStatus;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenancy.security.CurrentCaller;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.membership.Membership;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may touch which tenant, decided from the memberships table (the source of truth, so a
 * removed member loses access here at once), never from the token's claims alone.
 */
@ApplicationScoped
public class TenantAccess {

    private final CurrentCaller caller;
    private final TenantRepository tenants;

    public TenantAccess(CurrentCaller caller, TenantRepository tenants) {
        this.caller = caller;
        this.tenants = tenants;
    }

    /** The tenant, if it exists and is not deleted and the caller holds at least {@code role} in it. */
    public Uni<Tenant> requireRole(String slug, Role role) {
        Caller c = caller.require();
        return tenants.findBySlug(slug).onItem().ifNull().failWith(() -> ApiException.notFound("Tenant '" + slug + "'"))
                .flatMap(tenant -> {
                    if (TenantStatus.DELETED.wireName().equals(tenant.status)) {
                        return Uni.createFrom().failure(new ApiException(404, "TENANT_DELETED", "Tenant '" + slug + "' has been deleted"));
                    }
                    if (c.platformAdmin()) {
                        return Uni.createFrom().item(tenant);
                    }
                    return Membership.<Membership>findById(new Membership.Key(tenant.id, c.userId())).map(m -> {
                        if (m == null) {
                            throw ApiException.forbidden("NOT_A_MEMBER", "You are not a member of tenant '" + slug + "'").concerning(slug);
                        }
                        Role held = Role.parse(m.role).orElse(Role.VIEWER);
                        if (!held.atLeast(role)) {
                            throw ApiException.forbidden("INSUFFICIENT_ROLE",
                                    "This needs the role '" + role.wireName() + "' or higher in tenant '" + slug + "'").concerning(slug);
                        }
                        return tenant;
                    });
                });
    }

    /**
     * As {@link #requireRole}, for a change: a suspended tenant is read-only to its own members,
     * whatever their role; platform admins may still change it (to reactivate it, for instance).
     */
    public Uni<Tenant> requireRoleToChange(String slug, Role role) {
        boolean platformAdmin = caller.require().platformAdmin();
        return requireRole(slug, role).invoke(tenant -> {
            if (TenantStatus.SUSPENDED.wireName().equals(tenant.status) && !platformAdmin) {
                throw suspended(slug);
            }
        });
    }

    /** The refusal of a change to a suspended tenant, with the code the gateway answers it with. */
    public static ApiException suspended(String slug) {
        return ApiException.forbidden("TENANT_SUSPENDED",
                "Tenant '" + slug + "' is suspended: it can be read, not changed, until a platform administrator reactivates it")
                .concerning(slug);
    }

    public Caller requirePlatformAdmin() {
        return caller.requirePlatformAdmin();
    }

    public Caller require() {
        return caller.require();
    }
}
