package io.ipsc.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the web app (:5173) takes to render its busiest pages for a signed-in person, with the
 * instance holding many tenants: a tenant's workspace home (figures asked of three services through
 * the gateway) and the operator's tenant list; and the invoicing figures of issue 16: the invoice editor's
 * live preview (its htmx route with a 10-line form, a round trip to invoicing's preview) and a 50-line
 * invoice's PDF streamed through the web. One browser-like client, one request at a time, as a person
 * clicks: the time is the server's render plus a loopback round trip. Prints p50/p95/max; asserts nothing.
 *
 * <p>The clinic's calendar is measured on a dental clinic of its own holding {@value #CALENDAR_APPOINTMENTS}
 * appointments of one dentist (ten a weekday over 40 weeks around today): its week view (the target:
 * p95 under 150 ms; two calls to dental-service, the week's appointments and its availability as one range), its day
 * view, and the booking form's patient search (the htmx fragment asked for as the front desk types).
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
        pages.putAll(calendarPages(suite));

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
        lines.addAll(invoicingFigures(suite, browser, benchTenant, requests));
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
        return measure(browser, name, () -> HttpRequest.newBuilder(URI.create(url)).GET().build(), requests, "characters");
    }

    /** Sends {@code request} {@link #WARMUP} times unmeasured, then {@code requests} times measured; one table row. */
    private static String measure(HttpClient browser, String name, Supplier<HttpRequest> request, int requests,
                                  String sizeUnit) throws Exception {
        List<Double> millis = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < WARMUP + requests; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> page = browser.send(request.get(), HttpResponse.BodyHandlers.ofByteArray());
            double took = (System.nanoTime() - started) / 1e6;
            if (page.statusCode() != 200) {
                return String.format("| %s | not measured: HTTP %d | | | |", name, page.statusCode());
            }
            if (i >= WARMUP) {
                millis.add(took);
                bytes = "characters".equals(sizeUnit) ? new String(page.body(), StandardCharsets.UTF_8).length() : page.body().length;
            }
        }
        Collections.sort(millis);
        return String.format("| %s | %.1f ms | %.1f ms | %.1f ms | %,d %s |", name, ProvisioningBenchmark.percentile(millis, 50),
                ProvisioningBenchmark.percentile(millis, 95), ProvisioningBenchmark.percentile(millis, 100), bytes, sizeUnit);
    }

    // ---- the invoicing figures (issue 16): the editor's preview and a 50-line invoice's PDF, through the web

    static final int PREVIEW_LINES = 10;
    static final int PDF_LINES = 50;

    /**
     * Rows for the invoice editor's live preview ({@code POST /t/<slug>/invoices/new/preview}, the form htmx sends on every
     * change: a customer and {@value #PREVIEW_LINES} lines, the web asking invoicing's preview through the gateway) and for
     * the PDF of an issued {@value #PDF_LINES}-line invoice streamed by the web ({@code /t/<slug>/invoices/{id}/pdf}).
     */
    private static List<String> invoicingFigures(SuiteClient suite, HttpClient browser, String tenant, int requests) throws Exception {
        long customer = suite.createCustomer(tenant);
        List<Long> products = new ArrayList<>();
        for (int i = 0; i < PREVIEW_LINES; i++) {
            products.add(suite.createProduct(tenant));
        }
        String editorUrl = WEB + "/t/" + tenant + "/invoices/new";
        HttpResponse<String> editor = browser.send(HttpRequest.newBuilder(URI.create(editorUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF_FIELD.matcher(editor.body());
        if (editor.statusCode() != 200 || !csrf.find()) {
            return List.of(String.format("| the invoice editor's preview | not measured: the editor answered HTTP %d | | | |", editor.statusCode()));
        }
        StringBuilder form = new StringBuilder("csrf-token=" + enc(csrf.group(1)) + "&customer_id=" + customer);
        for (int i = 0; i < PREVIEW_LINES; i++) {
            form.append("&product=").append(products.get(i)).append("&quantity=").append(i + 1).append("&discount=").append(i % 3 == 0 ? "5" : "");
        }
        String previewBody = form.toString();
        List<String> rows = new ArrayList<>();
        System.out.println("web: the invoice editor's preview...");
        rows.add(measure(browser, "the invoice editor's live preview, " + PREVIEW_LINES + " lines (`POST /t/<slug>/invoices/new/preview`)",
                () -> HttpRequest.newBuilder(URI.create(editorUrl + "/preview")).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("HX-Request", "true").POST(HttpRequest.BodyPublishers.ofString(previewBody)).build(), requests, "characters"));

        long invoice = fiftyLineInvoice(suite, tenant, customer, products);
        String pdfUrl = WEB + "/t/" + tenant + "/invoices/" + invoice + "/pdf";
        System.out.println("web: a " + PDF_LINES + "-line invoice's PDF...");
        rows.add(measure(browser, "the PDF of an issued " + PDF_LINES + "-line invoice (`/t/<slug>/invoices/{id}/pdf`)",
                () -> HttpRequest.newBuilder(URI.create(pdfUrl)).GET().build(), requests, "bytes"));
        return rows;
    }

    private static long fiftyLineInvoice(SuiteClient suite, String tenant, long customer, List<Long> products) throws Exception {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < PDF_LINES; i++) {
            lines.add(Map.of("product_id", products.get(i % products.size()), "quantity", 1 + i % 7, "discount_percent", i % 4 == 0 ? 10 : 0));
        }
        String body = new ObjectMapper().writeValueAsString(Map.of("customer_id", customer, "lines", lines));
        long id = suite.call("POST", SuiteClient.INVOICING + "/api/invoices", tenant, body).path("data").path("id").asLong();
        suite.call("POST", SuiteClient.INVOICING + "/api/invoices/" + id + "/issue", tenant, null);
        return id;
    }

    // ---- the clinic's calendar ----

    static final String DENTAL = "http://127.0.0.1:8083";
    static final int CALENDAR_APPOINTMENTS = 2_000;
    private static final int CALENDAR_PATIENTS = 20;
    private static final int PER_DAY = 10;

    /**
     * A dental clinic with {@value #CALENDAR_APPOINTMENTS} appointments of one dentist (the platform admin, made a member
     * of it), and the calendar pages to measure on it: this week's view and today's.
     */
    private static Map<String, String> calendarPages(SuiteClient suite) throws Exception {
        String slug = "bench-cal-" + UUID.randomUUID().toString().substring(0, 6);
        List<SuiteClient.Creation> refused = new ArrayList<>();
        suite.createAndAwaitActive(List.of(slug), "dental_clinic", "enterprise", refused);
        if (!refused.isEmpty()) {
            throw new IllegalStateException("creating the clinic was refused: HTTP " + refused.get(0).status() + " " + refused.get(0).body());
        }
        String email = Files.readString(suite.state().adminEmailFile()).trim();
        suite.call("POST", SuiteClient.TENANT_SERVICE + "/api/tenants/" + slug + "/users", null,
                "{\"email\":\"" + email + "\",\"role\":\"admin\"}");
        long dentist = -1;
        for (JsonNode m : suite.call("GET", SuiteClient.TENANT_SERVICE + "/api/tenants/" + slug + "/users?size=100", null, null)
                .path("data").path("items")) {
            if (email.equalsIgnoreCase(m.path("email").asText())) {
                dentist = m.path("user_id").asLong();
            }
        }
        List<Long> patients = new ArrayList<>();
        for (int i = 0; i < CALENDAR_PATIENTS; i++) {
            patients.add(suite.call("POST", DENTAL + "/api/patients", slug, "{\"first_name\":\"Bench\",\"last_name\":\"Patient " + i
                    + "\",\"phone\":\"+91-98765" + String.format("%05d", i) + "\"}").path("data").path("id").asLong());
        }
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Kolkata"));
        LocalDate day = today.with(DayOfWeek.MONDAY).minusWeeks(20);
        System.out.printf("web: booking %d appointments in %s...%n", CALENDAR_APPOINTMENTS, slug);
        for (int made = 0; made < CALENDAR_APPOINTMENTS; day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() > 5) {
                continue;
            }
            for (int slot = 0; slot < PER_DAY && made < CALENDAR_APPOINTMENTS; slot++, made++) {
                String at = day.atTime(9, 0).plusMinutes(30L * slot).toString();
                book(suite, slug, "{\"patient_id\":" + patients.get(made % CALENDAR_PATIENTS) + ",\"dentist_id\":" + dentist
                        + ",\"appointment_date\":\"" + at + "\",\"treatment_type\":\"Regular Checkup\",\"duration_minutes\":30}");
            }
        }
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("the clinic's calendar, a week of one dentist (`/t/<slug>/calendar?view=week`, " + CALENDAR_APPOINTMENTS
                + " appointments in the clinic, " + 5 * PER_DAY + " that week)", WEB + "/t/" + slug + "/calendar?view=week&date=" + today
                + "&dentist=" + dentist);
        pages.put("the clinic's calendar, a day (`/t/<slug>/calendar?view=day`)", WEB + "/t/" + slug + "/calendar?view=day&date="
                + today.with(DayOfWeek.MONDAY));
        pages.put("the booking form's patient search as typed (`/t/<slug>/calendar/book/patients?search=patient 1`)", WEB + "/t/" + slug
                + "/calendar/book/patients?search=" + enc("patient 1"));
        return pages;
    }

    /** Books one appointment; the first ones wait until dental-service has heard of the new member (it is refused as UNKNOWN_DENTIST until then). */
    private static void book(SuiteClient suite, String slug, String json) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                suite.call("POST", DENTAL + "/api/appointments", slug, json);
                return;
            } catch (IllegalStateException refused) {
                if (!refused.getMessage().contains("UNKNOWN_DENTIST") || System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(250);
            }
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
