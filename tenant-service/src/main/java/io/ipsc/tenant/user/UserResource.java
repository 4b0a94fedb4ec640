package io.ipsc.tenant.user;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenancy.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/**
 * Platform users: platform admins create, list, deactivate and reactivate them; anyone signed in may
 * read themselves and change their own password.
 */
@Tag(name = "Users")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService service;
    private final CurrentCaller caller;

    public UserResource(UserService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE_EMAIL")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createUser", summary = "Create a user")
    public Uni<RestResponse<ApiResponse<UserView>>> create(UserService.CreateUserRequest request) {
        caller.requirePlatformAdmin();
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"email\": ..., \"password\": ..., \"full_name\": ...}");
        }
        return service.create(request).map(u -> RestResponse.status(RestResponse.Status.CREATED,
                ApiResponse.ok(UserView.of(u), "User " + u.id + " created")));
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users")
    public Uni<ApiResponse<Page<UserView>>> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        caller.requirePlatformAdmin();
        return service.list(PageRequest.of(page, size)).map(p -> ApiResponse.ok(p.map(UserView::of), p.totalItems() + " user(s)"));
    }

    @GET
    @Path("/me")
    @Operation(operationId = "getCurrentUser", summary = "Get the signed-in user")
    public Uni<ApiResponse<UserView>> me() {
        Caller c = caller.require();
        return service.get(c.userId()).map(u -> ApiResponse.ok(UserView.of(u), "You"));
    }

    /**
     * Changes the caller's own password; ends every session of theirs (sign in again everywhere).
     * The current password counts as a sign-in attempt for the lockout.
     */
    @POST
    @Path("/me/password")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_CURRENT_PASSWORD,WEAK_PASSWORD")
    @Operation(operationId = "changePassword", summary = "Change the signed-in user's password")
    public Uni<ApiResponse<UserService.SessionsEnded>> changePassword(UserService.PasswordChangeRequest request) {
        Caller c = caller.require();
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"current_password\": ..., \"new_password\": ...}");
        }
        return service.changePassword(c.userId(), request)
                .map(ended -> ApiResponse.ok(ended, "Password changed; sign in again with the new password"));
    }

    /** Platform admins: refuses the user's sign-ins and refreshes at once and ends their sessions. */
    @POST
    @Path("/{id}/deactivate")
    @Consumes(MediaType.WILDCARD)
    @Extension(name = ErrorAnswers.CODES, value = "CANNOT_DEACTIVATE_SELF")
    @Operation(operationId = "deactivateUser", summary = "Deactivate a user")
    public Uni<ApiResponse<UserView>> deactivate(@PathParam("id") long id) {
        Caller c = caller.requirePlatformAdmin();
        return service.deactivate(c.userId(), id).map(u -> ApiResponse.ok(UserView.of(u), "User " + id + " deactivated"));
    }

    @POST
    @Path("/{id}/reactivate")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "reactivateUser", summary = "Reactivate a user")
    public Uni<ApiResponse<UserView>> reactivate(@PathParam("id") long id) {
        caller.requirePlatformAdmin();
        return service.reactivate(id).map(u -> ApiResponse.ok(UserView.of(u), "User " + id + " reactivated"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getUser", summary = "Get a user")
    public Uni<ApiResponse<UserView>> get(@PathParam("id") long id) {
        Caller c = caller.require();
        if (!c.platformAdmin() && c.userId() != id) {
            throw ApiException.forbidden("FORBIDDEN", "Only platform administrators may read other users");
        }
        return service.get(id).map(u -> ApiResponse.ok(UserView.of(u), "User " + id));
    }
}
