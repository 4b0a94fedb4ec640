package io.ipsc.web.session;

import java.time.Instant;
import java.util.Map;

/**
 * One browser's sign-in, kept on the server only: the browser holds nothing but the random id in its
 * cookie. The tokens change on each refresh, under the session's lock ({@link AccessTokens}).
 */
public final class WebSession {

    private final String id;
    private final SignedInUser user;
    private String accessToken;
    private String refreshToken;
    private Instant accessTokenExpiresAt;
    private volatile Instant lastUsed;
    private final String browserAddress;

    WebSession(String id, SignedInUser user, String accessToken, String refreshToken, Instant accessTokenExpiresAt, Instant now,
               String browserAddress) {
        this.id = id;
        this.user = user;
        this.browserAddress = browserAddress;
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
        this.accessTokenExpiresAt = accessTokenExpiresAt;
        this.lastUsed = now;
    }

    public String id() {
        return id;
    }

    public SignedInUser user() {
        return user;
    }

    /** The address the browser signed in from: its refreshes and sign-out are counted against it at the gateway. */
    String browserAddress() {
        return browserAddress;
    }

    synchronized String accessToken() {
        return accessToken;
    }

    synchronized String refreshToken() {
        return refreshToken;
    }

    synchronized Instant accessTokenExpiresAt() {
        return accessTokenExpiresAt;
    }

    synchronized void replaceTokens(String accessToken, String refreshToken, Instant expiresAt) {
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
        this.accessTokenExpiresAt = expiresAt;
    }

    void touch(Instant now) {
        lastUsed = now;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    /**
     * Who signed in, as the login answer described them. The memberships are those at sign-in; the
     * gateway decides every request from the token, so a stale list only affects the menu of tenants.
     */
    public record SignedInUser(long id, String email, String fullName, boolean platformAdmin, Map<String, String> tenants) {

        public String displayName() {
            return fullName == null || fullName.isBlank() ? email : fullName;
        }
    }
}
