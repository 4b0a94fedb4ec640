package io.ipsc.tenant.auth;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Sign-in and refresh: public endpoints, they are how a caller gets a token. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record LoginRequest(String email, String password) {
    }

    public record RefreshRequest(String refreshToken) {
    }

    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @POST
    @Path("/login")
    public Uni<ApiResponse<AuthService.Tokens>> login(LoginRequest request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"email\": ..., \"password\": ...}");
        }
        return auth.login(request.email(), request.password()).map(t -> ApiResponse.ok(t, "Signed in"));
    }

    @POST
    @Path("/refresh")
    public Uni<ApiResponse<AuthService.Tokens>> refresh(RefreshRequest request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"refresh_token\": ...}");
        }
        return auth.refresh(request.refreshToken()).map(t -> ApiResponse.ok(t, "Tokens refreshed"));
    }
}
