package io.ipsc.web.setup;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.ProvisioningView;
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
 * The seed guide's Method 2: a platform admin sets up an organisation at {@code /tenant-setup}, then
 * watches each service provision it (an htmx fragment polled until the tenant is active).
 */
@Path("/tenant-setup")
@Blocking
public class TenantSetupResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(Chrome chrome, TenantForm form, List<OrganisationType> types, List<String> sizes,
                                            Map<String, String> errors, String problem);

        static native TemplateInstance progress(Chrome chrome, TenantView tenant, boolean active, List<ServiceState> services,
                                                String workspaceUrl);

        static native TemplateInstance provisioning(TenantView tenant, boolean active, List<ServiceState> services, String workspaceUrl);
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

    TenantSetupResource(Gateway gateway, SessionStore sessions, AccessTokens tokens, TenantHosts hosts) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.tokens = tokens;
        this.hosts = hosts;
    }

    @GET
    public RestResponse<TemplateInstance> form(@CookieParam(SessionCookie.NAME) String sessionId) {
        WebSession session = sessions.require(sessionId);
        if (!session.user().platformAdmin()) {
            return onlyForPlatformAdmins(session);
        }
        return RestResponse.ok(form(session, new TenantForm(), Map.of(), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@BeanParam TenantForm form, @CookieParam(SessionCookie.NAME) String sessionId) {
        WebSession session = sessions.require(sessionId);
        if (!session.user().platformAdmin()) {
            return onlyForPlatformAdmins(session);
        }
        try {
            TenantView created = gateway.tenants().createTenant(form.toRequest(), Gateway.bearer(tokens.current(session))).getData();
            return RestResponse.seeOther(URI.create("/tenant-setup/" + created.getSlug()));
        } catch (ApiException e) {
            GatewayError error = GatewayError.of(e);
            if (error.unreachable() || error.status() >= 500) {
                return PageErrors.withStatus(502, form(session, form, Map.of(),
                        "The organisation could not be created: the service does not answer. Try again shortly."));
            }
            String problem = error.fieldErrors().isEmpty() ? error.message() : "Please correct the fields marked below.";
            return PageErrors.withStatus(error.status(), form(session, form, error.fieldErrors(), problem));
        }
    }

    @GET
    @Path("/{slug}")
    public RestResponse<TemplateInstance> progress(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                                   @HeaderParam(HttpHeaders.HOST) String host, @Context UriInfo uri) throws ApiException {
        WebSession session = sessions.require(sessionId);
        TenantView tenant = tenant(session, slug);
        return RestResponse.ok(Templates.progress(Chrome.of("Setting up " + tenant.getName(), session.user()), tenant,
                active(tenant), services(tenant), hosts.workspaceUrl(slug, uri.getRequestUri().getScheme(), host)));
    }

    /** The fragment htmx polls: while the tenant is not active it asks to be polled again. */
    @GET
    @Path("/{slug}/status")
    public TemplateInstance status(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                   @HeaderParam(HttpHeaders.HOST) String host, @Context UriInfo uri) throws ApiException {
        TenantView tenant = tenant(sessions.require(sessionId), slug);
        return Templates.provisioning(tenant, active(tenant), services(tenant), hosts.workspaceUrl(slug, uri.getRequestUri().getScheme(), host));
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

    private static TemplateInstance form(WebSession session, TenantForm form, Map<String, String> errors, String problem) {
        return Templates.form(Chrome.of("Set up an organisation", session.user()), form, OrganisationType.ALL,
                OrganisationType.SIZES, errors, problem);
    }

    private static RestResponse<TemplateInstance> onlyForPlatformAdmins(WebSession session) {
        return PageErrors.page(403, session.user(), "Only for platform administrators",
                "Setting up a new organisation is done by the operator's platform administrators. "
                        + "You are signed in as " + session.user().email() + ".");
    }
}
