package io.ipsc.tenant.invitation;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.tenant.TenantAccess;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's open invitations, for its admins: listed without their tokens, and withdrawn. */
@Tag(name = "Invitations")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/tenants/{slug}/invitations")
@Produces(MediaType.APPLICATION_JSON)
public class TenantInvitationResource {

    private final InvitationService service;
    private final TenantAccess access;

    public TenantInvitationResource(InvitationService service, TenantAccess access) {
        this.service = service;
        this.access = access;
    }

    @GET
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED")
    @Operation(operationId = "listTenantInvitations", summary = "List a tenant's invitations")
    public Uni<ApiResponse<Page<InvitationView>>> list(@PathParam("slug") String slug,
                                                       @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return access.requireRole(slug, Role.ADMIN).flatMap(t -> service.listOpen(t, request))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " open invitation(s) to '" + slug + "'"));
    }

    @DELETE
    @Path("/{id}")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,INVITATION_NOT_FOUND")
    @Operation(operationId = "revokeTenantInvitation", summary = "Revoke an invitation")
    public Uni<ApiResponse<Void>> revoke(@PathParam("slug") String slug, @PathParam("id") long id) {
        return access.requireRoleToChange(slug, Role.ADMIN).flatMap(t -> service.revoke(t, id))
                .map(v -> ApiResponse.ok(null, "Invitation " + id + " to '" + slug + "' withdrawn"));
    }
}
