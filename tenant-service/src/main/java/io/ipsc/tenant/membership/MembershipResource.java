package io.ipsc.tenant.membership;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.invitation.InvitationService;
import io.ipsc.tenant.outbox.OutboxRelay;
import io.ipsc.tenant.tenant.TenantAccess;
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

/** A tenant's members: its admins (or platform admins) manage them; any member may list them. */
@Tag(name = "Memberships")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/tenants/{slug}/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MembershipResource {

    private final MembershipService service;
    private final InvitationService invitations;
    private final TenantAccess access;
    private final OutboxRelay relay;

    public MembershipResource(MembershipService service, InvitationService invitations, TenantAccess access, OutboxRelay relay) {
        this.service = service;
        this.invitations = invitations;
        this.access = access;
        this.relay = relay;
    }

    /**
     * By e-mail: an account becomes a member, an e-mail without one gets an invitation. By
     * {@code user_id} only for platform admins: ids can be counted through, e-mails cannot.
     */
    @POST
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,ADD_MEMBERS_BY_EMAIL,ALREADY_A_MEMBER,ALREADY_INVITED,QUOTA_EXCEEDED")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "addTenantMember", summary = "Add a user to a tenant")
    public Uni<RestResponse<ApiResponse<AddMemberAnswer>>> add(@PathParam("slug") String slug, MembershipService.AddMemberRequest request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"email\": ..., \"role\": ...}");
        }
        Caller caller = access.require();
        return access.requireRoleToChange(slug, Role.ADMIN).flatMap(t -> {
                    if (request.userId() == null) {
                        return invitations.addOrInvite(t, request.email(), request.role(), caller.userId());
                    }
                    if (!caller.platformAdmin()) {
                        return Uni.createFrom().failure(ApiException.forbidden("ADD_MEMBERS_BY_EMAIL",
                                "Tenant administrators add members by e-mail: send {\"email\": ..., \"role\": ...}").concerning(slug));
                    }
                    if (request.email() != null) {
                        return Uni.createFrom().failure(ApiException.badRequest("VALIDATION_ERROR", "email", "Send user_id or email, not both"));
                    }
                    return service.addById(t, request.userId(), request.role()).map(AddMemberAnswer.class::cast);
                })
                .invoke(relay::wakeUp)
                .map(answer -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(answer, answer.describe(slug))));
    }

    @GET
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED")
    @Operation(operationId = "listTenantMembers", summary = "List a tenant's members")
    public Uni<ApiResponse<Page<MembershipView>>> list(@PathParam("slug") String slug,
                                                       @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return access.requireRole(slug, Role.VIEWER).flatMap(t -> service.list(t, request))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " member(s) of '" + slug + "'"));
    }

    @PUT
    @Path("/{userId}")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,NOT_A_MEMBER:404")
    @Operation(operationId = "changeTenantMemberRole", summary = "Change a member's role")
    public Uni<ApiResponse<MembershipView>> changeRole(@PathParam("slug") String slug, @PathParam("userId") long userId,
                                                      MembershipService.ChangeRoleRequest request) {
        return access.requireRoleToChange(slug, Role.ADMIN).flatMap(t -> service.changeRole(t, userId, request)).invoke(relay::wakeUp)
                .map(m -> ApiResponse.ok(m, "User " + userId + " is now " + m.role() + " of '" + slug + "'"));
    }

    @DELETE
    @Path("/{userId}")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,NOT_A_MEMBER:404")
    @Operation(operationId = "removeTenantMember", summary = "Remove a member from a tenant")
    public Uni<ApiResponse<Void>> remove(@PathParam("slug") String slug, @PathParam("userId") long userId) {
        return access.requireRoleToChange(slug, Role.ADMIN).flatMap(t -> service.remove(t, userId)).invoke(relay::wakeUp)
                .map(v -> ApiResponse.ok(null, "User " + userId + " removed from '" + slug + "'"));
    }
}
