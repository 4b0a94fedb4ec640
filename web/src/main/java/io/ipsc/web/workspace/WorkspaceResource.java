package io.ipsc.web.workspace;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.BrandingView;
import io.ipsc.client.model.TenantView;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.session.WebSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;

/**
 * A tenant's workspace, at {@code /t/<slug>/} and on its own host ({@link TenantHostRouting}):
 * branded from branding-service, its menu from the tenant's features, and a home page of figures.
 * Whether the visitor may see it is the gateway's answer (403, 404), shown as a page.
 */
@Path("/t/{slug}")
@Blocking
public class WorkspaceResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Chrome chrome, TenantView tenant, HomeFigures figures);

        static native TemplateInstance section(Chrome chrome, SectionTable table, String path);
    }

    private final Gateway gateway;
    private final SessionStore sessions;
    private final AccessTokens tokens;
    private final TenantHosts hosts;
    private final HomeFigures.Source figures;
    private final Sections sections;

    WorkspaceResource(Gateway gateway, SessionStore sessions, AccessTokens tokens, TenantHosts hosts, HomeFigures.Source figures,
                      Sections sections) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.tokens = tokens;
        this.hosts = hosts;
        this.figures = figures;
        this.sections = sections;
    }

    /** A workspace page's starting point: who asks, with which token, about which tenant, framed how. */
    private record Visit(WebSession session, Map<String, String> bearer, TenantView tenant, Workspace workspace) {

        Chrome chrome(String title) {
            return new Chrome(title, session.user(), workspace);
        }
    }

    @GET
    @Path("/")
    public RestResponse<TemplateInstance> home(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                               @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visit(slug, sessionId, host);
        return RestResponse.ok(Templates.home(visit.chrome(visit.workspace().companyName()), visit.tenant(), figures.of(slug, visit.tenant().getFeatures(), visit.bearer())));
    }

    /** A section of the menu as a list, {@code ?page=} at a time. */
    @GET
    @Path("/{section:[a-z-]+}")
    public RestResponse<TemplateInstance> section(@PathParam("slug") String slug, @PathParam("section") String section,
                                                  @RestQuery @DefaultValue("1") int page, @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visit(slug, sessionId, host);
        var table = sections.page(slug, section, page, visit.bearer());
        if (table.isEmpty()) {
            return PageErrors.page(404, visit.session().user(), "Not found", "There is nothing here. Check the address.");
        }
        return RestResponse.ok(Templates.section(visit.chrome(table.get().title() + " · " + visit.workspace().companyName()),
                table.get(), visit.workspace().base() + section));
    }

    /** The tenant's colours and font, for the workspace's pages (a stylesheet: the CSP allows no inline style). */
    @GET
    @Path("/theme.css")
    @Produces("text/css")
    public Response theme(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId) throws ApiException {
        WebSession session = sessions.require(sessionId);
        BrandingView branding = gateway.branding().getBranding(slug, Gateway.bearer(tokens.current(session))).getData();
        return Response.ok(TenantStylesheet.render(branding), "text/css").header(HttpHeaders.CACHE_CONTROL, "private, no-cache").build();
    }

    /** The tenant as the visitor may see it (the gateway refuses otherwise); a suspended one ends here with its page. */
    private Visit visit(String slug, String sessionId, String host) throws ApiException {
        WebSession session = sessions.require(sessionId);
        Map<String, String> bearer = Gateway.bearer(tokens.current(session));
        TenantView tenant = gateway.tenants().getTenant(slug, bearer).getData();
        if ("suspended".equalsIgnoreCase(tenant.getStatus())) {
            throw new TenantSuspended(tenant.getName());
        }
        return new Visit(session, bearer, tenant, workspace(tenant, bearer, host));
    }

    private Workspace workspace(TenantView tenant, Map<String, String> bearer, String host) throws ApiException {
        BrandingView branding = gateway.branding().getBranding(tenant.getSlug(), bearer).getData();
        String base = hosts.tenantOf(host).filter(tenant.getSlug()::equals).isPresent() ? "/" : "/t/" + tenant.getSlug() + "/";
        String name = branding.getCompanyName() == null || branding.getCompanyName().isBlank() ? tenant.getName() : branding.getCompanyName();
        return new Workspace(tenant.getSlug(), name, branding.getLogoUrl(), base, Menu.of(tenant.getFeatures(), base));
    }
}
