package io.ipsc.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Measures, against a running suite ({@code ./ipsc up}), how long a tenant takes from
 * {@code POST /api/tenants} to {@code ACTIVE} — alone, and with many created at once — and, with
 * many tenants each read once, how many PostgreSQL connections each service holds against its cap.
 * Prints figures; asserts nothing.
 *
 * <p>Arguments: {@code [burst N] [scale M]} (defaults 50 and 0). The scale run creates M business
 * tenants; the instance must allow them ({@code MAX_TENANTS_PER_INSTANCE}).
 */
public final class ProvisioningBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANTS = "http://127.0.0.1:8081/api/tenants";
    private static final Map<String, Integer> SERVICE_PORTS = Map.of("invoicing", 8082, "branding", 8085);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private ProvisioningBenchmark(String token) {
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        int burst = 50;
        int scale = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "burst" -> burst = Integer.parseInt(args[i + 1]);
                case "scale" -> scale = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path home = Path.of(System.getenv().getOrDefault("IPSC_HOME", ".ipsc"));
        String email = Files.readString(home.resolve("admin-email")).trim();
        String password = Files.readString(home.resolve("admin-password")).trim();
        ProvisioningBenchmark bench = new ProvisioningBenchmark(login(email, password));

        System.out.printf("IPSC provisioning benchmark — %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        List<Double> one = bench.createAndAwait(1, "dental_clinic");
        System.out.printf("1 tenant (dental clinic: invoicing, branding, dental): POST to ACTIVE %.2f s%n", one.get(0));
        if (burst > 0) {
            long started = System.nanoTime();
            List<Double> times = bench.createAndAwait(burst, "dental_clinic");
            double wall = (System.nanoTime() - started) / 1e9;
            System.out.printf("%d tenants created at once: all ACTIVE after %.2f s; per tenant p50 %.2f s, p95 %.2f s, max %.2f s%n",
                    burst, wall, percentile(times, 50), percentile(times, 95), percentile(times, 100));
        }
        if (scale > 0) {
            bench.scale(scale, home);
        }
    }

    /** Creates {@code count} tenants at once; returns each one's seconds from its POST to ACTIVE. */
    private List<Double> createAndAwait(int count, String type) throws Exception {
        List<String> slugs = new ArrayList<>();
        Map<String, Long> postedAt = new LinkedHashMap<>();
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String slug = "bench-" + run + "-" + type.charAt(0) + slugs.size() + "-" + System.nanoTime() % 100000;
            slugs.add(slug);
            String body = JSON.writeValueAsString(Map.of("name", "Bench " + slug, "slug", slug, "organization_type", type,
                    "contact_email", "bench@example.com", "state", "Maharashtra"));
            postedAt.put(slug, System.nanoTime());
            posts.add(http.sendAsync(request(TENANTS).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < posts.size(); i++) {
            HttpResponse<String> r = posts.get(i).get();
            if (r.statusCode() != 201) {
                throw new IllegalStateException("creating " + slugs.get(i) + " gave HTTP " + r.statusCode() + ": " + r.body());
            }
        }
        Map<String, Double> activeAfter = new LinkedHashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (activeAfter.size() < count && System.nanoTime() < deadline) {
            for (String slug : slugs) {
                if (!activeAfter.containsKey(slug) && "active".equals(status(slug))) {
                    activeAfter.put(slug, (System.nanoTime() - postedAt.get(slug)) / 1e9);
                }
            }
            Thread.sleep(20);
        }
        if (activeAfter.size() < count) {
            throw new IllegalStateException((count - activeAfter.size()) + " tenant(s) not ACTIVE after 5 minutes");
        }
        lastCreated = slugs;
        return new ArrayList<>(activeAfter.values());
    }

    private List<String> lastCreated = List.of();

    private void scale(int count, Path home) throws Exception {
        long started = System.nanoTime();
        List<String> all = new ArrayList<>();
        for (int done = 0; done < count; done += 50) {
            createAndAwait(Math.min(50, count - done), "business");
            all.addAll(lastCreated);
        }
        System.out.printf("%d business tenants ACTIVE after %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        for (Map.Entry<String, Integer> service : SERVICE_PORTS.entrySet()) {
            long readStart = System.nanoTime();
            for (String slug : all) {
                HttpResponse<String> r = http.send(request("http://127.0.0.1:" + service.getValue() + "/api/tenant-database")
                        .header("X-Tenant-ID", slug).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(service.getKey() + " answered " + r.statusCode() + " for " + slug + ": " + r.body());
                }
            }
            double seconds = (System.nanoTime() - readStart) / 1e9;
            System.out.printf("%s: %d tenants read once each in %.1f s (%.0f reads/s); PostgreSQL connections held now: %d%n",
                    service.getKey(), all.size(), seconds, all.size() / seconds, connections("%\\_" + service.getKey()));
        }
        System.out.println("(each service's cap: ipsc.pool.max-open-pools × ipsc.pool.max-size-per-tenant, 20 × 4 = 80 by default)");
    }

    private static long connections(String databasePattern) throws Exception {
        String port = System.getenv().getOrDefault("IPSC_PG_PORT", "15432");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname LIKE '" + databasePattern + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String status(String slug) throws Exception {
        HttpResponse<String> r = http.send(request(TENANTS + "/" + slug).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        return body.path("data").path("status").asText();
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    private static String login(String email, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8081/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed (HTTP " + r.statusCode() + "): is the suite up? " + r.body());
        }
        return JSON.readTree(r.body()).path("data").path("access_token").asText();
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
