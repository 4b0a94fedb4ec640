package io.ipsc.web.auth;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.LoginRequest;
import io.ipsc.client.model.Tokens;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.setup.SignUpAvailability;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.session.WebSession;
import io.ipsc.web.session.WebSession.SignedInUser;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signing in and out. The tokens stay here; the browser gets only the session cookie. */
@Path("/")
@Blocking
public class SignInResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(Chrome chrome, String email, String then, String error, boolean signedOut, boolean signUpOpen);
    }

    private final Gateway gateway;
    private final SessionStore sessions;
    private final AccessTokens tokens;
    private final SignUpAvailability signUp;

    SignInResource(Gateway gateway, SessionStore sessions, AccessTokens tokens, SignUpAvailability signUp) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.tokens = tokens;
        this.signUp = signUp;
    }

    @GET
    @Path("sign-in")
    public TemplateInstance signInPage(@RestQuery String then, @RestQuery("signed-out") String signedOut) {
        return Templates.signIn(Chrome.of("Sign in", null), "", localPath(then), null, signedOut != null, signUp.open());
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> signIn(@RestForm String email, @RestForm String password, @RestForm String then,
                                                 @CookieParam(SessionCookie.NAME) String previous, @Context UriInfo uri,
                                                 @Context HttpServerRequest request) {
        // The browser's address (behind an ingress, the one it forwarded): the gateway counts sign-ins per person.
        String browser = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String target = localPath(then);
        Tokens answer;
        try {
            answer = gateway.auth().login(new LoginRequest().email(email == null ? "" : email.trim()).password(password == null ? "" : password),
                    Gateway.forwardedFor(browser)).getData();
        } catch (ApiException e) {
            return PageErrors.withStatus(statusOf(e), Templates.signIn(Chrome.of("Sign in", null),
                    email == null ? "" : email, target, SignInProblem.explain(GatewayError.of(e)), false, signUp.open()));
        }
        // A new id at each sign-in: an id planted before it (session fixation) is worth nothing after.
        sessions.find(previous).ifPresent(sessions::drop);
        WebSession session = sessions.open(userOf(answer), answer.getAccessToken(), answer.getRefreshToken(), AccessTokens.expiry(answer), browser);
        return RestResponse.ResponseBuilder.<TemplateInstance>seeOther(URI.create(target))
                .cookie(SessionCookie.issue(session, uri)).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@CookieParam(SessionCookie.NAME) String id, @Context UriInfo uri) {
        sessions.find(id).ifPresent(tokens::signOut);
        return Response.seeOther(URI.create("/sign-in?signed-out=true")).cookie(SessionCookie.clear(uri)).build();
    }

    /** Only a path on this site: an absolute or protocol-relative address would make sign-in an open redirect. */
    static String localPath(String then) {
        if (then == null || !then.startsWith("/") || then.startsWith("//") || then.startsWith("/\\")) {
            return "/";
        }
        return then;
    }

    private static int statusOf(ApiException e) {
        return e.getCode() == 0 ? 502 : e.getCode() >= 500 ? 502 : e.getCode();
    }

    @SuppressWarnings("unchecked")
    public static SignedInUser userOf(Tokens answer) {
        Map<String, Object> user = answer.getUser();
        Object tenants = user.get("tenants");
        Map<String, String> memberships = new LinkedHashMap<>();
        if (tenants instanceof Map<?, ?> map) {
            map.forEach((slug, role) -> memberships.put(String.valueOf(slug), String.valueOf(role)));
        }
        Object id = user.get("id");
        return new SignedInUser(id instanceof Number n ? n.longValue() : 0L, String.valueOf(user.get("email")),
                user.get("full_name") == null ? null : String.valueOf(user.get("full_name")),
                Boolean.TRUE.equals(user.get("platform_admin")), Map.copyOf(memberships));
    }
}
