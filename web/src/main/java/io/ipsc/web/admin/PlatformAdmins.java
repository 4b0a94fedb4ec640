package io.ipsc.web.admin;

import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionStore;
import io.ipsc.web.session.WebSession;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The console is for platform admins only. The gateway refuses the calls anyway; checking here first
 * gives a signed-in member a page that says so instead of a half-drawn console.
 */
@ApplicationScoped
public class PlatformAdmins {

    private final SessionStore sessions;

    PlatformAdmins(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** The caller's session when they are a platform admin; otherwise {@link NotPlatformAdmin} (a 403 page). */
    public WebSession require(String sessionId) {
        WebSession session = sessions.require(sessionId);
        if (!session.user().platformAdmin()) {
            throw new NotPlatformAdmin(session.user());
        }
        return session;
    }

    /** A signed-in user who is not a platform admin asked for the console. */
    public static final class NotPlatformAdmin extends RuntimeException {

        private final transient WebSession.SignedInUser user;

        NotPlatformAdmin(WebSession.SignedInUser user) {
            super("not a platform admin", null, false, false);
            this.user = user;
        }
    }

    /** Mapped here, next to the check, so that the rest of the web app needs to know nothing of it. */
    @ServerExceptionMapper
    public RestResponse<TemplateInstance> refuse(NotPlatformAdmin e) {
        return PageErrors.page(403, e.user, "Only for platform administrators",
                "The operator console is for the operator's platform administrators. You are signed in as "
                        + e.user.email() + ". Your organisations are on the start page.");
    }
}
