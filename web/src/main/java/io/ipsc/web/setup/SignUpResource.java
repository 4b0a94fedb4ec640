package io.ipsc.web.setup;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.LoginRequest;
import io.ipsc.client.model.SignedUp;
import io.ipsc.client.model.SignupRequest;
import io.ipsc.client.model.Tokens;
import io.ipsc.web.auth.SignInResource;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.session.WebSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Self-service sign-up, when the operator has turned it on (tenant-service's
 * {@code IPSC_SELF_SERVICE_SIGNUP}; otherwise a not-found page): a visitor creates an account and an
 * organisation on the free plan, is signed in, and watches it being provisioned.
 */
@Path("/sign-up")
@Blocking
public class SignUpResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signUp(Chrome chrome, Account account, TenantForm form, List<OrganisationType> types,
                                              List<String> sizes, Map<String, String> errors, String problem);
    }

    /** The account's fields as typed (the password is never sent back). */
    public record Account(String fullName, String email) {
    }

    private final Gateway gateway;
    private final SessionStore sessions;
    private final SignUpAvailability availability;

    SignUpResource(Gateway gateway, SessionStore sessions, SignUpAvailability availability) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.availability = availability;
    }

    @GET
    public RestResponse<TemplateInstance> page() {
        if (!availability.open()) {
            return closed();
        }
        return RestResponse.ok(page(new Account("", ""), new TenantForm(), Map.of(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> signUp(@RestForm("full_name") String fullName, @RestForm String email, @RestForm String password,
                                                 @BeanParam TenantForm form, @CookieParam(SessionCookie.NAME) String previous,
                                                 @Context UriInfo uri) {
        Account account = new Account(fullName == null ? "" : fullName.trim(), email == null ? "" : email.trim());
        SignedUp done;
        try {
            done = gateway.signUp().signUp(new SignupRequest().fullName(account.fullName()).email(account.email())
                    .password(password == null ? "" : password).tenant(form.toDraft()), Gateway.anonymous()).getData();
        } catch (ApiException e) {
            GatewayError error = GatewayError.of(e);
            if (error.unreachable() || error.status() >= 500) {
                return PageErrors.withStatus(502, page(account, form, Map.of(),
                        "Your organisation could not be created: the service does not answer. Try again shortly."));
            }
            Map<String, String> fields = tenantFields(error.fieldErrors());
            String problem = fields.isEmpty() ? error.message() : "Please correct the fields marked below.";
            return PageErrors.withStatus(error.status(), page(account, form, fields, problem));
        }
        String slug = done.getTenant().getSlug();
        try {
            Tokens tokens = gateway.auth().login(new LoginRequest().email(account.email()).password(password), Gateway.anonymous()).getData();
            sessions.find(previous).ifPresent(sessions::drop);
            WebSession session = sessions.open(SignInResource.userOf(tokens), tokens.getAccessToken(), tokens.getRefreshToken(),
                    AccessTokens.expiry(tokens));
            return RestResponse.ResponseBuilder.<TemplateInstance>seeOther(URI.create("/tenant-setup/" + slug))
                    .cookie(SessionCookie.issue(session, uri)).build();
        } catch (ApiException e) {
            // The account exists; only the sign-in failed (throttled, say): signing in by hand leads to the same place.
            return RestResponse.seeOther(URI.create("/sign-in?then=/tenant-setup/" + slug));
        }
    }

    /**
     * The API's field names as the form's: sign-up names the organisation's fields {@code tenant.<field>},
     * the form (shared with the operator's set-up page) names them plainly.
     */
    static Map<String, String> tenantFields(Map<String, String> apiFields) {
        Map<String, String> fields = new LinkedHashMap<>();
        apiFields.forEach((field, message) -> fields.putIfAbsent(field.startsWith("tenant.") ? field.substring("tenant.".length()) : field, message));
        return fields;
    }

    private static TemplateInstance page(Account account, TenantForm form, Map<String, String> errors, String problem) {
        return Templates.signUp(Chrome.of("Create your organisation", null), account, form, OrganisationType.ALL, OrganisationType.SIZES,
                errors, problem);
    }

    private static RestResponse<TemplateInstance> closed() {
        return PageErrors.page(404, null, "Not found", "Organisations are set up by the operator here. Ask them for an account.");
    }
}
