package io.ipsc.local.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The gateway's cost, in one run: a tenant-scoped list and invoice creation, each directly on
 * invoicing-service and through the gateway, under the same closed-loop load (Gatling,
 * {@link ThroughputSimulation}), in alternating rounds after both paths are warm; and, as the floor
 * under it all, pgbench running the list's two statements on the same tenant database
 * ({@link DatabaseReference}). Prints throughput, p50 and p99 per round, the ratio per round and its
 * spread. Asserts nothing.
 *
 * <p>Arguments: {@code [tenant SLUG] [connections C] [seconds S] [warmup W] [repeats R]}. The tenant
 * (by default {@value #LOAD_TENANT}, created on first use as a business on the enterprise plan, so
 * that neither its quotas nor the gateway's rate limit of its plan stop the load early) gets a
 * customer and five products, and keeps the draft invoices posted.
 */
public final class GatewayBenchmark {

    static final String LOAD_TENANT = "bench-load";
    static final Set<String> ARGUMENTS = Set.of("tenant", "connections", "seconds", "warmup", "repeats");
    /** By name: loading the class here would need Gatling, which is on the classpath of its own JVM only. */
    private static final String SIMULATION = "io.ipsc.local.bench.ThroughputSimulation";
    /** The products the list returns: issue 19 measures an enterprise tenant with five. */
    private static final int PRODUCTS = 5;
    /** Issue 19: each service's resident memory under load. */
    private static final int RSS_GOAL_MB = 300;

    private GatewayBenchmark() {
    }

    /**
     * The name of one measured phase's requests: {@code "read direct #2"}. Here, not in the simulation:
     * calling the simulation's code would load Gatling's classes, which this JVM does not have.
     */
    static String measuredName(String kind, String path, int round) {
        return kind + " " + path + " #" + round;
    }

    public static void main(String[] args) throws Exception {
        BenchArgs parsed = BenchArgs.parse(args, ARGUMENTS);
        System.out.println(run(SuiteClient.connect(), parsed, BenchmarkReport.newResultsFolder()));
    }

    /** Runs it and returns the figures as a Markdown section (what it also printed on the way). */
    static String run(SuiteClient suite, BenchArgs args, Path results) throws Exception {
        String tenant = args.text("tenant", LOAD_TENANT);
        int connections = args.integer("connections", 32);
        int seconds = args.integer("seconds", 15);
        int warmUp = args.integer("warmup", 10);
        int rounds = args.integer("repeats", 3);
        System.out.printf("gateway: preparing tenant %s (a customer, %d products)...%n", tenant, PRODUCTS);
        ensureTenant(suite, tenant);
        long customer = suite.createCustomer(tenant);
        // Reused across runs: the list's figures depend on how many rows it returns.
        List<Long> products = suite.productIds(tenant);
        while (products.size() < PRODUCTS) {
            products.add(suite.createProduct(tenant));
        }
        long product = products.get(0);

        int phases = 2 * (2 + 2 * rounds);
        System.out.printf("gateway: Gatling, %d connections; per request kind %d s warm-up on each path, then %d rounds of %d s "
                + "direct and %d s through the gateway, alternating (about %d s)...%n", connections, warmUp, rounds, seconds, seconds,
                2 * 2 * warmUp + (phases - 4) * (seconds + Math.min(2, warmUp)) + 10);
        SimulationSettings settings = new SimulationSettings()
                .with("token", suite.token())
                .with("tenant", tenant)
                .with("invoice-json", SuiteClient.invoiceJson(customer, product))
                .with("connections", connections)
                .with("seconds", seconds)
                .with("warm-up-seconds", warmUp)
                .with("rounds", rounds);
        String loadBefore = BenchmarkReport.loadAverage();
        GatlingRun.Report report;
        String memory;
        try (MemoryWatch watch = MemoryWatch.start(suite.state())) {
            report = GatlingRun.run(SIMULATION, settings, results, "list and invoice creation, direct and through the gateway, alternating");
            memory = watch.summary(RSS_GOAL_MB);
        }
        String loadAfter = BenchmarkReport.loadAverage();
        System.out.printf("gateway: pgbench, the statements the list sends, %d clients, %d s...%n", connections, seconds);
        DatabaseReference.Result database = DatabaseReference.productList(suite.state(), tenant, connections, seconds);

        List<String> lines = new ArrayList<>();
        lines.add(String.format("### The gateway's cost (`./ipsc bench gateway connections %d seconds %d warmup %d repeats %d`)",
                connections, seconds, warmUp, rounds));
        lines.add("");
        lines.add(String.format("Tenant `%s` (at least %d products); invoicing-service directly on :8082 and through the gateway on :8000, with the "
                + "admin's token and `X-Tenant-ID`. Closed loop: %d connections, each sending its next request when the last is "
                + "answered. Both paths warmed up for %d s first; then %d rounds of %d s per path, alternating (direct first in odd "
                + "rounds, the gateway first in even ones), one phase at a time. Times in whole milliseconds (Gatling's resolution); "
                + "errors are non-2xx answers. Gatling report: `%s`.",
                tenant, PRODUCTS, connections, warmUp, rounds, seconds, BenchmarkReport.shown(report.html())));
        lines.add("");
        lines.add("| request | round | direct | through the gateway | throughput ratio | added p50 | added p99 |");
        lines.add("|---|---|---|---|---|---|---|");
        Comparison list = compare(lines, "list: `GET /api/products`", ThroughputSimulation.READ, report, rounds, seconds);
        Comparison create = compare(lines, "invoice creation: `POST /api/invoices` (a draft of one line)", ThroughputSimulation.CREATE,
                report, rounds, seconds);
        lines.add("");
        lines.add(list.summary("the list"));
        lines.add(create.summary("invoice creation"));
        lines.add("");
        lines.add(String.format("Load average (1, 5, 15 min) before the load %s, after it %s; suite settings: %s (the gateway "
                + "answers 429 beyond the tenant's plan rate, 1,000 req/s for enterprise: raise `IPSC_RATE_LIMIT_ENTERPRISE` at `up` "
                + "when its phases show errors).", loadBefore, loadAfter, BenchmarkReport.suiteSettings(suite)));
        lines.add("");
        lines.add(memory);
        lines.add("");
        lines.add(database.perSecond()
                .map(tps -> String.format("Database reference (%s): %.0f tx/s of the statements the list sends. The list straight to "
                        + "invoicing-service did %.0f req/s (mean of the rounds): %.0f %% of what the database alone does (issue 19's "
                        + "goal: at least 40 %%).", database.note(), tps, list.directMean(), 100 * list.directMean() / tps))
                .orElse("Database reference: none (" + database.note() + ")."));
        return String.join("\n", lines) + "\n";
    }

    /** One request kind's rounds: their rows in {@code lines}, and the rates for the summary. */
    private static Comparison compare(List<String> lines, String what, String kind, GatlingRun.Report report, int rounds, int seconds) {
        List<Double> direct = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            GatlingRun.RequestStats d = report.get(measuredName(kind, ThroughputSimulation.DIRECT, round));
            GatlingRun.RequestStats g = report.get(measuredName(kind, ThroughputSimulation.GATEWAY, round));
            double directRate = d.ok() / (double) seconds;
            double gatewayRate = g.ok() / (double) seconds;
            double ratio = directRate == 0 ? 0 : gatewayRate / directRate;
            direct.add(directRate);
            ratios.add(ratio);
            lines.add(String.format("| %s | %d | %s | %s | %.0f %% | %+.0f ms | %+.0f ms |", round == 1 ? what : "", round,
                    cell(d, directRate), cell(g, gatewayRate), 100 * ratio, g.p50() - d.p50(), g.p99() - d.p99()));
        }
        return new Comparison(direct, ratios);
    }

    private record Comparison(List<Double> direct, List<Double> ratios) {
        double directMean() {
            return direct.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        String summary(String what) {
            List<Double> sorted = ratios.stream().sorted().toList();
            int middle = sorted.size() / 2;
            double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
            String text = String.format("- %s: the gateway kept %.0f %% of direct throughput (median of %d rounds; spread %.0f–%.0f %%).",
                    what, 100 * median, sorted.size(), 100 * sorted.get(0), 100 * sorted.get(sorted.size() - 1));
            // A proxy cannot be faster than its upstream: a ratio above 100 % is noise or a fault of the measurement.
            return median > 1.0 ? text + " Above 100 %: the rounds are noise, not the gateway's cost; rerun on a quieter machine." : text;
        }
    }

    private static String cell(GatlingRun.RequestStats s, double rate) {
        return String.format("%.0f req/s, p50 %.0f ms, p99 %.0f ms%s", rate, s.p50(), s.p99(), s.ko() == 0 ? "" : ", " + s.ko() + " errors");
    }

    /** Creates the tenant when it does not exist yet; reused across runs, so that repeated runs add no tenants. */
    static void ensureTenant(SuiteClient suite, String tenant) throws Exception {
        String status = suite.status(tenant);
        if (status == null) {
            List<SuiteClient.Creation> refused = new ArrayList<>();
            suite.createAndAwaitActive(List.of(tenant), "business", "enterprise", refused);
            if (!refused.isEmpty()) {
                throw new IllegalStateException("cannot create " + tenant + ": HTTP " + refused.get(0).status() + " " + refused.get(0).body());
            }
        } else if (!"active".equals(status)) {
            throw new IllegalStateException("tenant " + tenant + " is " + status + ", not active");
        }
    }
}
