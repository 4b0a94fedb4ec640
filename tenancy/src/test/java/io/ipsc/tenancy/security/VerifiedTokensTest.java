package io.ipsc.tenancy.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedTokensTest {

    /** 2026-11-30 08:00:00 UTC, in milliseconds. */
    private static final long NOW = 1_796_025_600_000L;

    private final AtomicLong clock = new AtomicLong(NOW);

    @Test
    void aTokenIsKnownUntilItsExpiryAndNotASecondLonger() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, clock::get);
        long exp = NOW / 1000 + 900; // a 15-minute token
        tokens.remember("token-a", "user 7", exp);

        assertEquals(Optional.of("user 7"), tokens.known("token-a"));
        clock.set(exp * 1000 - 1);
        assertEquals(Optional.of("user 7"), tokens.known("token-a"));
        clock.set(exp * 1000);
        assertEquals(Optional.empty(), tokens.known("token-a"), "at exp the token must be verified again, which refuses it");
        assertEquals(0, tokens.size(), "the expired entry is dropped");
    }

    @Test
    void onlyTheExactTokenFindsWhatItProved() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, clock::get);
        tokens.remember("header.payload.signature", "user 7", NOW / 1000 + 900);

        assertEquals(Optional.empty(), tokens.known("header.payload.signaturX"));
        assertEquals(Optional.empty(), tokens.known("header.payload."));
    }

    @Test
    void aTokenAlreadyExpiredOrWithoutExpiryIsNotKept() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, clock::get);
        // Accepted by the parser within its 30 s of clock skew, but past exp: never answered from memory.
        tokens.remember("late", "user 7", NOW / 1000 - 10);
        tokens.remember("no-exp", "user 8", 0);

        assertTrue(tokens.known("late").isEmpty());
        assertTrue(tokens.known("no-exp").isEmpty());
        assertEquals(0, tokens.size());
    }

    @Test
    void atTheLimitTheMapStartsAgainInsteadOfGrowing() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(3, clock::get);
        for (int i = 1; i <= 3; i++) {
            tokens.remember("token-" + i, "user " + i, NOW / 1000 + 900);
        }
        tokens.remember("token-4", "user 4", NOW / 1000 + 900);

        assertEquals(1, tokens.size());
        assertEquals(Optional.of("user 4"), tokens.known("token-4"));
        assertTrue(tokens.known("token-1").isEmpty());
    }
}
