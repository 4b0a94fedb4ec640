package io.ipsc.local.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The gateway's cost, in one run: a tenant-scoped read and invoice creation, each directly on
 * invoicing-service and through the gateway, under the same closed-loop load (Gatling,
 * {@link ThroughputSimulation}): throughput, p50 and p99 of each, and their ratio. Prints figures;
 * asserts nothing.
 *
 * <p>Arguments: {@code [tenant SLUG] [connections C] [seconds S] [warmup W]}. The tenant (by default
 * {@value #LOAD_TENANT}, created on first use as a business on the enterprise plan, so that neither
 * its quotas nor the gateway's rate limit of its plan stop the load early) gets a customer and a
 * product, and keeps the draft invoices posted.
 */
public final class GatewayBenchmark {

    static final String LOAD_TENANT = "bench-load";
    static final Set<String> ARGUMENTS = Set.of("tenant", "connections", "seconds", "warmup");
    /** By name: loading the class here would need Gatling, which is on the classpath of its own JVM only. */
    private static final String SIMULATION = "io.ipsc.local.bench.ThroughputSimulation";

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs parsed = BenchArgs.parse(args, ARGUMENTS);
        System.out.println(run(SuiteClient.connect(), parsed, BenchmarkReport.newResultsFolder()));
    }

    /** Runs it and returns the figures as a Markdown section (what it also printed on the way). */
    static String run(SuiteClient suite, BenchArgs args, Path results) throws Exception {
        String tenant = args.text("tenant", LOAD_TENANT);
        int connections = args.integer("connections", 16);
        int seconds = args.integer("seconds", 20);
        int warmUp = args.integer("warmup", 5);
        System.out.printf("gateway: preparing tenant %s (a customer and a product)...%n", tenant);
        ensureTenant(suite, tenant);
        long customer = suite.createCustomer(tenant);
        long product = suite.createProduct(tenant);

        System.out.printf("gateway: Gatling, %d connections, %d s warm-up then %d s for each of 4 phases (about %d s)...%n",
                connections, warmUp, seconds, 4 * (warmUp + seconds) + 10);
        SimulationSettings settings = new SimulationSettings()
                .with("token", suite.token())
                .with("tenant", tenant)
                .with("product-id", product)
                .with("invoice-json", SuiteClient.invoiceJson(customer, product))
                .with("connections", connections)
                .with("seconds", seconds)
                .with("warm-up-seconds", warmUp);
        GatlingRun.Report report = GatlingRun.run(SIMULATION, settings, results, "read and invoice creation, direct and through the gateway");

        List<String> lines = new ArrayList<>();
        lines.add(String.format("### The gateway's cost (`./ipsc bench gateway connections %d seconds %d warmup %d`)", connections, seconds, warmUp));
        lines.add("");
        lines.add(String.format("Tenant `%s`; invoicing-service directly on :8082 and through the gateway on :8000, with the "
                + "admin's token and `X-Tenant-ID`. Closed loop: %d connections, each sending its next request when the last is "
                + "answered; %d s of warm-up, then %d s measured per phase, one phase at a time. Times in whole milliseconds "
                + "(Gatling's resolution); errors are non-2xx answers. Gatling report: `%s`.",
                tenant, connections, warmUp, seconds, BenchmarkReport.shown(report.html())));
        lines.add("");
        lines.add("| request | direct | through the gateway | throughput ratio | added p50 | added p99 |");
        lines.add("|---|---|---|---|---|---|");
        lines.add(row("read: `GET /api/products/{id}`", report.get(ThroughputSimulation.READ_DIRECT),
                report.get(ThroughputSimulation.READ_GATEWAY), seconds));
        lines.add(row("invoice creation: `POST /api/invoices` (a draft of one line)", report.get(ThroughputSimulation.CREATE_DIRECT),
                report.get(ThroughputSimulation.CREATE_GATEWAY), seconds));
        return String.join("\n", lines) + "\n";
    }

    private static String row(String what, GatlingRun.RequestStats direct, GatlingRun.RequestStats gateway, int seconds) {
        double directRate = direct.ok() / (double) seconds;
        double gatewayRate = gateway.ok() / (double) seconds;
        return String.format("| %s | %s | %s | %.0f %% | %+.0f ms | %+.0f ms |", what, cell(direct, directRate), cell(gateway, gatewayRate),
                directRate == 0 ? 0 : 100 * gatewayRate / directRate, gateway.p50() - direct.p50(), gateway.p99() - direct.p99());
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
