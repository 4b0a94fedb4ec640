package io.ipsc.local.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the web app (:5173) takes to render its busiest pages for a signed-in person, with the
 * instance holding many tenants: a tenant's workspace home (figures asked of three services through
 * the gateway) and the operator's tenant list. One browser-like client, one request at a time, as a
 * person clicks: the time is the server's render plus a loopback round trip. Prints p50/p95/max;
 * asserts nothing.
 *
 * <p>Arguments: {@code [tenants N]} (default 500: business tenants are created until the instance holds
 * N, which needs {@code MAX_TENANTS_PER_INSTANCE} ≥ N when the suite starts), {@code [requests R]}
 * (default 200 per page, after 20 unmeasured).
 */
public final class WebBenchmark {

    static final Set<String> ARGUMENTS = Set.of("tenants", "requests");
    static final String WEB = "http://127.0.0.1:5173";
    private static final int WARMUP = 20;
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private WebBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SuiteClient suite = SuiteClient.connect();
        String section = run(suite, BenchArgs.parse(args, ARGUMENTS));
        System.out.println(section);
        System.out.println("recorded in " + BenchmarkReport.record("## " + BenchmarkReport.today() + " — web app\n\n"
                + "Machine: " + BenchmarkReport.machine() + ". Load average before: " + BenchmarkReport.loadAverage()
                + ". Suite settings: " + BenchmarkReport.suiteSettings(suite) + ".\n\n" + section));
    }

    static String run(SuiteClient suite, BenchArgs args) throws Exception {
        int tenants = args.integer("tenants", 500);
        int requests = Math.max(1, args.integer("requests", 200));
        String benchTenant = ensureTenants(suite, tenants);

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        signIn(browser, suite);

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("a tenant's workspace home (`/t/<slug>/`)", WEB + "/t/" + benchTenant + "/");
        pages.put("the operator's tenant list (`/admin`)", WEB + "/admin");

        List<String> lines = new ArrayList<>();
        lines.add(String.format("### The web app's pages (`./ipsc bench web tenants %d requests %d`)", tenants, requests));
        lines.add("");
        lines.add(String.format("Signed in as the platform admin, one request at a time (as a person clicks), %d measured after %d unmeasured; "
                + "the time is from sending the request to the last byte of the page, over loopback. The instance holds %d tenant(s).",
                requests, WARMUP, total(suite)));
        lines.add("");
        lines.add("| page | p50 | p95 | max | size |");
        lines.add("|---|---|---|---|---|");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            System.out.println("web: " + page.getKey() + "...");
            lines.add(measure(browser, page.getKey(), page.getValue(), requests));
        }
        return String.join("\n", lines) + "\n";
    }

    /** Creates business tenants until the instance holds {@code wanted}; returns one of this run's tenants to render. */
    private static String ensureTenants(SuiteClient suite, int wanted) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String first = "bench-w" + run + "-000";
        List<SuiteClient.Creation> refused = new ArrayList<>();
        suite.createAndAwaitActive(List.of(first), "business", "enterprise", refused);
        if (!refused.isEmpty()) {
            throw new IllegalStateException("creating a tenant was refused: HTTP " + refused.get(0).status() + " " + refused.get(0).body());
        }
        int missing = (int) Math.max(0, wanted - total(suite));
        // In batches of 100: all at once would time out provisioning on a small machine, and a batch's figures are not the point here.
        for (int made = 0; made < missing; made += 100) {
            List<String> slugs = new ArrayList<>();
            for (int i = made; i < Math.min(missing, made + 100); i++) {
                slugs.add(String.format("bench-w%s-%04d", run, i + 1));
            }
            System.out.printf("web: creating tenants %d-%d of %d...%n", made + 1, made + slugs.size(), missing);
            suite.createAndAwaitActive(slugs, "business", "enterprise", refused);
            if (!refused.isEmpty()) {
                throw new IllegalStateException("the instance refused more tenants (start the suite with MAX_TENANTS_PER_INSTANCE=" + wanted
                        + " or more): HTTP " + refused.get(0).status() + " " + refused.get(0).body());
            }
        }
        return first;
    }

    private static long total(SuiteClient suite) throws Exception {
        JsonNode page = suite.call("GET", SuiteClient.TENANT_SERVICE + "/api/tenants?page=1&size=1", null, null);
        return page.path("data").path("total_items").asLong();
    }

    /** Signs in through the sign-in form, as a browser does: its CSRF cookie and field, then the session cookie. */
    private static void signIn(HttpClient browser, SuiteClient suite) throws Exception {
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(WEB + "/sign-in")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF_FIELD.matcher(form.body());
        if (form.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("the web app's sign-in page did not answer as expected (HTTP " + form.statusCode()
                    + "): is the suite up with the web app (./ipsc status)?");
        }
        String email = Files.readString(suite.state().adminEmailFile()).trim();
        String password = Files.readString(suite.state().adminPasswordFile()).trim();
        String body = "csrf-token=" + enc(csrf.group(1)) + "&then=%2F&email=" + enc(email) + "&password=" + enc(password);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(WEB + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 303 && signedIn.statusCode() != 302) {
            throw new IllegalStateException("signing in to the web app failed (HTTP " + signedIn.statusCode() + ")");
        }
    }

    private static String measure(HttpClient browser, String name, String url, int requests) throws Exception {
        List<Double> millis = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < WARMUP + requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            double took = (System.nanoTime() - started) / 1e6;
            if (page.statusCode() != 200) {
                return String.format("| %s | not measured: HTTP %d | | | |", name, page.statusCode());
            }
            if (i >= WARMUP) {
                millis.add(took);
                bytes = page.body().length();
            }
        }
        Collections.sort(millis);
        return String.format("| %s | %.1f ms | %.1f ms | %.1f ms | %,d characters |", name, ProvisioningBenchmark.percentile(millis, 50),
                ProvisioningBenchmark.percentile(millis, 95), ProvisioningBenchmark.percentile(millis, 100), bytes);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
