package io.ipsc.tenant.auth;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sign-in, refresh and sign-out: public endpoints, they are how a caller gets and gives up a token. */
@Tag(name = "Auth")
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
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_CREDENTIALS,ACCOUNT_DEACTIVATED,ACCOUNT_LOCKED")
    @Operation(operationId = "login", summary = "Sign in with email and password")
    public Uni<ApiResponse<AuthService.Tokens>> login(LoginRequest request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"email\": ..., \"password\": ...}");
        }
        return auth.login(request.email(), request.password()).map(t -> ApiResponse.ok(t, "Signed in"));
    }

    @POST
    @Path("/refresh")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_REFRESH_TOKEN,REFRESH_TOKEN_REUSED,ACCOUNT_DEACTIVATED,ACCOUNT_LOCKED")
    @Operation(operationId = "refreshToken", summary = "Exchange a refresh token for new tokens")
    public Uni<ApiResponse<AuthService.Tokens>> refresh(RefreshRequest request) {
        return auth.refresh(refreshToken(request)).map(t -> ApiResponse.ok(t, "Tokens refreshed"));
    }

    /**
     * Ends the session of the given refresh token (its whole family). No access token needed: the
     * refresh token is the proof. 200 whether or not the token existed or was already revoked, so
     * that the answer tells nothing about it; only a missing or blank token is a 400.
     */
    @POST
    @Path("/logout")
    @Operation(operationId = "logout", summary = "Revoke a refresh token")
    public Uni<ApiResponse<Void>> logout(RefreshRequest request) {
        return auth.logout(refreshToken(request)).map(v -> ApiResponse.ok(null, "Signed out"));
    }

    private static String refreshToken(RefreshRequest request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send {\"refresh_token\": ...}");
        }
        return request.refreshToken();
    }
}
