package io.ipsc.local.bench;

import io.ipsc.local.ServiceSpec;
import io.ipsc.local.Services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./ipsc bench startup [tenants N] [restarts R]}: how long {@code ./ipsc up} takes when the state folder holds N
 * tenants' databases that every domain service has to catch up before it is ready.
 *
 * <p>The tenants are made through the API, as an operator would, not forged in the databases: business tenants
 * ({@code bench-s-0001}…, an invoicing and a branding database each) are created {@value #IN_FLIGHT} at a time until
 * N tenants of the run's own exist and are {@code active}; a state folder that has them already (a second run) creates
 * none. Then the suite is stopped and started R times ({@code ./ipsc down}, {@code ./ipsc up} with
 * {@code IPSC_REBUILD=0}), each start timed from the command to the ready summary, whose own split ("Started in") and
 * each service's catch-up line from its log are printed with it. The suite is left running. Prints figures; asserts
 * nothing.
 *
 * <p>{@code unmarked 1} removes the tenant databases' marks (tenancy-db's {@code SchemaMark}) before the first start, so
 * that its catch-up connects to every database as start-ups did before the marks: the before and after of one state.
 *
 * <p>The instance must allow the tenants: {@code MAX_TENANTS_PER_INSTANCE} (100 by default) in the environment of
 * {@code ./ipsc up}, which the restarts here inherit.
 */
public final class StartupBenchmark {

    static final Set<String> ARGUMENTS = Set.of("tenants", "restarts", "unmarked");
    static final String PREFIX = "bench-s-";
    private static final int IN_FLIGHT = 16;
    private static final Pattern CAUGHT_UP = Pattern.compile("Caught up .*");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(SuiteClient.connect(), BenchArgs.parse(args, ARGUMENTS)));
    }

    static String run(SuiteClient suite, BenchArgs args) throws Exception {
        int tenants = args.integer("tenants", 1000);
        int restarts = Math.max(1, args.integer("restarts", 1));
        List<String> lines = new ArrayList<>();
        lines.add(String.format("### Start-up with %d tenants (`./ipsc bench startup tenants %d restarts %d`)", tenants, tenants, restarts));
        lines.add("");
        String made = ensureTenants(suite, tenants);
        if (args.integer("unmarked", 0) > 0) {
            made += " Before start 1 the tenant databases' marks were removed (`unmarked 1`), so that its catch-up connects to "
                    + "every database as start-ups did before the marks; it writes them again, and the later starts read them.";
        }
        lines.add(made);
        lines.add("");
        lines.add("| start | `./ipsc up`, command to ready | its own split | load average before | the services' catch-up |");
        lines.add("|---|---|---|---|---|");
        Path repo = Path.of(System.getProperty("ipsc.repo", ".")).toAbsolutePath();
        boolean unmarked = args.integer("unmarked", 0) > 0;
        for (int i = 1; i <= restarts; i++) {
            System.out.printf("startup: ./ipsc down, then ./ipsc up (%d of %d)...%n", i, restarts);
            if (unmarked && i == 1) {
                forgetMarks(suite);
            }
            // Thousands of databases make PostgreSQL's shutdown checkpoint long; one taken first keeps `down` within its wait.
            checkpoint(suite);
            command(repo, "down");
            Map<String, Long> logSizes = logSizes(suite);
            String load = BenchmarkReport.loadAverage();
            long started = System.nanoTime();
            String output = command(repo, "up");
            double seconds = (System.nanoTime() - started) / 1e9;
            lines.add(String.format("| %d | %.1f s | %s | %s | %s |", i, seconds, startedIn(output), load,
                    String.join("; ", catchUps(suite, logSizes))));
        }
        return String.join("\n", lines) + "\n";
    }

    /** Creates the run's tenants that are missing, {@value #IN_FLIGHT} at a time, and waits until all are active. */
    private static String ensureTenants(SuiteClient suite, int wanted) throws Exception {
        int existing = count(suite, null);
        if (existing >= wanted) {
            return String.format("The state folder held the %d tenants already (`%s…`, business: an invoicing and a branding "
                    + "database each); none created.", existing, PREFIX);
        }
        System.out.printf("startup: creating %d tenants (%d exist)...%n", wanted - existing, existing);
        long started = System.nanoTime();
        ExecutorService posting = Executors.newFixedThreadPool(IN_FLIGHT);
        List<CompletableFuture<Void>> posts = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try {
            for (int i = 1; i <= wanted; i++) {
                String slug = String.format("%s%04d", PREFIX, i);
                posts.add(CompletableFuture.runAsync(() -> {
                    try {
                        if (suite.status(slug) == null) {
                            suite.call("POST", SuiteClient.TENANT_SERVICE + "/api/tenants", null,
                                    SuiteClient.tenantJson(slug, "business", "enterprise"));
                        }
                    } catch (Exception e) {
                        synchronized (refused) {
                            refused.add(slug + ": " + e.getMessage());
                        }
                    }
                }, posting));
            }
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).join();
        } finally {
            posting.shutdown();
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException(refused.size() + " tenant(s) could not be created, e.g. " + refused.get(0));
        }
        double posted = (System.nanoTime() - started) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        int active;
        while ((active = count(suite, "active")) < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + active + " of " + wanted + " tenants active after 20 minutes");
            }
            Thread.sleep(1000);
        }
        return String.format("Created %d tenants through the API (`%s0001…`, business: an invoicing and a branding database "
                        + "each; %d requests in flight): posted in %.0f s, all active after %.0f s.", wanted - existing, PREFIX,
                IN_FLIGHT, posted, (System.nanoTime() - started) / 1e9);
    }

    /** How many of the run's tenants there are (with {@code status}, when given): the list's total. */
    private static int count(SuiteClient suite, String status) throws Exception {
        String query = "?size=1&search=" + PREFIX + (status == null ? "" : "&status=" + status);
        return suite.call("GET", SuiteClient.TENANT_SERVICE + "/api/tenants" + query, null, null)
                .path("data").path("total_items").asInt();
    }

    private static Connection postgres(SuiteClient suite) throws Exception {
        Map<String, String> endpoints = ServiceResources.endpoints(suite.state());
        String url = "jdbc:postgresql://" + endpoints.get("IPSC_PG_HOST") + ":" + endpoints.get("IPSC_PG_PORT") + "/postgres";
        return DriverManager.getConnection(url, endpoints.get("IPSC_PG_USER"), endpoints.get("IPSC_PG_PASSWORD"));
    }

    private static void checkpoint(SuiteClient suite) throws Exception {
        try (Connection c = postgres(suite); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    /** Removes every tenant database's mark (its comment), as a state folder from before the marks would be. */
    private static void forgetMarks(SuiteClient suite) throws Exception {
        try (Connection c = postgres(suite); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'tenant\\_%' "
                    + "AND shobj_description(oid, 'pg_database') IS NOT NULL")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                st.execute("COMMENT ON DATABASE \"" + name.replace("\"", "\"\"") + "\" IS NULL");
            }
        }
    }

    /** Runs {@code ./ipsc WHAT} with this JVM's environment (IPSC_HOME, MAX_TENANTS_PER_INSTANCE...) and no rebuild. */
    private static String command(Path repo, String what) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("ipsc").toString(), what).directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().put("IPSC_REBUILD", "0");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("./ipsc " + what + " failed:\n" + output);
        }
        return output;
    }

    static String startedIn(String upOutput) {
        Matcher m = Pattern.compile("Started in:?\\s*(.*)").matcher(upOutput);
        return m.find() ? m.group(1).strip().replace('|', '/') : "not printed";
    }

    private static Map<String, Long> logSizes(SuiteClient suite) throws IOException {
        Map<String, Long> sizes = new java.util.HashMap<>();
        for (ServiceSpec s : Services.ALL) {
            Path log = suite.state().log(s.name());
            sizes.put(s.name(), Files.exists(log) ? Files.size(log) : 0L);
        }
        return sizes;
    }

    /** Each domain service's "Caught up ..." line written since {@code logSizes} was taken. */
    private static List<String> catchUps(SuiteClient suite, Map<String, Long> logSizes) throws IOException {
        List<String> found = new ArrayList<>();
        for (ServiceSpec s : Services.ALL) {
            Path log = suite.state().log(s.name());
            if (!Files.exists(log)) {
                continue;
            }
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(all.length, logSizes.getOrDefault(s.name(), 0L));
            Matcher m = CAUGHT_UP.matcher(new String(all, from, all.length - from, StandardCharsets.UTF_8));
            while (m.find()) {
                found.add(m.group().strip());
            }
        }
        return found.isEmpty() ? List.of("no catch-up logged") : found;
    }
}
