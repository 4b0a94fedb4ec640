package io.ipsc.tenancy.security;

import io.ipsc.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemoteJwksTest {

    private RemoteJwks jwks;

    @AfterEach
    void close() {
        if (jwks != null) {
            jwks.close();
        }
    }

    @Test
    void failedTicksJoinTheOneRefreshUnderWayInsteadOfStartingMore() throws Exception {
        Path missing = Files.createTempDirectory("jwks").resolve("jwks.json");
        // A retry far off, so that the chain stays waiting while the ticks come.
        jwks = new RemoteJwks(missing.toUri().toString(), Duration.ofHours(1));

        for (int tick = 0; tick < 10; tick++) {
            jwks.refresh();
            jwks.marker().get(10, TimeUnit.SECONDS);
        }

        assertEquals(1, jwks.attempts(), "one fetch: the later ticks found the refresh under way");
        assertEquals(1, jwks.waitingRetries(), "one outstanding refresh, not one per failed tick");
        assertFalse(jwks.loaded());
        assertFalse(new TokenKeysReadiness(jwks).call().getStatus() == org.eclipse.microprofile.health.HealthCheckResponse.Status.UP,
                "a service without keys is not ready");
    }

    @Test
    void theChainRetriesUntilTheKeysAnswerAndThenEnds() throws Exception {
        Path jwksFile = Files.createTempDirectory("jwks").resolve("jwks.json");
        jwks = new RemoteJwks(jwksFile.toUri().toString(), Duration.ofMillis(50));

        jwks.refresh();
        await().atMost(Duration.ofSeconds(10)).until(() -> jwks.attempts() >= 3);
        assertTrue(jwks.waitingRetries() <= 1, "still one chain while failing");

        Files.copy(Path.of(java.net.URI.create(TestTokens.get().jwksUrl())), jwksFile);
        await().atMost(Duration.ofSeconds(10)).until(jwks::loaded);
        jwks.marker().get(10, TimeUnit.SECONDS);
        int attemptsWhenLoaded = jwks.attempts();
        assertEquals(0, jwks.waitingRetries(), "the chain ended with its success");
        assertTrue(jwks.find("test-key").isPresent());
        assertEquals(org.eclipse.microprofile.health.HealthCheckResponse.Status.UP, new TokenKeysReadiness(jwks).call().getStatus());

        jwks.refresh();
        jwks.marker().get(10, TimeUnit.SECONDS);
        assertEquals(attemptsWhenLoaded + 1, jwks.attempts(), "a later tick refreshes once more");
    }
}
