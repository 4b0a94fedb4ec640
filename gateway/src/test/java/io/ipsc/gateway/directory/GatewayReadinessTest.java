package io.ipsc.gateway.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.gateway.health.TenantDirectoryReadiness;
import io.ipsc.tenancy.security.TokenKeysProbe;
import io.ipsc.tenancy.security.TokenKeysReadiness;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TestTokens;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second gateway's readiness components, wired as the gateway wires them, starting against a
 * broker that already holds hundreds of tenants: not ready until it can answer for each of them and
 * holds the token keys.
 */
class GatewayReadinessTest {

    private static final int TENANTS = 300;

    @Test
    void aNewGatewayIsNotReadyUntilEveryTenantResolvesAndItHoldsTheKeys() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> slugs = new ArrayList<>();
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            for (int i = 0; i < TENANTS; i++) {
                String slug = "many-" + run + "-" + i;
                slugs.add(slug);
                events.publish(TenantEventsPublisher.snapshot(slug, "business").status("active", "TENANT_UPDATED"));
            }
        }
        Path jwksFile = Files.createTempDirectory("gateway-jwks").resolve("jwks.json");
        GatewayTenantDirectory directory = new GatewayTenantDirectory(new ObjectMapper(), EmbeddedServers.get().kafkaBootstrapServers());
        TokenKeysProbe keys = new TokenKeysProbe(new JWTAuthContextInfo(jwksFile.toUri().toString(), "ipsc"),
                Duration.ofMillis(50), Duration.ofMillis(200));
        HealthCheck directoryReady = new TenantDirectoryReadiness(directory);
        HealthCheck keysReady = new TokenKeysReadiness(keys);
        try {
            assertEquals(Status.DOWN, directoryReady.call().getStatus(), "nothing read yet");
            assertEquals(Status.DOWN, keysReady.call().getStatus(), "no keys yet");

            directory.start(null);
            keys.start();
            // Each time the check is asked, count the tenants it cannot answer for; the first UP must find none missing.
            AtomicInteger missingWhenFirstUp = new AtomicInteger(-1);
            AtomicInteger downAnswers = new AtomicInteger();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
                if (directoryReady.call().getStatus() == Status.DOWN) {
                    downAnswers.incrementAndGet();
                    return false;
                }
                missingWhenFirstUp.set((int) slugs.stream().filter(s -> directory.find(s).isEmpty()).count());
                return true;
            });
            assertEquals(0, missingWhenFirstUp.get(), "ready only once every tenant on the topic resolves");
            assertTrue(downAnswers.get() > 0, "the new gateway said DOWN while it was reading the topic");
            assertEquals(Status.DOWN, keysReady.call().getStatus(), "the directory alone does not make the gateway ready");

            Files.copy(Path.of(java.net.URI.create(TestTokens.get().jwksUrl())), jwksFile);
            await().atMost(Duration.ofSeconds(30)).until(() -> keysReady.call().getStatus() == Status.UP);
            for (String slug : slugs) {
                assertEquals("active", directory.find(slug).orElseThrow().status(), slug);
            }
        } finally {
            directory.stop(null);
            keys.close();
        }
    }
}
