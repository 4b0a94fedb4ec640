package io.ipsc.web.session;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

/**
 * The browser's half of a session: only its random id, HttpOnly (no script reads it), SameSite=Lax
 * (not sent on another site's posts), and Secure when the page came over https.
 */
public final class SessionCookie {

    public static final String NAME = "ipsc_session";

    private SessionCookie() {
    }

    public static NewCookie issue(WebSession session, UriInfo request) {
        return builder(request).value(session.id()).build();
    }

    public static NewCookie clear(UriInfo request) {
        return builder(request).value("").maxAge(0).build();
    }

    private static NewCookie.Builder builder(UriInfo request) {
        return new NewCookie.Builder(NAME).path("/").httpOnly(true).sameSite(NewCookie.SameSite.LAX)
                .secure("https".equalsIgnoreCase(request.getRequestUri().getScheme()));
    }
}
