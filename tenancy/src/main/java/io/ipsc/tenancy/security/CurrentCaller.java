package io.ipsc.tenancy.security;

import io.ipsc.tenancy.error.ApiException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/**
 * The verified caller of the current request: the {@link Caller} that {@link CallerAugmentor} attached to
 * the request's SecurityIdentity (smallrye-jwt proves it before the request reaches a resource). Read
 * from the HTTP request's user rather than through an injected SecurityIdentity, which outside an HTTP
 * request (a consumer, the scheduler) would wait for an anonymous identity on the event loop.
 */
@RequestScoped
public class CurrentCaller {

    private final CurrentVertxRequest request;

    public CurrentCaller(CurrentVertxRequest request) {
        this.request = request;
    }

    public Optional<Caller> get() {
        RoutingContext context = request.getCurrent();
        if (context == null || !(context.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()) {
            return Optional.empty();
        }
        return Optional.ofNullable(user.getSecurityIdentity().getAttribute(CallerAugmentor.CALLER));
    }

    /** The caller, or 401 when the request carried no valid token. */
    public Caller require() {
        return get().orElseThrow(() -> ApiException.unauthorized("Sign in first: send 'Authorization: Bearer <access token>'"));
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
