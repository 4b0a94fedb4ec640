package io.ipsc.tenant.invitation;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * An invitation as its holder sees it. Public, like sign-in: the token in the path is the
 * credential, and the person holding it has no account yet.
 */
@Tag(name = "Invitations")
@Path("/api/invitations/{token}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private final InvitationService service;

    public InvitationResource(InvitationService service) {
        this.service = service;
    }

    @GET
    @Extension(name = ErrorAnswers.CODES, value = "INVITATION_NOT_FOUND,INVITATION_EXPIRED,INVITATION_REVOKED,INVITATION_ALREADY_USED")
    @Operation(operationId = "getInvitation", summary = "Preview an invitation by its token")
    public Uni<ApiResponse<InvitationPreview>> preview(@PathParam("token") String token) {
        return service.preview(token).map(p -> ApiResponse.ok(p, "Invitation to '" + p.tenant() + "' as " + p.role()));
    }

    @POST
    @Path("/accept")
    @Extension(name = ErrorAnswers.CODES, value = "INVITATION_NOT_FOUND,INVITATION_EXPIRED,INVITATION_REVOKED,INVITATION_ALREADY_USED,DUPLICATE_EMAIL")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "acceptInvitation", summary = "Accept an invitation")
    public Uni<RestResponse<ApiResponse<InvitationService.InvitationAccepted>>> accept(@PathParam("token") String token,
                                                                                      InvitationService.AcceptRequest request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"name\": ..., \"password\": ...}");
        }
        return service.accept(token, request).map(a -> RestResponse.status(RestResponse.Status.CREATED,
                ApiResponse.ok(a, "Welcome to '" + a.tenant() + "': you are " + a.role())));
    }
}
