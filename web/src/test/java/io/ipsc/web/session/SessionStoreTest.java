package io.ipsc.web.session;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionStoreTest {

    private static final WebSession.SignedInUser USER = new WebSession.SignedInUser(7, "a@b.in", "A", false, Map.of());

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-15T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void idsAreLongRandomAndDistinct() {
        SessionStore store = new SessionStore(Duration.ofHours(2), Clock.systemUTC());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = store.open(USER, "a", "r", Instant.MAX).id();
            assertTrue(id.matches("[A-Za-z0-9_-]{43}"), id);
            ids.add(id);
        }
        assertEquals(1000, ids.size());
    }

    @Test
    void anIdleSessionIsForgottenAndUseKeepsOneAlive() {
        ManualClock clock = new ManualClock();
        SessionStore store = new SessionStore(Duration.ofMinutes(30), clock);
        WebSession used = store.open(USER, "a", "r", Instant.MAX);
        WebSession idle = store.open(USER, "a", "r", Instant.MAX);

        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertTrue(store.find(used.id()).isPresent());
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        // 40 minutes after opening: the one used at 20 minutes lives, the other is gone.
        assertTrue(store.find(used.id()).isPresent());
        assertFalse(store.find(idle.id()).isPresent());

        clock.now = clock.now.plus(Duration.ofMinutes(31));
        store.forgetIdleSessions();
        assertEquals(0, store.size());
        assertThrows(SignInRequired.class, () -> store.require(used.id()));
    }

    @Test
    void unknownAndMalformedIdsFindNothing() {
        SessionStore store = new SessionStore(Duration.ofHours(2), Clock.systemUTC());
        assertFalse(store.find(null).isPresent());
        assertFalse(store.find("").isPresent());
        assertFalse(store.find("x".repeat(5000)).isPresent());
        assertFalse(store.find("no-such-session").isPresent());
    }
}
