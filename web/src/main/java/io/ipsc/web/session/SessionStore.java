package io.ipsc.web.session;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of this instance, in memory, forgotten after {@code ipsc.web.session-idle-timeout}
 * without use. Being in memory, a second replica does not know them: replicas need sticky sessions
 * until a shared store exists (README).
 */
@ApplicationScoped
public class SessionStore {

    /**
     * 256 random bits, URL-safe: the session id is a bearer secret like a refresh token. The suite's
     * own generator lives in tenant-service (it also hashes for storage, which a cookie id needs not).
     */
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;

    @Inject
    SessionStore(@ConfigProperty(name = "ipsc.web.session-idle-timeout") Duration idleTimeout) {
        this(idleTimeout, Clock.systemUTC());
    }

    SessionStore(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    public WebSession open(WebSession.SignedInUser user, String accessToken, String refreshToken, Instant accessTokenExpiresAt) {
        return open(user, accessToken, refreshToken, accessTokenExpiresAt, null);
    }

    /** A new session of a browser at {@code browserAddress} (null when unknown). */
    public WebSession open(WebSession.SignedInUser user, String accessToken, String refreshToken, Instant accessTokenExpiresAt,
                           String browserAddress) {
        String id = newId();
        WebSession session = new WebSession(id, user, accessToken, refreshToken, accessTokenExpiresAt, clock.instant(), browserAddress);
        sessions.put(id, session);
        return session;
    }

    /** The live session with this id, marked as used now; empty for an unknown, expired or malformed id. */
    public Optional<WebSession> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return Optional.empty();
        }
        WebSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (idle(session, now)) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    /** As {@link #find(String)}, for pages that only a signed-in visitor sees. */
    public WebSession require(String id) {
        return find(id).orElseThrow(SignInRequired::new);
    }

    public void drop(WebSession session) {
        sessions.remove(session.id(), session);
    }

    @Scheduled(every = "1m", delayed = "1m")
    void forgetIdleSessions() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> idle(s, now));
    }

    int size() {
        return sessions.size();
    }

    private boolean idle(WebSession session, Instant now) {
        return session.lastUsed().plus(idleTimeout).isBefore(now);
    }

    private static String newId() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
