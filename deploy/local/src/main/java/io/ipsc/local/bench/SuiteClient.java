package io.ipsc.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.local.StateDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The running suite ({@code ./ipsc up}) as the benchmarks use it: the admin's token, tenants created
 * and awaited until {@code ACTIVE}, and the few invoicing records an invoice needs. Only the
 * measurements' preparation goes through here; the load itself is Gatling's.
 */
final class SuiteClient {

    static final String GATEWAY = "http://127.0.0.1:8000";
    static final String TENANT_SERVICE = "http://127.0.0.1:8081";
    static final String INVOICING = "http://127.0.0.1:8082";
    static final String BRANDING = "http://127.0.0.1:8085";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Access tokens live 15 minutes by default; a benchmark signs in again well before. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(8);
    private static final Duration ACTIVE_DEADLINE = Duration.ofMinutes(10);

    private final StateDir state;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private long tokenAt;

    private SuiteClient(StateDir state) {
        this.state = state;
    }

    /** The suite of the state folder {@code IPSC_HOME} (as the {@code ipsc} script sets it). */
    static SuiteClient connect() {
        return new SuiteClient(new StateDir(stateHome()));
    }

    static Path stateHome() {
        return Path.of(System.getenv().getOrDefault("IPSC_HOME", ".ipsc")).toAbsolutePath();
    }

    StateDir state() {
        return state;
    }

    /** A token of the platform admin, signed in again when the last one is getting old. */
    synchronized String token() throws IOException, InterruptedException {
        if (token == null || System.nanoTime() - tokenAt > TOKEN_REUSE.toNanos()) {
            String email = Files.readString(state.adminEmailFile()).trim();
            String password = Files.readString(state.adminPasswordFile()).trim();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(TENANT_SERVICE + "/api/auth/login"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "password", password))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("sign-in failed (HTTP " + r.statusCode() + "): is the suite up (./ipsc status)? " + r.body());
            }
            token = JSON.readTree(r.body()).path("data").path("access_token").asText();
            tokenAt = System.nanoTime();
        }
        return token;
    }

    /** What a tenant-creating request answered: 201, or the refusal to report (e.g. 429 MAX_TENANTS_REACHED). */
    record Creation(String slug, int status, String body) {
        boolean created() {
            return status == 201;
        }
    }

    /**
     * Creates the tenants all at once (one request each, in parallel) and waits until every created
     * one is {@code ACTIVE}; returns the seconds from each one's POST to its {@code ACTIVE}, by slug in
     * the order they became active. Refusals are returned in {@code refused}, not thrown: an instance's tenant limit
     * is a figure too.
     */
    Map<String, Double> createAndAwaitActive(List<String> slugs, String organizationType, String plan, List<Creation> refused)
            throws Exception {
        Map<String, Long> postedAt = new LinkedHashMap<>();
        List<CompletableFuture<Creation>> posts = new ArrayList<>();
        for (String slug : slugs) {
            postedAt.put(slug, System.nanoTime());
            posts.add(http.sendAsync(request(TENANT_SERVICE + "/api/tenants", null)
                            .POST(HttpRequest.BodyPublishers.ofString(tenantJson(slug, organizationType, plan))).build(),
                    HttpResponse.BodyHandlers.ofString()).thenApply(r -> new Creation(slug, r.statusCode(), r.body())));
        }
        List<String> created = new ArrayList<>();
        for (CompletableFuture<Creation> post : posts) {
            Creation c = post.get();
            if (c.created()) {
                created.add(c.slug());
            } else {
                refused.add(c);
            }
        }
        Map<String, Double> activeAfter = new LinkedHashMap<>();
        long deadline = System.nanoTime() + ACTIVE_DEADLINE.toNanos();
        while (activeAfter.size() < created.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException((created.size() - activeAfter.size()) + " tenant(s) not ACTIVE after "
                        + ACTIVE_DEADLINE.toMinutes() + " minutes, e.g. " + created.stream().filter(s -> !activeAfter.containsKey(s)).findFirst().orElseThrow());
            }
            for (String slug : activeAmong(created)) {
                if (!activeAfter.containsKey(slug)) {
                    activeAfter.put(slug, (System.nanoTime() - postedAt.get(slug)) / 1e9);
                }
            }
            // Polling is load on tenant-service too; a tenth of a second is finer than the figures need.
            Thread.sleep(100);
        }
        return activeAfter;
    }

    /**
     * Which of {@code slugs} are active now: one list request a page of 100 when they share a prefix (a burst's), instead
     * of one request per tenant, which for a burst of 100 was a hundred reads of tenant-service a tenth of a second
     * while it was being measured.
     */
    private List<String> activeAmong(List<String> slugs) throws Exception {
        String prefix = slugs.get(0);
        for (String slug : slugs) {
            int same = 0;
            while (same < Math.min(prefix.length(), slug.length()) && prefix.charAt(same) == slug.charAt(same)) {
                same++;
            }
            prefix = prefix.substring(0, same);
        }
        List<String> active = new ArrayList<>();
        if (prefix.length() < 3) {
            for (String slug : slugs) {
                if ("active".equals(status(slug))) {
                    active.add(slug);
                }
            }
            return active;
        }
        Set<String> wanted = Set.copyOf(slugs);
        for (int page = 1; ; page++) {
            JsonNode data = call("GET", TENANT_SERVICE + "/api/tenants?status=active&size=100&page=" + page + "&search="
                    + URLEncoder.encode(prefix, StandardCharsets.UTF_8), null, null).path("data");
            data.path("items").forEach(item -> {
                if (wanted.contains(item.path("slug").asText())) {
                    active.add(item.path("slug").asText());
                }
            });
            if (page >= data.path("total_pages").asInt()) {
                return active;
            }
        }
    }

    /** The body of {@code POST /api/tenants} for a benchmark's tenant. */
    static String tenantJson(String slug, String organizationType, String plan) {
        return tenantJson(slug, organizationType, plan, null);
    }

    /** As {@link #tenantJson(String, String, String)}, placed on {@code cluster} when given. */
    static String tenantJson(String slug, String organizationType, String plan, String cluster) {
        Map<String, Object> tenant = new LinkedHashMap<>();
        tenant.put("name", "Bench " + slug);
        tenant.put("slug", slug);
        tenant.put("organization_type", organizationType);
        tenant.put("contact_email", "bench@example.com");
        tenant.put("state", "Maharashtra");
        tenant.put("subscription_plan", plan);
        if (cluster != null) {
            tenant.put("cluster", cluster);
        }
        try {
            return JSON.writeValueAsString(tenant);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant's status ({@code active}, {@code provisioning}, ...), or {@code null} when it does not exist. */
    String status(String slug) throws Exception {
        HttpResponse<String> r = http.send(request(TENANT_SERVICE + "/api/tenants/" + slug, null).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return null;
        }
        return JSON.readTree(r.body()).path("data").path("status").asText(null);
    }

    /** Creates a customer in the tenant's invoicing database; returns its id. */
    long createCustomer(String tenant) throws Exception {
        return create(INVOICING + "/api/customers", tenant, Map.of("name", "Bench Customer", "state", "Maharashtra",
                "email", "customer@example.com"));
    }

    /** Creates a product (a GST-18 % good) in the tenant's invoicing database; returns its id. */
    long createProduct(String tenant) throws Exception {
        return create(INVOICING + "/api/products", tenant, Map.of("sku", "BENCH-" + System.nanoTime(), "name", "Bench widget",
                "hsn_sac", "8471", "unit", "nos", "price", 1000, "gst_rate", 18, "stock_quantity", 1_000_000));
    }

    /** The ids of the tenant's products (the first hundred, the ones that are not archived). */
    List<Long> productIds(String tenant) throws Exception {
        List<Long> ids = new ArrayList<>();
        call("GET", INVOICING + "/api/products?size=100", tenant, null).path("data").path("items").forEach(p -> ids.add(p.path("id").asLong()));
        return ids;
    }

    /** The body of a draft invoice of one line: what the benchmarks post, and the same JSON as the API's README. */
    static String invoiceJson(long customerId, long productId) {
        try {
            return JSON.writeValueAsString(Map.of("customer_id", customerId, "invoice_date", LocalDate.now().toString(),
                    "due_date", LocalDate.now().plusDays(30).toString(), "lines", List.of(Map.of("product_id", productId, "quantity", 1))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one request as the admin, on behalf of {@code tenant} when given; fails unless it answers 2xx. */
    JsonNode call(String method, String url, String tenant, String json) throws Exception {
        HttpResponse<String> r = send(method, url, tenant, json);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + (tenant == null ? "" : " for " + tenant) + " answered "
                    + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Sends one request as the admin, on behalf of {@code tenant} when given, and returns whatever it answered. */
    HttpResponse<String> send(String method, String url, String tenant, String json) throws Exception {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return http.send(request(url, tenant).method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long create(String url, String tenant, Map<String, Object> fields) throws Exception {
        return call("POST", url, tenant, JSON.writeValueAsString(fields)).path("data").path("id").asLong();
    }

    private HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String url, String tenant) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return tenant == null ? b : b.header("X-Tenant-ID", tenant);
    }
}
