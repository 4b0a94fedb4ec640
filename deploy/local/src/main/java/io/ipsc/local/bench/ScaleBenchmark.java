package io.ipsc.local.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Many tenants, each receiving traffic in turn through the gateway ({@link ScaleSimulation}): the
 * latency of those requests (p50, p99), and, for each service, the PostgreSQL connections it holds
 * and its resident memory, before, at most during (sampled every second) and after. Prints figures;
 * asserts nothing.
 *
 * <p>Arguments: {@code [tenants M] [rounds R] [connections C]} (defaults 500, 2, 8). The tenants are
 * {@code bench-scale-0001} … and are reused by later runs; the missing ones are created first, 50 at
 * a time, which needs {@code MAX_TENANTS_PER_INSTANCE} above M (start the suite with
 * {@code MAX_TENANTS_PER_INSTANCE=1000 ./ipsc up}). When the instance refuses some, the run goes on
 * with the tenants it has and says so.
 */
public final class ScaleBenchmark {

    static final Set<String> ARGUMENTS = Set.of("tenants", "rounds", "connections");
    private static final String SIMULATION = "io.ipsc.local.bench.ScaleSimulation";
    private static final int CREATION_BURST = 50;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(SuiteClient.connect(), BenchArgs.parse(args, ARGUMENTS), BenchmarkReport.newResultsFolder()));
    }

    static String run(SuiteClient suite, BenchArgs args, Path results) throws Exception {
        int wanted = args.integer("tenants", 500);
        int rounds = args.integer("rounds", 2);
        int connections = args.integer("connections", 8);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("### Scale (`./ipsc bench scale tenants %d rounds %d connections %d`)", wanted, rounds, connections));
        lines.add("");

        List<String> tenants = ensureTenants(suite, wanted, lines);
        if (tenants.isEmpty()) {
            lines.add("No tenant to send traffic to: nothing measured.");
            return String.join("\n", lines) + "\n";
        }

        try (ServiceResources resources = ServiceResources.open(suite.state())) {
            Map<String, ServiceResources.Sample> before = byService(resources.sample());
            Map<String, long[]> peak = new LinkedHashMap<>(); // service -> {max RSS KiB, max connections}
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    for (ServiceResources.Sample s : resources.sample()) {
                        long[] p = peak.computeIfAbsent(s.service(), k -> new long[]{-1, -1});
                        p[0] = Math.max(p[0], s.rssKiB());
                        p[1] = Math.max(p[1], s.connections());
                    }
                } catch (Exception e) {
                    System.err.println("scale: a resource sample failed: " + e.getMessage());
                }
            }, 0, 1, TimeUnit.SECONDS);

            System.out.printf("scale: Gatling, %d tenants in turn × %d rounds, %d connections, through the gateway...%n",
                    tenants.size(), rounds, connections);
            SimulationSettings settings = new SimulationSettings()
                    .with("token", suite.token())
                    .with("tenants", String.join(",", tenants))
                    .with("rounds", rounds)
                    .with("connections", connections);
            GatlingRun.Report report;
            try {
                report = GatlingRun.run(SIMULATION, settings, results, tenants.size() + " tenants in turn");
            } finally {
                sampler.shutdown();
                sampler.awaitTermination(10, TimeUnit.SECONDS);
            }
            Map<String, ServiceResources.Sample> after = byService(resources.sample());

            GatlingRun.RequestStats all = report.get(GatlingRun.ALL);
            lines.add(String.format("%d tenants, visited in turn (%d round%s) through the gateway by %d closed-loop connections "
                            + "sharing one queue of tenants; a visit is `GET /api/products` (invoicing-service) and `GET /api/branding` "
                            + "(branding-service), each from the tenant's own database. %d requests, %.0f req/s on average; times in "
                            + "whole milliseconds. Gatling report: `%s`.", tenants.size(), rounds, rounds == 1 ? "" : "s", connections,
                    all.total(), all.perSecond(), BenchmarkReport.shown(report.html())));
            lines.add("");
            lines.add("| requests | count | errors | p50 | p99 | max |");
            lines.add("|---|---|---|---|---|---|");
            for (String name : List.of(ScaleSimulation.PRODUCTS, ScaleSimulation.BRANDING, GatlingRun.ALL)) {
                GatlingRun.RequestStats s = report.get(name);
                lines.add(String.format("| %s | %d | %d | %.0f ms | %.0f ms | %.0f ms |", name, s.total(), s.ko(), s.p50(), s.p99(), s.max()));
            }
            lines.add("");
            lines.add("PostgreSQL connections held (client backends in `pg_stat_activity`, each given to the service whose "
                    + "socket it is) and resident memory (`VmRSS`), per service: before the traffic, the most seen during it "
                    + "(sampled every second), and right after.");
            lines.add("");
            lines.add("| service | connections before / max / after | RSS before / max / after |");
            lines.add("|---|---|---|");
            for (String service : resources.services()) {
                ServiceResources.Sample b = before.get(service);
                ServiceResources.Sample a = after.get(service);
                long[] p = peak.getOrDefault(service, new long[]{-1, -1});
                lines.add(String.format("| %s | %s / %s / %s | %s / %s / %s |", service,
                        count(b.connections()), count(p[1]), count(a.connections()), mib(b.rssKiB()), mib(p[0]), mib(a.rssKiB())));
            }
            lines.add("");
            lines.add(String.format("All client connections of the server right after: %d. A domain service's cap on connections to "
                    + "tenant databases is `IPSC_POOL_MAX_OPEN_POOLS` × `IPSC_POOL_MAX_SIZE_PER_TENANT` (20 × 8 = 160 by default).",
                    resources.connectionsInAll()));
        }
        return String.join("\n", lines) + "\n";
    }

    /** The first {@code wanted} scale tenants, created where missing; what was done goes into {@code lines}. */
    private static List<String> ensureTenants(SuiteClient suite, int wanted, List<String> lines) throws Exception {
        List<String> ready = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> notActive = new ArrayList<>();
        System.out.printf("scale: checking %d tenants...%n", wanted);
        for (int i = 1; i <= wanted; i++) {
            String slug = String.format("bench-scale-%04d", i);
            String status = suite.status(slug);
            if (status == null) {
                missing.add(slug);
            } else if ("active".equals(status)) {
                ready.add(slug);
            } else {
                notActive.add(slug + " (" + status + ")");
            }
        }
        if (!notActive.isEmpty()) {
            lines.add(String.format("Left out, not active: %d, e.g. %s.", notActive.size(), notActive.get(0)));
            lines.add("");
        }
        if (missing.isEmpty()) {
            lines.add(String.format("The %d tenants existed from an earlier run (business, basic plan: invoicing and branding databases).",
                    ready.size()));
            lines.add("");
            return ready;
        }
        System.out.printf("scale: creating %d tenants, %d at a time...%n", missing.size(), CREATION_BURST);
        long started = System.nanoTime();
        List<SuiteClient.Creation> refused = new ArrayList<>();
        int created = 0;
        for (int from = 0; from < missing.size() && refused.isEmpty(); from += CREATION_BURST) {
            List<String> burst = missing.subList(from, Math.min(missing.size(), from + CREATION_BURST));
            Map<String, Double> active = suite.createAndAwaitActive(burst, "business", "basic", refused);
            ready.addAll(active.keySet());
            created += active.size();
        }
        lines.add(String.format("Created %d business tenants (basic plan: invoicing and branding databases), %d at a time: all "
                + "`ACTIVE` after %.1f s; %d existed already.", created, CREATION_BURST, (System.nanoTime() - started) / 1e9, ready.size() - created));
        if (!refused.isEmpty()) {
            lines.add(String.format("**Only %d of the %d tenants asked for**: the instance refused more (HTTP %d: %s). Start the suite "
                    + "with `MAX_TENANTS_PER_INSTANCE=1000 ./ipsc up` for the full count.", ready.size(), wanted, refused.get(0).status(),
                    refused.get(0).body().replace('|', '/')));
        }
        lines.add("");
        ready.sort(null);
        return ready;
    }

    private static Map<String, ServiceResources.Sample> byService(List<ServiceResources.Sample> samples) {
        Map<String, ServiceResources.Sample> map = new LinkedHashMap<>();
        samples.forEach(s -> map.put(s.service(), s));
        return map;
    }

    private static String count(long n) {
        return n < 0 ? "?" : Long.toString(n);
    }

    private static String mib(long kib) {
        return kib < 0 ? "?" : String.format("%.0f MiB", kib / 1024.0);
    }
}
