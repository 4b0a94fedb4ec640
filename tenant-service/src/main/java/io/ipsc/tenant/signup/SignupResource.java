package io.ipsc.tenant.signup;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Self-service sign-up and the set-up form's checks. Public (the gateway lets them through without a
 * token; a token, when sent, is used): whether sign-up is on decides who may use them.
 */
@Tag(name = "Sign-up")
@Path("/api/signup")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SignupResource {

    private final SignupService service;
    private final CurrentCaller caller;

    public SignupResource(SignupService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "getSignupSettings", summary = "Whether self-service sign-up is open, and on which terms")
    public ApiResponse<SignupSettings> settings() {
        SignupSettings settings = service.settings();
        return ApiResponse.ok(settings, settings.enabled() ? "Self-service sign-up is open" : "Self-service sign-up is off");
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "SELF_SERVICE_DISABLED,SELF_SERVICE_LIMIT_REACHED,DUPLICATE_SLUG,DUPLICATE_EMAIL,MAX_TENANTS_REACHED")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "signUp", summary = "Create an account and its organisation on the free plan (self-service)")
    public Uni<RestResponse<ApiResponse<SignedUp>>> signUp(SignupRequest request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", null,
                    "Send {\"full_name\": ..., \"email\": ..., \"password\": ..., \"tenant\": {...}}");
        }
        return service.signUp(caller.get(), request).map(done -> RestResponse.status(RestResponse.Status.CREATED,
                ApiResponse.ok(done, "Organisation '" + done.tenant().slug() + "' created for " + done.user().email()
                        + "; its databases are being provisioned")));
    }

    /** The set-up form's checks as it is typed: creation's own rules, on the fields given; creates nothing. */
    @POST
    @Path("/check")
    @Extension(name = ErrorAnswers.CODES, value = "SELF_SERVICE_DISABLED")
    @Operation(operationId = "checkTenantDraft", summary = "Check a tenant's fields as tenant creation would, without creating it")
    public Uni<ApiResponse<TenantCheck>> check(SignupTenant draft) {
        service.requireMayCheck(caller.get());
        if (draft == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the tenant's fields to check, e.g. {\"slug\": ...}");
        }
        return service.check(draft).map(c -> ApiResponse.ok(c, c.valid() ? "No problem found" : c.problems().size() + " problem(s)"));
    }
}
