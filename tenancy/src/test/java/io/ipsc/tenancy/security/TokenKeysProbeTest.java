package io.ipsc.tenancy.security;

import io.ipsc.testsupport.JwksServer;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code token-keys} readiness: DOWN until the parser's key source answers with keys, asked through one chain of retries. */
class TokenKeysProbeTest {

    private JwksServer jwks;
    private TokenKeysProbe probe;

    @AfterEach
    void close() {
        if (probe != null) {
            probe.close();
        }
        if (jwks != null) {
            jwks.close();
        }
    }

    @Test
    void downWhileTheJwksFailsThenUpAndTheChainEnds() throws Exception {
        jwks = new JwksServer();
        jwks.fail(503);
        probe = new TokenKeysProbe(new JWTAuthContextInfo(jwks.url(), "ipsc"), Duration.ofMillis(20), Duration.ofMillis(100));
        TokenKeysReadiness readiness = new TokenKeysReadiness(probe);

        probe.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.attempts() >= 3);
        assertFalse(probe.held());
        assertEquals(Status.DOWN, readiness.call().getStatus(), "a service without keys is not ready");

        jwks.serve(JwksServer.newKey("k-1"));
        await().atMost(Duration.ofSeconds(10)).until(probe::held);
        assertEquals(Status.UP, readiness.call().getStatus());
        int attemptsWhenHeld = probe.attempts();
        assertEquals(attemptsWhenHeld, jwks.requests(), "every attempt was one request to the JWKS");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> probe.attempts() == attemptsWhenHeld);
    }

    @Test
    void startingAgainJoinsTheOneChainInsteadOfAddingAnother() throws Exception {
        jwks = new JwksServer();
        jwks.fail(503);
        // A retry far off, so that the one chain stays waiting while start is asked again.
        probe = new TokenKeysProbe(new JWTAuthContextInfo(jwks.url(), "ipsc"), Duration.ofHours(1), Duration.ofHours(1));
        for (int tick = 0; tick < 10; tick++) {
            probe.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jwks.requests() >= 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> jwks.requests() == 1);
        assertEquals(1, probe.attempts(), "one fetch: the later starts found the chain under way");
        assertFalse(probe.held());
    }

    @Test
    void aJwksWithoutKeysIsNotHeld() throws Exception {
        jwks = new JwksServer();
        jwks.serve();
        probe = new TokenKeysProbe(new JWTAuthContextInfo(jwks.url(), "ipsc"), Duration.ofMillis(20), Duration.ofMillis(50));
        probe.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.attempts() >= 2);
        assertFalse(probe.held());
    }

    @Test
    void aKeyGivenInTheSettingsIsHeldAtOnce() {
        // tenant-service verifies with the key it signs with (OwnKeyVerification): nothing to fetch.
        probe = new TokenKeysProbe(new JWTAuthContextInfo(JwksServer.newKey("own").getRsaPublicKey(), "ipsc"));
        probe.start();
        assertTrue(probe.held());
        assertEquals(0, probe.attempts());
    }
}
