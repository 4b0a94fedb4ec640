package io.ipsc.web.page;

import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayCalls;
import io.ipsc.web.session.AccessTokens;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.session.WebSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The start page: the signed-in user's organisations by name, and tenant set-up for platform admins. */
@Path("/")
@Blocking
public class HomeResource {

    /** One organisation the user belongs to, as the start page lists it. */
    public record Organisation(String slug, String name, String role) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance start(Chrome chrome, List<Organisation> organisations);
    }

    private final SessionStore sessions;
    private final AccessTokens tokens;
    private final Gateway gateway;
    private final GatewayCalls calls;

    HomeResource(SessionStore sessions, AccessTokens tokens, Gateway gateway, GatewayCalls calls) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.gateway = gateway;
        this.calls = calls;
    }

    @GET
    public TemplateInstance start(@CookieParam(SessionCookie.NAME) String sessionId) {
        WebSession session = sessions.require(sessionId);
        return Templates.start(Chrome.of("IPSC", session.user()), organisations(session));
    }

    /**
     * The token names the user's tenants by slug; a person knows them by name. Each is asked for at once (a user belongs
     * to a handful); one the gateway does not answer for is listed by its slug rather than left out.
     */
    private List<Organisation> organisations(WebSession session) {
        Map<String, String> roles = session.user().tenants();
        if (roles.isEmpty()) {
            return List.of();
        }
        Map<String, String> bearer = Gateway.bearer(tokens.current(session));
        Map<String, CompletableFuture<String>> names = new LinkedHashMap<>();
        roles.keySet().forEach(slug -> names.put(slug, calls.start(() -> gateway.tenants().getTenant(slug, bearer).getData().getName())));
        List<Organisation> organisations = new ArrayList<>();
        names.forEach((slug, name) -> {
            String shown;
            try {
                shown = GatewayCalls.await(name);
            } catch (io.ipsc.client.ApiException | RuntimeException e) {
                shown = null;
            }
            organisations.add(new Organisation(slug, shown == null || shown.isBlank() ? slug : shown, roles.get(slug)));
        });
        return organisations;
    }
}
