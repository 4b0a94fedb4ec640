package io.ipsc.gateway.door;

import io.ipsc.gateway.directory.GatewayTenantDirectory;
import io.ipsc.gateway.routing.RoutingDecision;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.FeatureGates;
import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.ipsc.tenancy.event.TenantStatus;
import io.ipsc.tenancy.security.Caller;
import io.vertx.core.Future;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every request passes before it is forwarded, in an order that tells a stranger
 * nothing: token, tenant, membership, then the tenant's state, feature and rate. All answered
 * from memory (the directory, the tokens already verified): only a token not seen before is handed
 * to {@link AccessTokens}, which verifies it on a worker thread.
 */
@Singleton
public class Door {

    /**
     * Paths anyone may call without an access token: their credential is in the body (a password, a
     * refresh token) or the path (an invitation's token); tenant-service judges it. Self-service sign-up
     * and its form's checks are for visitors without an account; tenant-service refuses them while
     * sign-up is off (except the checks, for platform admins, whose token is passed on).
     */
    private static final List<String> PUBLIC_PATHS = List.of("/api/auth/login", "/api/auth/refresh", "/api/auth/logout",
            "/api/signup", "/api/signup/check", "/.well-known/jwks.json");
    private static final String INVITATIONS = "/api/invitations/";
    private static final String BEARER = "Bearer ";
    private static final java.util.Set<String> READ_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS");
    /**
     * POSTs that compute and store nothing (the body is too rich for a query string), so a viewer may send
     * them like a read; the owning service makes the same call.
     */
    private static final java.util.Set<String> COMPUTING_POSTS = java.util.Set.of("/api/invoices/preview");

    /** What the checks established: who calls, and for which tenant. */
    public record Admission(Caller caller, String tenant, RateLimiter.Decision rate) {
    }

    private final AccessTokens tokens;
    private final GatewayTenantDirectory directory;
    private final RateLimiter rateLimiter;

    public Door(AccessTokens tokens, GatewayTenantDirectory directory, RateLimiter rateLimiter) {
        this.tokens = tokens;
        this.directory = directory;
        this.rateLimiter = rateLimiter;
    }

    public static boolean isPublic(String path) {
        return PUBLIC_PATHS.contains(path) || (path.startsWith(INVITATIONS) && path.length() > INVITATIONS.length());
    }

    /**
     * The caller, or a failed future holding the 401 as an {@link ApiException}. Already complete when the
     * token was verified before (the common case), so the caller goes on in the same call.
     */
    public Future<Caller> authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Future.failedFuture(ApiException.unauthorized("Sign in first: send 'Authorization: Bearer <access token>'"));
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Future.failedFuture(ApiException.unauthorized("Use 'Authorization: Bearer <access token>'"));
        }
        return tokens.verify(authorization.substring(BEARER.length()).trim());
    }

    /** Everything a domain module's request must satisfy; throws the refusal as an {@link ApiException}. */
    public Admission admit(Caller caller, String tenant, RoutingDecision decision, String method) {
        if (tenant == null) {
            throw ApiException.badRequest("TENANT_REQUIRED", null,
                    "Name the tenant: /api/tenants/{slug}/..., the X-Tenant-ID header, or the {slug}.<domain> host");
        }
        TenantSnapshot snapshot = directory.find(tenant)
                .filter(t -> !t.isDeleted())
                .orElseThrow(() -> new ApiException(404, "TENANT_NOT_FOUND", "No tenant '" + tenant + "'"));
        if (!caller.platformAdmin() && !isMember(snapshot, caller)) {
            throw ApiException.forbidden("NOT_A_MEMBER", "You are not a member of tenant '" + tenant + "'");
        }
        // Viewers read; every other rule of who may change what is the owning service's.
        if (!caller.platformAdmin() && "viewer".equals(snapshot.members().get(Long.toString(caller.userId())))
                && !READ_METHODS.contains(method) && !("POST".equals(method) && COMPUTING_POSTS.contains(decision.upstreamPath()))) {
            throw ApiException.forbidden("INSUFFICIENT_ROLE", "Viewers of tenant '" + tenant + "' may read, not change");
        }
        if (snapshot.isSuspended()) {
            throw ApiException.forbidden("TENANT_SUSPENDED", "Tenant '" + tenant + "' is suspended");
        }
        if (!TenantStatus.ACTIVE.wireName().equals(snapshot.status())) {
            throw new ApiException(503, "TENANT_PROVISIONING", "Tenant '" + tenant + "' is still being set up; try again shortly",
                    List.of(), Map.of("Retry-After", "2"));
        }
        FeatureGates.shut(decision.module().id(), decision.route().family(), snapshot).ifPresent(gate -> {
            throw gate.refusal(tenant);
        });
        // No exemption for "the web app" by its Origin header: any client can send one. Until the web
        // front end holds a server-side session the gateway can recognise, only platform admins pass.
        if (!snapshot.featureOn(Features.API_ACCESS) && !caller.platformAdmin()) {
            throw ApiException.forbidden("FEATURE_DISABLED",
                    "API access (feature api_access) is off for tenant '" + tenant + "'");
        }
        RateLimiter.Decision rate = rateLimiter.acquire(tenant, snapshot.subscription() == null ? null : snapshot.subscription().plan());
        if (!rate.allowed()) {
            throw new ApiException(429, "RATE_LIMITED", "Tenant '" + tenant + "' is over its limit of " + rate.limit()
                    + " requests per second; slow down", List.of(), Map.of(
                    "Retry-After", Long.toString(rate.retryAfterSeconds()),
                    "X-RateLimit-Limit", Integer.toString(rate.limit()),
                    "X-RateLimit-Remaining", "0"));
        }
        return new Admission(caller, tenant, rate);
    }

    public Optional<TenantSnapshot> tenant(String slug) {
        return directory.find(slug);
    }

    private static boolean isMember(TenantSnapshot snapshot, Caller caller) {
        return snapshot.members() != null && snapshot.members().containsKey(Long.toString(caller.userId()));
    }

}
