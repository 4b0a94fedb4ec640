package io.ipsc.web.page;

import io.ipsc.client.ApiException;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.session.SignInRequired;
import io.ipsc.web.session.WebSession;
import io.ipsc.web.workspace.RoleCannot;
import io.ipsc.web.workspace.TenantHosts;
import io.ipsc.web.workspace.TenantSuspended;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Turns what the gateway refused into a page with the same status: 403 and 404 as pages that say
 * so, no live session as a trip to the sign-in page (back to where the visitor was going), and a
 * gateway that does not answer as 502 in fixed words (the detail goes to the log).
 */
public class PageErrors {

    private static final Logger LOG = Logger.getLogger(PageErrors.class);

    private static final String SUSPENDED_ADVICE = "Its administrator can ask the operator to reactivate it.";

    private final SessionStore sessions;

    private final TenantHosts hosts;

    PageErrors(SessionStore sessions, TenantHosts hosts) {
        this.sessions = sessions;
        this.hosts = hosts;
    }

    @ServerExceptionMapper
    public Response signIn(SignInRequired e, UriInfo uri, Request request, HttpHeaders headers) {
        return Response.seeOther(signInThenBack(uri, request, headers)).build();
    }

    @ServerExceptionMapper
    public RestResponse<TemplateInstance> suspended(TenantSuspended e, HttpHeaders headers) {
        return page(403, visitor(headers), "Suspended", e.tenantName() + " is suspended. " + SUSPENDED_ADVICE);
    }

    @ServerExceptionMapper
    public RestResponse<TemplateInstance> roleCannot(RoleCannot e) {
        return withStatus(403, Pages.roleCannot(e.chrome(), e.heading(), e.explanation(), e.back(), e.backLabel()));
    }

    @ServerExceptionMapper
    public RestResponse<TemplateInstance> refused(ApiException e, UriInfo uri, HttpHeaders headers, Request request) {
        GatewayError error = GatewayError.of(e);
        WebSession.SignedInUser user = visitor(headers);
        return switch (error.status()) {
            case 401 -> RestResponse.seeOther(signInThenBack(uri, request, headers));
            case 403 -> "TENANT_SUSPENDED".equals(error.code())
                    ? page(403, user, "Suspended", "This organisation is suspended. " + SUSPENDED_ADVICE)
                    : !HttpMethod.GET.equals(request.getMethod())
                    // A change the API refused (a viewer's post, say): its own words say which role it needs.
                    ? page(403, user, "Not allowed", "Nothing was changed: " + error.message() + ". You are signed in as "
                            + (user == null ? "someone" : user.email()) + ".")
                    : page(403, user, "Not yours to open", "You are signed in as " + (user == null ? "someone" : user.email())
                            + ", who may not open this. Ask an administrator of the organisation to add you.");
            case 404 -> page(404, user, "Not found", "There is nothing here. Check the address.");
            case 429 -> page(429, user, "Too many requests", "Wait a minute and try again.");
            case 503 -> page(503, user, "Not ready yet", "This is still being set up. Try again in a moment.");
            default -> {
                LOG.warnf("gateway answered %d (%s: %s) for %s %s", error.status(), error.code(), error.message(),
                        request.getMethod(), uri.getRequestUri().getRawPath());
                yield page(502, user, "Something went wrong", "The service did not answer as it should. Try again shortly.");
            }
        };
    }

    public static RestResponse<TemplateInstance> page(int status, WebSession.SignedInUser user, String heading, String explanation) {
        return withStatus(status, Pages.problem(Chrome.of(heading, user), heading, explanation));
    }

    /** A page answered with another status than 200 (a refused form keeps the API's status). */
    public static RestResponse<TemplateInstance> withStatus(int status, TemplateInstance page) {
        return RestResponse.ResponseBuilder.<TemplateInstance>create(status).entity(page).build();
    }

    /** The sign-in page, then back to this page (a post's form is gone: then home). */
    private URI signInThenBack(UriInfo uri, Request request, HttpHeaders headers) {
        String path = uri.getRequestUri().getRawPath();
        // On a tenant's own host the page was rerouted to /t/<slug>/...: back to the address the visitor used.
        String rerouted = hosts.tenantOf(headers.getHeaderString(HttpHeaders.HOST)).map(slug -> "/t/" + slug).orElse(null);
        if (rerouted != null && path.startsWith(rerouted + "/")) {
            path = path.substring(rerouted.length());
        }
        String then = HttpMethod.GET.equals(request.getMethod()) ? path : "/";
        return URI.create("/sign-in?then=" + URLEncoder.encode(then, StandardCharsets.UTF_8));
    }

    private WebSession.SignedInUser visitor(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(SessionCookie.NAME);
        return cookie == null ? null : sessions.find(cookie.getValue()).map(WebSession::user).orElse(null);
    }
}
