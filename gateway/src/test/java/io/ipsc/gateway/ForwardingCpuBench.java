package io.ipsc.gateway;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The test JVM's CPU per forwarded {@code GET /api/products} (gateway and echo upstream together, the upstream's
 * share the same for any build of the gateway), under {@code wrk -t2 -c32}: a comparison of gateway builds that
 * needs no running suite (issue 19). Prints figures, asserts nothing. Run with
 * {@code -Dipsc.bench.gateway=true -Dipsc.rate-limit.enterprise=100000000} (the limit out of the way), and
 * {@code -Dipsc.bench.seconds} per round (10) and {@code -Dipsc.bench.rounds} (3).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
@WithTestResource(value = EchoUpstreams.class, scope = TestResourceScope.GLOBAL)
@EnabledIfSystemProperty(named = "ipsc.bench.gateway", matches = "true")
class ForwardingCpuBench {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

    @Test
    void cpuPerForwardedRequest() throws Exception {
        String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        long user = 77;
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(TenantEventsPublisher.snapshot(tenant, "business").status("active", "TENANT_UPDATED")
                    .member(user, "admin").plan("enterprise"));
        }
        String token = TestTokens.get().member(user, Map.of());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", "Bearer " + token)
                .header("X-Tenant-ID", tenant).get("/api/products").then().statusCode(200));
        int seconds = Integer.getInteger("ipsc.bench.seconds", 10);
        int rounds = Integer.getInteger("ipsc.bench.rounds", 3);
        String url = "http://127.0.0.1:" + RestAssured.port + "/api/products";
        wrk(url, token, tenant, seconds);
        for (int round = 1; round <= rounds; round++) {
            long cpuBefore = processCpuNanos();
            String out = wrk(url, token, tenant, seconds);
            long cpu = processCpuNanos() - cpuBefore;
            long requests = Long.parseLong(first(REQUESTS, out));
            System.out.printf("[forwarding-bench] round %d: %s req/s, %d requests, test JVM CPU %.4f ms/request, load %s%n",
                    round, first(RATE, out), requests, cpu / 1e6 / Math.max(1, requests),
                    String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
    }

    private static String wrk(String url, String token, String tenant, int seconds) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c32", "-d" + seconds + "s", "-H", "Authorization: Bearer " + token,
                "-H", "X-Tenant-ID: " + tenant, url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        if (out.contains("Non-2xx")) {
            System.out.println("[forwarding-bench] wrk saw refusals:\n" + out);
        }
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : "0";
    }
}
