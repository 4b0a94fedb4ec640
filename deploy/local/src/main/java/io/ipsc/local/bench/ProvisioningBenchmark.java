package io.ipsc.local.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How long a tenant takes from {@code POST /api/tenants} to {@code ACTIVE}: alone, and with N created
 * at once (one request each, all in flight together). Dental clinics, the type with the most
 * databases (invoicing, branding, dental). Prints figures; asserts nothing.
 *
 * <p>Arguments: {@code [burst N]} (default 100). The tenants stay, named {@code bench-p<run>-…}; the
 * instance must allow them ({@code MAX_TENANTS_PER_INSTANCE}, 100 by default, counts every tenant).
 */
public final class ProvisioningBenchmark {

    static final Set<String> ARGUMENTS = Set.of("burst");

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

        System.out.println("provisioning: 1 tenant...");
        List<SuiteClient.Creation> refused = new ArrayList<>();
        Map<String, Double> one = suite.createAndAwaitActive(List.of("bench-p" + run + "-one"), "dental_clinic", "enterprise", refused);
        if (!refused.isEmpty()) {
            throw new IllegalStateException("creating a tenant was refused: HTTP " + refused.get(0).status() + " " + refused.get(0).body());
        }
        lines.add(String.format("| 1 tenant: `POST` → `ACTIVE` | %.2f s |", one.values().iterator().next()));

        if (burst > 0) {
            System.out.printf("provisioning: %d tenants at once...%n", burst);
            List<String> slugs = new ArrayList<>();
            for (int i = 1; i <= burst; i++) {
                slugs.add(String.format("bench-p%s-%03d", run, i));
            }
            long started = System.nanoTime();
            Map<String, Double> times = suite.createAndAwaitActive(slugs, "dental_clinic", "enterprise", refused);
            double wall = (System.nanoTime() - started) / 1e9;
            List<Double> sorted = new ArrayList<>(times.values());
            Collections.sort(sorted);
            if (!sorted.isEmpty()) {
                lines.add(String.format("| %d tenants created at once: all `ACTIVE` | %.1f s (per tenant p50 %.1f s, p95 %.1f s, max %.1f s) |",
                        times.size(), wall, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 100)));
            }
            if (!refused.isEmpty()) {
                lines.add(String.format("| refused of the %d | %d, e.g. HTTP %d: %s |", burst, refused.size(), refused.get(0).status(),
                        refused.get(0).body().replace('|', '/')));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
