package io.ipsc.tenancy.security;

import io.ipsc.tenancy.error.ApiException;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/** The verified caller of the current request, set by {@link BearerTokenFilter}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Optional<Caller> get() {
        return Optional.ofNullable(caller);
    }

    /** The caller, or 401 when the request carried no valid token. */
    public Caller require() {
        if (caller == null) {
            throw ApiException.unauthorized("Sign in first: send 'Authorization: Bearer <access token>'");
        }
        return caller;
    }

    /** 403 unless the caller is a platform admin. */
    public Caller requirePlatformAdmin() {
        Caller c = require();
        if (!c.platformAdmin()) {
            throw ApiException.forbidden("FORBIDDEN", "Only platform administrators may do this");
        }
        return c;
    }

    /**
     * 403 unless the caller is a platform admin or has at least {@code role} in the tenant. The role
     * comes from the token; services that own memberships check their own store instead.
     */
    public Caller requireRole(String tenantSlug, Role role) {
        Caller c = require();
        if (c.platformAdmin()) {
            return c;
        }
        Role held = c.roleIn(tenantSlug).orElseThrow(() -> ApiException.forbidden("NOT_A_MEMBER",
                "You are not a member of tenant '" + tenantSlug + "'").concerning(tenantSlug));
        if (!held.atLeast(role)) {
            throw ApiException.forbidden("INSUFFICIENT_ROLE",
                    "This needs the role '" + role.wireName() + "' or higher in tenant '" + tenantSlug + "'").concerning(tenantSlug);
        }
        return c;
    }
}
