package io.ipsc.tenancy.db.guard;

import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.error.ApiExceptionMappers;
import io.ipsc.tenancy.event.FeatureGates;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenancy.security.CurrentCaller;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenancy.security.SecurityEventRecorder;
import io.ipsc.tenancy.event.SecurityEvent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's own door (design §3, step 5): trusts nothing the gateway did. For a
 * {@link TenantScoped} endpoint it takes {@code X-Tenant-ID}, requires a verified token whose holder
 * belongs to that tenant (per the latest snapshot, so a removed member is refused as soon as the
 * event arrives) or is a platform admin, and only then hands over the tenant's database. Unknown
 * 404, not yet provisioned 503, suspended 403, not a member 403, and 403 {@code FEATURE_DISABLED} when the
 * tenant lacks this module's feature or the one the matched endpoint's path family needs
 * ({@link FeatureGates}), which the gateway checks too but is not relied on for. Answers from
 * memory: no query is made before the tenant is established.
 */
public class TenantRequestGuard {

    public static final String TENANT_HEADER = "X-Tenant-ID";
    private static final java.util.regex.Pattern REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    TenantDirectory directory;
    @Inject
    ServiceIdentity service;
    @Inject
    CurrentCaller currentCaller;
    @Inject
    TenantContext context;
    @Inject
    SecurityEventRecorder security;

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Optional<Response> guard(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceClass() == null || !resource.getResourceClass().isAnnotationPresent(TenantScoped.class)) {
            return Optional.empty();
        }
        Optional<Caller> caller = currentCaller.get();
        if (caller.isEmpty()) {
            return refuse(401, "UNAUTHORIZED", "Sign in first: send 'Authorization: Bearer <access token>'");
        }
        String slug = request.getHeaderString(TENANT_HEADER);
        if (slug == null || slug.isBlank()) {
            return refuse(400, "TENANT_REQUIRED", "Name the tenant in the " + TENANT_HEADER + " header");
        }
        slug = slug.trim();
        Optional<TenantEntry> found = directory.find(slug);
        if (found.isEmpty() || found.get().snapshot().isDeleted()) {
            return refuse(404, "TENANT_NOT_FOUND", "No tenant '" + slug + "'");
        }
        TenantEntry tenant = found.get();
        Caller who = caller.get();
        Role role;
        if (who.platformAdmin()) {
            role = Role.ADMIN;
        } else {
            Map<String, String> members = tenant.snapshot().members();
            String held = members == null ? null : members.get(Long.toString(who.userId()));
            if (held == null) {
                // Reaching a service directly with someone else's tenant in the header: the forged-header case.
                security.record(SecurityEvent.Kind.CROSS_TENANT, slug, who, request.getMethod(), request.getUriInfo().getPath(),
                        "not a member; refused by " + service.name());
                return refuse(403, "NOT_A_MEMBER", "You are not a member of tenant '" + slug + "'");
            }
            role = Role.parse(held).orElse(Role.VIEWER);
        }
        if (tenant.snapshot().isSuspended()) {
            return refuse(403, "TENANT_SUSPENDED", "Tenant '" + slug + "' is suspended");
        }
        // The module's feature and the matched endpoint's family's (FeatureGates): a service switched off
        // for the tenant (NOT_ENABLED) is refused here, as is dental-supplies without inventory management.
        Optional<FeatureGates.Gate> shut = FeatureGates.shut(service.name(),
                ResourceFamily.of(resource.getResourceClass(), resource.getResourceMethod()), tenant.snapshot());
        if (shut.isPresent()) {
            security.record(SecurityEvent.Kind.FEATURE_REFUSED, slug, who, request.getMethod(), request.getUriInfo().getPath(),
                    "feature " + shut.get().feature() + " off; refused by " + service.name());
            return refuse(shut.get().refusal(slug));
        }
        switch (tenant.state()) {
            case READY -> {
                context.set(tenant, who, role, requestId(request));
                return Optional.empty();
            }
            case FAILED -> {
                return Optional.of(ApiExceptionMappers.envelope(503, "TENANT_UNAVAILABLE",
                        "Tenant '" + slug + "' could not be provisioned here: " + tenant.detail(), List.of()).header("Retry-After", "30").build());
            }
            default -> {
                return Optional.of(ApiExceptionMappers.envelope(503, "TENANT_PROVISIONING",
                        "Tenant '" + slug + "' is still being provisioned; try again shortly", List.of()).header("Retry-After", "2").build());
            }
        }
    }

    /** The gateway's request id, for the audit trail; an absent or odd one (a direct call) is left out. */
    private static String requestId(ContainerRequestContext request) {
        String id = request.getHeaderString("X-Request-ID");
        return id != null && REQUEST_ID.matcher(id).matches() ? id : null;
    }

    private static Optional<Response> refuse(int status, String code, String message) {
        return Optional.of(ApiExceptionMappers.envelope(status, code, message, List.of()).build());
    }

    private static Optional<Response> refuse(ApiException refusal) {
        return refuse(refusal.status(), refusal.code(), refusal.getMessage());
    }
}
