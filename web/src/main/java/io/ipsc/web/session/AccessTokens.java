package io.ipsc.web.session;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.ApiResponseTokens;
import io.ipsc.client.model.RefreshRequest;
import io.ipsc.client.model.Tokens;
import io.ipsc.web.gateway.Gateway;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * A session's access token, refreshed through {@code /api/auth/refresh} when it is about to expire.
 * The refresh runs under the session's lock: a refresh token is redeemed once, and a second
 * redemption (two tabs at once) would make tenant-service revoke the whole session family.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class);

    private final Gateway gateway;
    private final SessionStore sessions;
    private final Duration refreshAhead;

    AccessTokens(Gateway gateway, SessionStore sessions, @ConfigProperty(name = "ipsc.web.refresh-ahead") Duration refreshAhead) {
        this.gateway = gateway;
        this.sessions = sessions;
        this.refreshAhead = refreshAhead;
    }

    /** A token good for at least a while; ends the session and asks for sign-in when it cannot be refreshed. */
    public String current(WebSession session) {
        synchronized (session) {
            if (Instant.now().plus(refreshAhead).isBefore(session.accessTokenExpiresAt())) {
                return session.accessToken();
            }
            try {
                ApiResponseTokens answer = gateway.auth().refreshToken(new RefreshRequest().refreshToken(session.refreshToken()),
                        Gateway.forwardedFor(session.browserAddress()));
                Tokens tokens = answer.getData();
                session.replaceTokens(tokens.getAccessToken(), tokens.getRefreshToken(), expiry(tokens));
                return tokens.getAccessToken();
            } catch (ApiException e) {
                LOG.debugf("refresh refused (%d); the session ends", e.getCode());
                sessions.drop(session);
                throw new SignInRequired();
            }
        }
    }

    /** Ends the session at tenant-service too (its refresh-token family), whatever it answers. */
    public void signOut(WebSession session) {
        sessions.drop(session);
        try {
            gateway.auth().logout(new RefreshRequest().refreshToken(session.refreshToken()), Gateway.forwardedFor(session.browserAddress()));
        } catch (ApiException e) {
            // Already ended there (expired, revoked): the local session is gone either way.
            LOG.debugf("logout answered %d", e.getCode());
        }
    }

    public static Instant expiry(Tokens tokens) {
        int seconds = tokens.getExpiresIn() == null ? 60 : tokens.getExpiresIn();
        return Instant.now().plusSeconds(seconds);
    }
}
