package io.ipsc.tenancy.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns the identity smallrye-jwt proved from an access token into an IPSC {@link Caller} (kept as the
 * identity's {@value #CALLER} attribute, which {@link CurrentCaller} reads), and adds the caller's role
 * in the request's tenant ({@code X-Tenant-ID}) and every role below it, so that
 * {@code @RolesAllowed("staff")} means "staff or higher in this tenant". A token whose subject is not a
 * user id is refused like any other invalid token.
 */
@ApplicationScoped
public class CallerAugmentor implements SecurityIdentityAugmentor {

    static final String CALLER = "ipsc.caller";
    private static final String TENANT_HEADER = "X-Tenant-ID";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context, Map<String, Object> attributes) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        // RememberedTokenIdentityProvider read the caller once per token; any other identity is read here.
        Caller caller = identity.getAttribute(CALLER);
        if (caller == null) {
            try {
                caller = caller(token);
            } catch (RuntimeException e) {
                return Uni.createFrom().failure(new AuthenticationFailedException("The access token names no user", e));
            }
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity).addAttribute(CALLER, caller);
        RoutingContext request = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        String tenant = request == null ? null : request.request().getHeader(TENANT_HEADER);
        if (tenant != null) {
            caller.roleIn(tenant).ifPresent(held -> {
                for (Role role : Role.values()) {
                    if (held.atLeast(role)) {
                        builder.addRole(role.wireName());
                    }
                }
            });
        }
        return Uni.createFrom().item(builder.build());
    }

    /** The caller a verified token proves; throws if its subject is not a user id. */
    public static Caller caller(JsonWebToken token) {
        long userId = Long.parseLong(token.getSubject());
        Map<String, Role> memberships = new HashMap<>();
        Object tenants = token.getClaim(TokenClaims.TENANTS);
        if (tenants instanceof Map<?, ?> map) {
            map.forEach((slug, role) -> Role.parse(unquoted(role)).ifPresent(r -> memberships.put(String.valueOf(slug), r)));
        }
        boolean platformAdmin = token.getGroups() != null && token.getGroups().contains(TokenClaims.PLATFORM_ADMIN_GROUP);
        return new Caller(userId, token.getClaim(TokenClaims.UPN), platformAdmin, memberships);
    }

    /** The tenants claim arrives as a JSON object whose values are JSON strings: their text, without the quotes. */
    private static String unquoted(Object value) {
        if (value instanceof jakarta.json.JsonString string) {
            return string.getString();
        }
        return String.valueOf(value);
    }
}
