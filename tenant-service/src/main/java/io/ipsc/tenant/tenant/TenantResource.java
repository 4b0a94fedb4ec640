package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenant.move.MoveRequest;
import io.ipsc.tenant.move.MoveService;
import io.ipsc.tenant.move.MoveView;
import io.ipsc.tenant.provisioning.ProvisioningService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The seed guide's tenant-management endpoints. HTTP only: rules live in {@link TenantService}. */
@Tag(name = "Tenants")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final TenantService service;
    private final TenantAccess access;
    private final ProvisioningService provisioning;
    private final MoveService moves;

    public TenantResource(TenantService service, TenantAccess access, ProvisioningService provisioning, MoveService moves) {
        this.service = service;
        this.access = access;
        this.provisioning = provisioning;
        this.moves = moves;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE_SLUG,MAX_TENANTS_REACHED,NO_CLUSTER_CAPACITY,CLUSTER_NOT_OPEN")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createTenant", summary = "Create a tenant and start provisioning its database")
    public Uni<RestResponse<ApiResponse<TenantView>>> create(TenantRequest request) {
        access.requirePlatformAdmin();
        return service.create(requireBody(request)).map(outcome -> RestResponse.status(RestResponse.Status.CREATED,
                ApiResponse.ok(TenantView.of(outcome.value()),
                        "Tenant '" + outcome.value().slug + "' created; its databases are being provisioned",
                        outcome.warnings())));
    }

    @GET
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_FILTER")
    @Operation(operationId = "listTenants", summary = "List tenants")
    public Uni<ApiResponse<Page<TenantView>>> list(@QueryParam("status") String status,
                                                   @QueryParam("organization_type") String type,
                                                   @QueryParam("plan") String plan,
                                                   @QueryParam("search") String search,
                                                   @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(access.require(), TenantFilter.of(status, type, plan, search), PageRequest.of(page, size))
                .map(p -> ApiResponse.ok(p.map(TenantView::of), p.totalItems() + " tenant(s)"));
    }

    @GET
    @Path("/{slug}")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED")
    @Operation(operationId = "getTenant", summary = "Get a tenant")
    public Uni<ApiResponse<TenantView>> get(@PathParam("slug") String slug) {
        return access.requireRole(slug, Role.VIEWER)
                .flatMap(t -> provisioning.states(t).flatMap(states -> moves.latest(t)
                        .map(move -> ApiResponse.ok(TenantView.of(t, states, move), "Tenant '" + slug + "'"))));
    }

    /** Moves the tenant's databases to another cluster while it keeps working; the move's progress shows on the tenant. */
    @POST
    @Path("/{slug}/move")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,TENANT_NOT_ACTIVE,TENANT_MOVING:409,ALREADY_ON_CLUSTER,CLUSTER_NOT_OPEN,CONCURRENT_UPDATE")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "202")
    @Operation(operationId = "moveTenant", summary = "Move a tenant's databases to another database cluster, online")
    public Uni<RestResponse<ApiResponse<MoveView>>> move(@PathParam("slug") String slug, MoveRequest request) {
        access.requirePlatformAdmin();
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"to_cluster\": ...}");
        }
        return access.requireRole(slug, Role.ADMIN).flatMap(t -> moves.start(t.slug, request))
                .map(move -> RestResponse.status(RestResponse.Status.ACCEPTED, ApiResponse.ok(move,
                        "Tenant '" + slug + "' is moving from '" + move.fromCluster() + "' to '" + move.toCluster()
                                + "'; GET /api/tenants/" + slug + " shows its progress")));
    }

    @GET
    @Path("/{slug}/moves")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED")
    @Operation(operationId = "listTenantMoves", summary = "List a tenant's moves between database clusters, newest first")
    public Uni<ApiResponse<List<MoveView>>> moves(@PathParam("slug") String slug) {
        access.requirePlatformAdmin();
        return access.requireRole(slug, Role.ADMIN).flatMap(moves::list)
                .map(all -> ApiResponse.ok(all, all.size() + " move(s) of tenant '" + slug + "'"));
    }

    /** Publishes the tenant's snapshot again, so that every service converges once more (after a FAILED report). */
    @POST
    @Path("/{slug}/provisioning/retry")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED")
    @Operation(operationId = "retryTenantProvisioning", summary = "Retry a tenant's failed provisioning")
    public Uni<ApiResponse<TenantView>> retryProvisioning(@PathParam("slug") String slug) {
        access.requirePlatformAdmin();
        return access.requireRole(slug, Role.ADMIN).flatMap(service::republish)
                .map(t -> ApiResponse.ok(TenantView.of(t), "Provisioning of '" + slug + "' requested again"));
    }

    @PUT
    @Path("/{slug}")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,CONCURRENT_UPDATE")
    @Operation(operationId = "updateTenant", summary = "Update a tenant")
    public Uni<ApiResponse<TenantView>> update(@PathParam("slug") String slug, TenantRequest request) {
        boolean platformAdmin = access.require().platformAdmin();
        return access.requireRoleToChange(slug, Role.ADMIN)
                .flatMap(t -> service.update(t, requireBody(request), platformAdmin))
                .map(o -> ApiResponse.ok(TenantView.of(o.value()), "Tenant '" + slug + "' updated", o.warnings()));
    }

    @DELETE
    @Path("/{slug}")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED")
    @Operation(operationId = "deleteTenant", summary = "Delete a tenant")
    public Uni<ApiResponse<TenantView>> delete(@PathParam("slug") String slug) {
        return lifecycleStep(slug, service::delete, "deleted; its databases are archived, not dropped");
    }

    @POST
    @Path("/{slug}/suspend")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,TENANT_ALREADY_SUSPENDED,CONCURRENT_UPDATE")
    @Operation(operationId = "suspendTenant", summary = "Suspend a tenant")
    public Uni<ApiResponse<TenantView>> suspend(@PathParam("slug") String slug) {
        return lifecycleStep(slug, service::suspend, "suspended; its data is kept");
    }

    @POST
    @Path("/{slug}/reactivate")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,TENANT_NOT_SUSPENDED,CONCURRENT_UPDATE")
    @Operation(operationId = "reactivateTenant", summary = "Reactivate a suspended tenant")
    public Uni<ApiResponse<TenantView>> reactivate(@PathParam("slug") String slug) {
        return lifecycleStep(slug, service::reactivate, "reactivated");
    }

    /** Delete, suspend and reactivate: a platform admin's step on an existing tenant, answered with the tenant after it. */
    private Uni<ApiResponse<TenantView>> lifecycleStep(String slug, Function<Tenant, Uni<Tenant>> step, String outcome) {
        access.requirePlatformAdmin();
        return access.requireRole(slug, Role.ADMIN).flatMap(t -> step.apply(t))
                .map(t -> ApiResponse.ok(TenantView.of(t), "Tenant '" + slug + "' " + outcome));
    }

    @GET
    @Path("/{slug}/config")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED")
    @Operation(operationId = "getTenantConfig", summary = "Get a tenant's configuration")
    public Uni<ApiResponse<TenantConfig>> config(@PathParam("slug") String slug) {
        return access.requireRole(slug, Role.VIEWER).flatMap(t -> provisioning.states(t).map(states -> ApiResponse.ok(
                new TenantConfig(t.slug, t.organizationType, t.status, t.features, TenantView.limits(t), service.databaseNames(t),
                        states.entrySet().stream().map(e -> new TenantConfig.ServiceCluster(e.getKey(), e.getValue().cluster())).toList()),
                "Effective configuration of tenant '" + slug + "'")));
    }

    @PUT
    @Path("/{slug}/features")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,CONCURRENT_UPDATE")
    @Operation(operationId = "updateTenantFeatures", summary = "Switch a tenant's features on or off")
    public Uni<ApiResponse<Map<String, Boolean>>> features(@PathParam("slug") String slug, Map<String, Boolean> features) {
        return access.requireRoleToChange(slug, Role.ADMIN).flatMap(t -> service.updateFeatures(t, features))
                .map(t -> ApiResponse.ok(t.features, "Features of tenant '" + slug + "' updated"));
    }

    @PUT
    @Path("/{slug}/subscription")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,CONCURRENT_UPDATE")
    @Operation(operationId = "updateTenantSubscription", summary = "Change a tenant's subscription plan")
    public Uni<ApiResponse<io.ipsc.tenancy.event.PlanLimits>> subscription(@PathParam("slug") String slug, SubscriptionRequest request) {
        access.requirePlatformAdmin();
        return access.requireRole(slug, Role.ADMIN).flatMap(t -> service.updateSubscription(t, requireBody(request)))
                .map(t -> ApiResponse.ok(TenantView.limits(t), "Subscription of tenant '" + slug + "' updated"));
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw io.ipsc.tenancy.error.ApiException.badRequest("MISSING_BODY", null, "Send a JSON body");
        }
        return body;
    }
}
