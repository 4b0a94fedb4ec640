package io.ipsc.web.setup;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.ProvisioningView;
import io.ipsc.client.model.SignupRequest;
import io.ipsc.client.model.TenantCheck;
import io.ipsc.client.model.TenantView;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.session.WebSession;
import io.ipsc.web.workspace.TenantHosts;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed guide's Method 2: a platform admin (or, with self-service sign-up on, any signed-in user)
 * sets up an organisation at {@code /tenant-setup}, its fields checked as they are typed by
 * tenant-service's own rules, then watches each service provision it (an htmx fragment polled until
 * the tenant is active), with a retry after a failure.
 */
@Path("/tenant-setup")
@Blocking
public class TenantSetupResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(Chrome chrome, TenantForm form, List<OrganisationType> types, List<String> sizes,
                                            Map<String, String> errors, String problem, boolean selfService);

        static native TemplateInstance progress(Chrome chrome, Provisioning provisioning);

        static native TemplateInstance provisioning(Provisioning provisioning);

        static native TemplateInstance check(FieldCheck check);
    }

    /**
     * The live view of a tenant's provisioning: each service's state, the workspace's address once
     * active, a retry button after a failure for who may retry (platform admins), and what a retry said.
     */
    public record Provisioning(TenantView tenant, boolean active, List<ServiceState> services, String workspaceUrl, boolean mayRetry,
                               String notice) {

        public boolean anyFailed() {
            return services.stream().anyMatch(ServiceState::failed);
        }

        /** Polled while not active; a failure stops nothing, since a retry (or the service's own) may still turn it. */
        public boolean polling() {
            return !active;
        }
    }

    /** One service's provisioning of the new tenant, as the progress list shows it. */
    public record ServiceState(String service, String status, String detail) {

        public boolean done() {
            return "PROVISIONED".equalsIgnoreCase(status);
        }

        public boolean failed() {
            return "FAILED".equalsIgnoreCase(status);
        }
    }

    private final Gateway gateway;
    private final SessionStore sessions;
    private final AccessTokens tokens;
    private final TenantHosts hosts;

    private final SignUpAvailability signUp;

    TenantSetupResource(Gateway gateway, SessionStore sessions, AccessTokens tokens, TenantHosts hosts, SignUpAvailability signUp) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.tokens = tokens;
        this.hosts = hosts;
        this.signUp = signUp;
    }

    /** Platform admins set up any organisation; while self-service is on, any signed-in user sets up their own. */
    @GET
    public RestResponse<TemplateInstance> form(@CookieParam(SessionCookie.NAME) String sessionId) {
        WebSession session = sessions.require(sessionId);
        if (!session.user().platformAdmin() && !signUp.open()) {
            return onlyForPlatformAdmins(session);
        }
        return RestResponse.ok(form(session, new TenantForm(), Map.of(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@BeanParam TenantForm form, @CookieParam(SessionCookie.NAME) String sessionId) {
        WebSession session = sessions.require(sessionId);
        boolean platformAdmin = session.user().platformAdmin();
        if (!platformAdmin && !signUp.open()) {
            return onlyForPlatformAdmins(session);
        }
        try {
            Map<String, String> bearer = Gateway.bearer(tokens.current(session));
            String slug = platformAdmin
                    ? gateway.tenants().createTenant(form.toRequest(), bearer).getData().getSlug()
                    : gateway.signUp().signUp(new SignupRequest().tenant(form.toDraft()), bearer).getData().getTenant().getSlug();
            return RestResponse.seeOther(URI.create("/tenant-setup/" + slug));
        } catch (ApiException e) {
            GatewayError error = GatewayError.of(e);
            if (error.unreachable() || error.status() >= 500) {
                return PageErrors.withStatus(502, form(session, form, Map.of(),
                        "The organisation could not be created: the service does not answer. Try again shortly."));
            }
            Map<String, String> fields = SignUpResource.tenantFields(error.fieldErrors());
            String problem = fields.isEmpty() ? error.message() : "Please correct the fields marked below.";
            return PageErrors.withStatus(error.status(), form(session, form, fields, problem));
        }
    }

    /**
     * The check of one field as it is typed (htmx names it in {@code HX-Trigger-Name}): the whole form
     * goes to tenant-service's checks, which judge the fields given as creation would, and the answer
     * for that field comes back as the fragment under it. Signed-out visitors (self-service sign-up)
     * are checked anonymously; tenant-service decides whether they may be.
     */
    @POST
    @Path("/check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance check(@BeanParam TenantForm form, @HeaderParam("HX-Trigger-Name") String field,
                                  @CookieParam(SessionCookie.NAME) String sessionId) {
        if (field == null || !FieldCheck.CHECKED.contains(field)) {
            return Templates.check(FieldCheck.nothing(field == null ? "none" : field));
        }
        Map<String, String> headers = sessions.find(sessionId).map(s -> Gateway.bearer(tokens.current(s))).orElse(Gateway.anonymous());
        try {
            TenantCheck check = gateway.signUp().checkTenantDraft(form.toDraft(), headers).getData();
            return Templates.check(FieldCheck.of(field, check, form.slug == null ? "" : form.slug.trim()));
        } catch (ApiException e) {
            // No verdict now (refused, throttled, unreachable): the field says nothing, and submitting still checks everything.
            return Templates.check(FieldCheck.nothing(field));
        }
    }

    @GET
    @Path("/{slug}")
    public RestResponse<TemplateInstance> progress(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                                   @HeaderParam(HttpHeaders.HOST) String host, @Context UriInfo uri) throws ApiException {
        WebSession session = sessions.require(sessionId);
        Provisioning provisioning = provisioning(session, slug, host, uri, null);
        return RestResponse.ok(Templates.progress(Chrome.of("Setting up " + provisioning.tenant().getName(), session.user()), provisioning));
    }

    /** The fragment htmx polls: while the tenant is not active it asks to be polled again. */
    @GET
    @Path("/{slug}/status")
    public TemplateInstance status(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                   @HeaderParam(HttpHeaders.HOST) String host, @Context UriInfo uri) throws ApiException {
        return Templates.provisioning(provisioning(sessions.require(sessionId), slug, host, uri, null));
    }

    /**
     * The retry button after a failed provisioning: tenant-service publishes the tenant again, every
     * service converges once more, and the fragment it answers with goes on polling.
     */
    @POST
    @Path("/{slug}/retry")
    public TemplateInstance retry(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                  @HeaderParam(HttpHeaders.HOST) String host, @Context UriInfo uri) throws ApiException {
        WebSession session = sessions.require(sessionId);
        String notice;
        try {
            gateway.tenants().retryTenantProvisioning(slug, Gateway.bearer(tokens.current(session)));
            notice = "Every service was asked to try again.";
        } catch (ApiException e) {
            GatewayError error = GatewayError.of(e);
            notice = error.unreachable() ? "The retry could not be asked: the service does not answer. Try again shortly." : error.message();
        }
        return Templates.provisioning(provisioning(session, slug, host, uri, notice));
    }

    private Provisioning provisioning(WebSession session, String slug, String host, UriInfo uri, String notice) throws ApiException {
        TenantView tenant = tenant(session, slug);
        return new Provisioning(tenant, active(tenant), services(tenant), hosts.workspaceUrl(slug, uri.getRequestUri().getScheme(), host),
                session.user().platformAdmin(), notice);
    }

    private TenantView tenant(WebSession session, String slug) throws ApiException {
        return gateway.tenants().getTenant(slug, Gateway.bearer(tokens.current(session))).getData();
    }

    private static boolean active(TenantView tenant) {
        return "active".equalsIgnoreCase(tenant.getStatus());
    }

    private static List<ServiceState> services(TenantView tenant) {
        Map<String, ProvisioningView> byService = new TreeMap<>(tenant.getProvisioning() == null ? Map.of() : tenant.getProvisioning());
        return byService.entrySet().stream()
                .map(e -> new ServiceState(e.getKey(), e.getValue().getStatus(), e.getValue().getDetail()))
                .toList();
    }

    private TemplateInstance form(WebSession session, TenantForm form, Map<String, String> errors, String problem) {
        return Templates.form(Chrome.of("Set up an organisation", session.user()), form, OrganisationType.ALL,
                OrganisationType.SIZES, errors, problem, !session.user().platformAdmin());
    }

    private static RestResponse<TemplateInstance> onlyForPlatformAdmins(WebSession session) {
        return PageErrors.page(403, session.user(), "Only for platform administrators",
                "Setting up a new organisation is done by the operator's platform administrators. "
                        + "You are signed in as " + session.user().email() + ".");
    }
}
