package io.ipsc.local.bench;

import io.ipsc.local.LocalSpares;
import io.ipsc.local.ServiceSpec;
import io.ipsc.local.Services;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How long a tenant takes from {@code POST /api/tenants} to {@code ACTIVE}: alone (S times, one after
 * the other, each split into its hops by {@link ProvisioningTimeline}), and with N created at once
 * (one request each, all in flight together). Dental clinics, the type with the most databases
 * (invoicing, branding, dental). Prints figures; asserts nothing.
 *
 * <p>Arguments: {@code [singles S] [burst N]} (defaults 10 and 100). The tenants stay, named {@code bench-p<run>-…}; the
 * instance must allow them ({@code MAX_TENANTS_PER_INSTANCE}, 100 by default, counts every tenant).
 */
public final class ProvisioningBenchmark {

    static final Set<String> ARGUMENTS = Set.of("singles", "burst");
    /** The longest the benchmark waits for the spares after `./ipsc up` (400 copies: about 15 s on a quiet 2-core machine, 56 s measured at load 11-18). */
    private static final Duration SPARES_WAIT = Duration.ofMinutes(3);

    private ProvisioningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(SuiteClient.connect(), BenchArgs.parse(args, ARGUMENTS)));
    }

    static String run(SuiteClient suite, BenchArgs args) throws Exception {
        int burst = args.integer("burst", 100);
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("### Provisioning (`./ipsc bench provisioning burst %d`)", burst));
        lines.add("");
        lines.add("Dental-clinic tenants (three databases each: invoicing, branding, dental), enterprise plan, created on "
                + "tenant-service; the time runs from each `POST /api/tenants` to the tenant's `status: active`, polled every 0.1 s.");
        lines.add("");
        lines.add("| what | figure |");
        lines.add("|---|---|");

        // Spares are made while the suite is idle, from a few seconds after the services are ready (tenancy-db
        // SpareDatabases): a burst right after `./ipsc up` would find few. Waiting for them is the operator's setting at
        // work, printed with what it costs; `IPSC_PROVISIONING_SPARE_DATABASES=2` measures without.
        BurstRecord record = BurstRecord.of(suite);
        int wanted = LocalSpares.perServiceAndCluster(System.getenv(), record.clusterCount())
                * Services.WITH_TENANT_DATABASES.size() * record.clusterCount();
        System.out.printf("provisioning: waiting for the services' %d spare databases (at most %d s)...%n", wanted, SPARES_WAIT.toSeconds());
        long waitStarted = System.nanoTime();
        BurstRecord.Spares ready = record.spares();
        while (ready.count() < wanted && System.nanoTime() - waitStarted < SPARES_WAIT.toNanos()) {
            Thread.sleep(1000);
            ready = record.spares();
        }
        lines.add(String.format("| spare databases before the singles (%d wanted: `IPSC_PROVISIONING_SPARE_DATABASES` per service and cluster) | %s; waited %.1f s for them |",
                wanted, ready.text(), (System.nanoTime() - waitStarted) / 1e9));

        int singles = Math.max(1, args.integer("singles", 10));
        System.out.printf("provisioning: 1 tenant at a time, %d times...%n", singles);
        List<ProvisioningTimeline.Hops> hops = new ArrayList<>();
        Map<String, Map<String, ProvisioningStepTimes.Totals>> stepsBefore = ProvisioningStepTimes.read();
        try (ProvisioningTimeline timeline = ProvisioningTimeline.follow(suite)) {
            for (int i = 1; i <= singles; i++) {
                String slug = String.format("bench-p%s-one-%02d", run, i);
                long posted = System.currentTimeMillis();
                suite.call("POST", SuiteClient.TENANT_SERVICE + "/api/tenants", null, SuiteClient.tenantJson(slug, "dental_clinic", "enterprise"));
                long active = awaitActive(suite, slug);
                long activated = activatedAt(suite, slug);
                Thread.sleep(200);  // the reports' records reach the follower a moment after tenant-service applied them
                hops.add(timeline.hops(slug, posted, activated, active));
            }
        }
        lines.add(String.format("| 1 tenant: `POST` → `ACTIVE`, p50 of %d (min–max) | %s |", singles,
                millis(hops.stream().map(ProvisioningTimeline.Hops::total).toList())));
        lines.add(String.format("| … of which the POST and tenant-service's outbox, until the tenant's snapshot is on `ipsc.tenants` | %s |",
                millis(hops.stream().map(ProvisioningTimeline.Hops::toSnapshot).toList())));
        for (String service : hops.get(0).services().keySet()) {
            lines.add(String.format("| … from the snapshot to %s's `PROVISIONED` report (consumer, database from template, migrations) | %s |",
                    service, millis(hops.stream().map(h -> h.services().getOrDefault(service, -1L)).toList())));
        }
        ProvisioningStepTimes.meansBetween(stepsBefore, ProvisioningStepTimes.read()).forEach((service, steps) ->
                lines.add(String.format("| … … %s's own steps, mean of the singles (`ipsc_provisioning_step_seconds`) | %s |", service, steps)));
        lines.add(String.format("| … from the last report to `active` seen (tenant-service applying the reports; polled every 20 ms) | %s |",
                millis(hops.stream().map(ProvisioningTimeline.Hops::toActive).toList())));
        lines.add(String.format("| … … of which to tenant-service's `activated_at` (its consumer, the report's transaction) | %s |",
                millis(hops.stream().map(ProvisioningTimeline.Hops::toActivated).toList())));
        lines.add(String.format("| … … and from `activated_at` to `active` seen (the commit, this benchmark's polling) | %s |",
                millis(hops.stream().map(ProvisioningTimeline.Hops::activatedToSeen).toList())));

        if (burst > 0) {
            System.out.printf("provisioning: %d tenants at once...%n", burst);
            List<String> slugs = new ArrayList<>();
            for (int i = 1; i <= burst; i++) {
                slugs.add(String.format("bench-p%s-%03d", run, i));
            }
            List<SuiteClient.Creation> refused = new ArrayList<>();
            // A spare is renamed instead of copied: how many there were says how much of the burst they served.
            String spares = record.spares().text();
            long started = System.nanoTime();
            Map<String, Double> times = suite.createAndAwaitActive(slugs, "dental_clinic", "enterprise", refused);
            double wall = (System.nanoTime() - started) / 1e9;
            List<Double> sorted = new ArrayList<>(times.values());
            Collections.sort(sorted);
            if (!sorted.isEmpty()) {
                lines.add(String.format("| %d tenants created at once: all `ACTIVE` | %.1f s (per tenant p50 %.1f s, p95 %.1f s, max %.1f s) |",
                        times.size(), wall, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 100)));
            }
            lines.add(String.format("| … spare databases on each cluster when the burst started (`IPSC_PROVISIONING_SPARE_DATABASES` per service and cluster) | %s |",
                    spares));
            lines.addAll(record.timelineRows("^bench-p" + run + "-[0-9]+$"));
            if (!refused.isEmpty()) {
                lines.add(String.format("| refused of the %d | %d, e.g. HTTP %d: %s |", burst, refused.size(), refused.get(0).status(),
                        refused.get(0).body().replace('|', '/')));
            }
            lines.add(String.format("| each service's RSS right after the burst | %s |", residentMemory(suite)));
        }
        return String.join("\n", lines) + "\n";
    }

    /** "tenant-service 250 MB, ..." from {@code /proc}, each running service's resident memory now. */
    private static String residentMemory(SuiteClient suite) {
        List<String> each = new ArrayList<>();
        for (ServiceSpec s : Services.ALL) {
            ServiceResources.pid(suite.state(), s.name()).map(ServiceResources::rssKiB).filter(kib -> kib >= 0)
                    .ifPresent(kib -> each.add(String.format("%s %d MB", s.name(), kib / 1024)));
        }
        return each.isEmpty() ? "not seen" : String.join(", ", each);
    }

    /** Polls every 20 ms (finer than the figures): the epoch milliseconds at which the tenant was first seen active. */
    static long awaitActive(SuiteClient suite, String slug) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!"active".equals(suite.status(slug))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(slug + " not active after 2 minutes");
            }
            Thread.sleep(20);
        }
        return System.currentTimeMillis();
    }

    /** tenant-service's {@code activated_at} of the tenant in epoch milliseconds, -1 when it has none. */
    private static long activatedAt(SuiteClient suite, String slug) throws Exception {
        String at = suite.call("GET", SuiteClient.TENANT_SERVICE + "/api/tenants/" + slug, null, null).path("data").path("activated_at").asText("");
        return at.isEmpty() ? -1 : Instant.parse(at).toEpochMilli();
    }

    /** p50 and the range of millisecond figures, -1 meaning "not seen". */
    private static String millis(List<Long> values) {
        List<Double> seen = values.stream().filter(v -> v >= 0).map(Long::doubleValue).sorted().toList();
        if (seen.isEmpty()) {
            return "not seen";
        }
        return String.format("%.0f ms (%.0f–%.0f)%s", percentile(seen, 50), seen.get(0), seen.get(seen.size() - 1),
                seen.size() < values.size() ? String.format(", %d of %d seen", seen.size(), values.size()) : "");
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
