package io.ipsc.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./ipsc bench move} (issue 20): a business tenant placed on {@code main} with N invoice lines, moved between
 * the two clusters M times while one writer issues invoices on it. Per move: the write pause as the writer saw it
 * (the longest gap between two of its successful writes, and the 503s it got), the time to switched, and each
 * service's copy time and throughput (its source database's size over the time from the move's start to its
 * {@code catching_up}), and how long each service's switch held the tenant's work by its own
 * {@code ipsc_tenant_move_pause_seconds} timer (read from its management port before and after). Needs {@code IPSC_PG_CLUSTERS=2} at {@code ./ipsc up}. Prints figures, records them in
 * BENCHMARKS.md; asserts nothing.
 *
 * <p>The lines are written through invoicing-service's API, in draft invoices of {@value #LINES_PER_INVOICE} lines
 * (four requests in flight), so the data is what the API writes, audit trail included. The writer creates a one-line
 * draft and issues it, on invoicing-service's own port (what a client meets is the service's answer; the gateway only
 * passes it on), and retries a 503 after {@value #RETRY_MILLIS} ms rather than after the whole Retry-After, so that
 * the gap it sees is the pause and not its own wait.
 *
 * <p>Arguments: {@code [lines N] [moves M]} (100000 and 3; moves alternate main → second → main ...).
 */
public final class MoveBenchmark {

    static final Set<String> ARGUMENTS = Set.of("lines", "moves");
    static final int LINES_PER_INVOICE = 500;
    static final long RETRY_MILLIS = 50;
    private static final Duration MOVE_DEADLINE = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private MoveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SuiteClient suite = SuiteClient.connect();
        String loadBefore = BenchmarkReport.loadAverage();
        String section = run(suite, BenchArgs.parse(args, ARGUMENTS));
        System.out.println(section);
        System.out.println("recorded in " + BenchmarkReport.record("## " + BenchmarkReport.today() + " — moving a tenant between clusters\n\n"
                + "Machine: " + BenchmarkReport.machine() + ". Load average (1, 5, 15 min) before: " + loadBefore + ", after: "
                + BenchmarkReport.loadAverage() + ". Suite settings: " + BenchmarkReport.suiteSettings(suite) + ".\n\n" + section));
    }

    static String run(SuiteClient suite, BenchArgs args) throws Exception {
        int lines = args.integer("lines", 100_000);
        int moveCount = Math.max(1, args.integer("moves", 3));
        Map<String, String> endpoints = ServiceResources.endpoints(suite.state());
        if (!endpoints.getOrDefault("IPSC_CLUSTERS", "main").contains("second")) {
            throw new IllegalStateException("the suite runs one database cluster: start it with IPSC_PG_CLUSTERS=2 ./ipsc up");
        }
        String slug = "bench-m" + UUID.randomUUID().toString().substring(0, 6);
        System.out.printf("move: tenant %s on main...%n", slug);
        suite.call("POST", SuiteClient.TENANT_SERVICE + "/api/tenants", null, SuiteClient.tenantJson(slug, "business", "enterprise", "main"));
        ProvisioningBenchmark.awaitActive(suite, slug);
        long customer = suite.createCustomer(slug);
        long product = suite.createProduct(slug);
        double fillSeconds = fill(suite, slug, customer, product, lines);

        List<String> out = new ArrayList<>();
        out.add(String.format("### Moving a tenant between clusters (`./ipsc bench move lines %d moves %d`)", lines, moveCount));
        out.add("");
        out.add(String.format("A business tenant (invoicing and branding databases) with %d invoice lines, written through invoicing-service's "
                + "API in %d-line drafts in %.0f s; moved %d times between `main` and `second` while one writer creates and issues "
                + "one-line invoices on invoicing-service (a 503 retried after %d ms). Pause: the longest gap between two of the "
                + "writer's successful writes from the move's request to switched. Copy: the service's source database size over "
                + "the time from the move's request to its `catching_up` (first seen, polled every 0.1 s).",
                lines, LINES_PER_INVOICE, fillSeconds, moveCount, RETRY_MILLIS));
        out.add("");
        out.add("| move | to switched | write pause (503s) | switch's hold: invoicing, branding | writes during | invoicing: size, copy, MB/s | branding: size, copy, MB/s |");
        out.add("|---|---|---|---|---|---|---|");

        InvoiceWriter writer = new InvoiceWriter(suite, slug, customer, product);
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<?> writing = background.submit(writer);
        List<Double> pauses = new ArrayList<>();
        List<Double> moveSeconds = new ArrayList<>();
        try {
            Thread.sleep(2_000);
            String from = "main";
            for (int i = 1; i <= moveCount; i++) {
                String to = from.equals("main") ? "second" : "main";
                Map<String, Long> sizes = sizes(endpoints, from, slug);
                System.out.printf("move %d: %s -> %s...%n", i, from, to);
                int failuresBefore = writer.moving503();
                Map<String, double[]> holdsBefore = switchHolds();
                long requested = System.nanoTime();
                HttpResponse<String> answer = startMove(suite, slug, to);
                if (answer.statusCode() != 202) {
                    out.add(String.format("| %d: %s → %s | refused: HTTP %d %s | | | | | |", i, from, to, answer.statusCode(),
                            answer.body().replace('|', '/')));
                    break;
                }
                Progress progress = follow(suite, slug);
                long ended = progress.endedNanos();
                double pause = writer.longestGapSeconds(requested, ended);
                int writes = writer.successesBetween(requested, ended);
                double total = (ended - requested) / 1e9;
                if (!"switched".equals(progress.state())) {
                    out.add(String.format("| %d: %s → %s | %s after %.1f s: %s | %.2f s (%d) | | %d | | |", i, from, to, progress.state(), total,
                            progress.error() == null ? "" : progress.error().replace('|', '/'), pause, writer.moving503() - failuresBefore, writes));
                    // A failed move places the tenant back where it was.
                    awaitSettled(suite, slug, from);
                    continue;
                }
                pauses.add(pause);
                moveSeconds.add(total);
                Map<String, double[]> holdsAfter = switchHolds();
                out.add(String.format("| %d: %s → %s | %.1f s | %.2f s (%d) | %s, %s | %d | %s | %s |", i, from, to, total, pause,
                        writer.moving503() - failuresBefore, hold(holdsBefore, holdsAfter, "invoicing"), hold(holdsBefore, holdsAfter, "branding"),
                        writes, copy(sizes, progress, "invoicing", requested),
                        copy(sizes, progress, "branding", requested)));
                from = to;
            }
        } finally {
            writer.stop();
            writing.get();
            background.shutdownNow();
        }
        out.add("");
        if (!pauses.isEmpty()) {
            List<Double> sorted = new ArrayList<>(pauses);
            Collections.sort(sorted);
            out.add(String.format("Write pause over %d move(s): p50 %.2f s, max %.2f s (goal: under 2 s). Move to switched: p50 %.1f s, max %.1f s "
                            + "(goal: under a minute). The writer's usual gap between writes outside moves: p50 %.3f s. Its other failures: %d%s.",
                    pauses.size(), ProvisioningBenchmark.percentile(sorted, 50), sorted.get(sorted.size() - 1),
                    ProvisioningBenchmark.percentile(moveSeconds.stream().sorted().toList(), 50), Collections.max(moveSeconds),
                    writer.medianGapSeconds(), writer.otherFailures(), writer.lastFailure() == null ? "" : " (last: " + writer.lastFailure() + ")"));
        }
        out.add(String.format("Writes in all: %d invoices created and issued; 503 answers seen: %d.", writer.successes() / 2, writer.moving503()));
        return String.join("\n", out) + "\n";
    }

    /** Writes {@code lines} invoice lines in drafts of {@link #LINES_PER_INVOICE}, four at a time; returns the seconds taken. */
    private static double fill(SuiteClient suite, String slug, long customer, long product, int lines) throws Exception {
        int invoices = (lines + LINES_PER_INVOICE - 1) / LINES_PER_INVOICE;
        System.out.printf("move: %d invoice lines in %d drafts...%n", lines, invoices);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> posted = new ArrayList<>();
            for (int i = 0; i < invoices; i++) {
                int count = Math.min(LINES_PER_INVOICE, lines - i * LINES_PER_INVOICE);
                String body = draft(customer, product, count);
                posted.add(pool.submit(() -> suite.call("POST", SuiteClient.INVOICING + "/api/invoices", slug, body)));
            }
            for (Future<?> f : posted) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    static String draft(long customer, long product, int lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            items.add(Map.of("product_id", product, "quantity", 1 + i % 7));
        }
        try {
            return JSON.writeValueAsString(Map.of("customer_id", customer, "invoice_date", LocalDate.now().toString(),
                    "due_date", LocalDate.now().plusDays(30).toString(), "lines", items));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks for the move; a 409 TENANT_MOVING (the last move's services still settling) is asked again, for a minute at most. */
    private static HttpResponse<String> startMove(SuiteClient suite, String slug, String to) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            HttpResponse<String> r = suite.send("POST", SuiteClient.TENANT_SERVICE + "/api/tenants/" + slug + "/move", null,
                    JSON.writeValueAsString(Map.of("to_cluster", to)));
            if (r.statusCode() != 409 || !r.body().contains("TENANT_MOVING") || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(200);
        }
    }

    /** A move as followed: its end state, when it was seen to end, and when each service's state was first seen. */
    record Progress(String state, String error, long endedNanos, Map<String, Map<String, Long>> firstSeen) {
    }

    /** Polls the tenant every 0.1 s until its latest move is no longer {@code moving}. */
    private static Progress follow(SuiteClient suite, String slug) throws Exception {
        Map<String, Map<String, Long>> firstSeen = new LinkedHashMap<>();
        long deadline = System.nanoTime() + MOVE_DEADLINE.toNanos();
        while (true) {
            JsonNode move = suite.call("GET", SuiteClient.TENANT_SERVICE + "/api/tenants/" + slug, null, null).path("data").path("move");
            long now = System.nanoTime();
            move.path("services").fields().forEachRemaining(e ->
                    firstSeen.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).putIfAbsent(e.getValue().path("state").asText(), now));
            String state = move.path("state").asText("moving");
            if (!"moving".equals(state)) {
                return new Progress(state, move.path("error").asText(null), now, firstSeen);
            }
            if (now > deadline) {
                return new Progress("still moving", "after " + MOVE_DEADLINE.toMinutes() + " minutes", now, firstSeen);
            }
            Thread.sleep(100);
        }
    }

    /** After a failed move: waits until every service serves the tenant from {@code cluster} again (its way back done). */
    private static void awaitSettled(SuiteClient suite, String slug, String cluster) throws Exception {
        long deadline = System.nanoTime() + MOVE_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode provisioning = suite.call("GET", SuiteClient.TENANT_SERVICE + "/api/tenants/" + slug, null, null).path("data").path("provisioning");
            boolean settled = true;
            for (JsonNode service : provisioning) {
                settled &= "provisioned".equals(service.path("status").asText()) && cluster.equals(service.path("cluster").asText());
            }
            if (settled) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** The services whose switch hold is read: each one's management port. */
    private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("invoicing", 9082, "branding", 9085);

    /**
     * Each service's {@code ipsc_tenant_move_pause_seconds} timer as it stands (sum, count): how long its switches held
     * the tenant's work, measured inside the service (tenancy-db's TenantMover). Empty for a service that does not answer.
     */
    private static Map<String, double[]> switchHolds() {
        Map<String, double[]> holds = new LinkedHashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        MANAGEMENT_PORTS.forEach((service, port) -> {
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                double sum = 0;
                double count = 0;
                for (String line : metrics.lines().toList()) {
                    if (line.startsWith("ipsc_tenant_move_pause_seconds_sum")) {
                        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    } else if (line.startsWith("ipsc_tenant_move_pause_seconds_count")) {
                        count += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                holds.put(service, new double[]{sum, count});
            } catch (Exception e) {
                // no figure for this service
            }
        });
        return holds;
    }

    /** The service's hold during one move: what its timer grew by (one switch, unless a switch was postponed and retried). */
    private static String hold(Map<String, double[]> before, Map<String, double[]> after, String service) {
        double[] b = before.get(service);
        double[] a = after.get(service);
        if (a == null || b == null || a[1] <= b[1]) {
            return "not measured";
        }
        return String.format("%.3f s", a[0] - b[0]) + (a[1] - b[1] > 1 ? String.format(" (%.0f switches)", a[1] - b[1]) : "");
    }

    private static String copy(Map<String, Long> sizes, Progress progress, String service, long requested) {
        Long size = sizes.get(service);
        Map<String, Long> seen = progress.firstSeen().getOrDefault(service, Map.of());
        Long caughtUp = seen.getOrDefault("catching_up", seen.get("switched"));
        if (size == null || caughtUp == null) {
            return "not seen";
        }
        double seconds = (caughtUp - requested) / 1e9;
        return String.format("%.1f MB, %.1f s, %.1f MB/s", size / 1e6, seconds, size / 1e6 / seconds);
    }

    /** The tenant's databases on {@code cluster} by service, in bytes ({@code pg_database_size}). */
    private static Map<String, Long> sizes(Map<String, String> endpoints, String cluster, String slug) throws Exception {
        String host = cluster.equals("main") ? endpoints.get("IPSC_PG_HOST") : endpoints.get("IPSC_CLUSTERS_SECOND_HOST");
        String port = cluster.equals("main") ? endpoints.get("IPSC_PG_PORT") : endpoints.get("IPSC_CLUSTERS_SECOND_PORT");
        String prefix = System.getenv().getOrDefault("TENANT_DATABASE_PREFIX", "tenant_") + slug.replace('-', '_') + "_";
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                endpoints.get("IPSC_PG_USER"), endpoints.get("IPSC_PG_PASSWORD"));
             PreparedStatement q = c.prepareStatement("SELECT datname, pg_database_size(datname) FROM pg_database WHERE datname = ANY (?)")) {
            q.setArray(1, c.createArrayOf("text", new Object[]{prefix + "invoicing", prefix + "branding"}));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    sizes.put(rs.getString(1).substring(prefix.length()), rs.getLong(2));
                }
            }
        }
        return sizes;
    }

    /**
     * One client issuing invoices on the tenant, one after the other: a one-line draft, then its issue. Each
     * successful request's time is kept, so that the gaps can be read for any window afterwards.
     */
    static final class InvoiceWriter implements Runnable {

        private final SuiteClient suite;
        private final String slug;
        private final String body;
        private final List<Long> successes = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stopped;
        private volatile int moving503;
        private volatile int otherFailures;
        private volatile String lastFailure;

        InvoiceWriter(SuiteClient suite, String slug, long customer, long product) {
            this.suite = suite;
            this.slug = slug;
            this.body = draft(customer, product, 1);
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    JsonNode created = write("POST", SuiteClient.INVOICING + "/api/invoices", body);
                    if (created != null) {
                        write("POST", SuiteClient.INVOICING + "/api/invoices/" + created.path("data").path("id").asLong() + "/issue", null);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    otherFailures++;
                    lastFailure = e.toString();
                }
            }
        }

        /** One write, retried while it answers 503; null when it failed otherwise (counted) or the writer stopped. */
        private JsonNode write(String method, String url, String json) throws Exception {
            while (!stopped) {
                HttpResponse<String> r = suite.send(method, url, slug, json);
                if (r.statusCode() / 100 == 2) {
                    successes.add(System.nanoTime());
                    return JSON.readTree(r.body());
                }
                if (r.statusCode() == 503) {
                    moving503++;
                    Thread.sleep(RETRY_MILLIS);
                    continue;
                }
                otherFailures++;
                lastFailure = "HTTP " + r.statusCode() + " " + r.body();
                return null;
            }
            return null;
        }

        void stop() {
            stopped = true;
        }

        int moving503() {
            return moving503;
        }

        int otherFailures() {
            return otherFailures;
        }

        String lastFailure() {
            return lastFailure;
        }

        int successes() {
            return successes.size();
        }

        /** The longest time between two successful writes around [from, to]: the last one before, every one inside, the first one after. */
        double longestGapSeconds(long from, long to) {
            List<Long> times;
            synchronized (successes) {
                times = new ArrayList<>(successes);
            }
            long previous = times.stream().filter(t -> t <= from).reduce((a, b) -> b).orElse(from);
            long longest = 0;
            for (long t : times) {
                if (t <= from) {
                    continue;
                }
                longest = Math.max(longest, t - previous);
                previous = t;
                if (t > to) {
                    break;
                }
            }
            return longest / 1e9;
        }

        int successesBetween(long from, long to) {
            synchronized (successes) {
                return (int) successes.stream().filter(t -> t > from && t <= to).count();
            }
        }

        /** The median gap between consecutive successful writes over the whole run (moves included: they are a few gaps of many). */
        double medianGapSeconds() {
            List<Double> gaps = new ArrayList<>();
            synchronized (successes) {
                for (int i = 1; i < successes.size(); i++) {
                    gaps.add((successes.get(i) - successes.get(i - 1)) / 1e9);
                }
            }
            if (gaps.isEmpty()) {
                return 0;
            }
            Collections.sort(gaps);
            return ProvisioningBenchmark.percentile(gaps, 50);
        }
    }
}
