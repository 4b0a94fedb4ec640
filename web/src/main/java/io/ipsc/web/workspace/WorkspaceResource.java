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
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

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

    }

    private final Gateway gateway;
    private final SessionStore sessions;
    private final AccessTokens tokens;
    private final Visits visits;
    private final HomeFigures.Source figures;

    WorkspaceResource(Gateway gateway, SessionStore sessions, AccessTokens tokens, Visits visits, HomeFigures.Source figures) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.tokens = tokens;
        this.visits = visits;
        this.figures = figures;
    }

    @GET
    @Path("/")
    public RestResponse<TemplateInstance> home(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                               @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return RestResponse.ok(Templates.home(visit.chrome(visit.workspace().companyName()), visit.tenant(),
                figures.of(slug, visit.tenant().getFeatures(), visit.bearer())));
    }

    /**
     * Any other page of the workspace: every section of the menu has its own resource (invoicing, catalog,
     * purchasing, cash flow, GST, clinic, calendar, factory, settings), so what reaches here does not exist. The
     * visit is still checked first, so that a stranger learns nothing about the tenant from this page either.
     */
    @GET
    @Path("/{section:[a-z-]+}")
    public RestResponse<TemplateInstance> unknown(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return PageErrors.page(404, visit.session().user(), "Not found", "There is nothing here. Check the address.");
    }

    /** The tenant's colours and font, for the workspace's pages (a stylesheet: the CSP allows no inline style). */
    @GET
    @Path("/theme.css")
    @Produces("text/css")
    public Response theme(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                          @Context Request request) throws ApiException {
        WebSession session = sessions.require(sessionId);
        BrandingView branding = gateway.branding().getBranding(slug, Gateway.bearer(tokens.current(session))).getData();
        String css = TenantStylesheet.render(branding);
        // Asked again on every page (no-cache: a brand change shows at once), but sent again only when it changed.
        EntityTag etag = new EntityTag(TenantStylesheet.fingerprint(css));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(etag);
        Response.ResponseBuilder answer = unchanged != null ? unchanged : Response.ok(css, "text/css");
        return answer.tag(etag).header(HttpHeaders.CACHE_CONTROL, "private, no-cache").build();
    }
}
