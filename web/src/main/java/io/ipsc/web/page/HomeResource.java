package io.ipsc.web.page;

import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.session.WebSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The start page: the signed-in user's organisations, and tenant set-up for platform admins. */
@Path("/")
public class HomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance start(Chrome chrome);
    }

    private final SessionStore sessions;

    HomeResource(SessionStore sessions) {
        this.sessions = sessions;
    }

    @GET
    public TemplateInstance start(@CookieParam(SessionCookie.NAME) String sessionId) {
        WebSession session = sessions.require(sessionId);
        return Templates.start(Chrome.of("IPSC", session.user()));
    }
}
