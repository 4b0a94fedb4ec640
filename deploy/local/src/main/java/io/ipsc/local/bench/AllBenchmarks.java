package io.ipsc.local.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ./ipsc bench all}: the gateway's cost, provisioning and scale, one after the other against
 * the running suite, then one dated section in {@code BENCHMARKS.md} with the machine, the commands
 * and the figures (earlier sections stay). A part that fails is recorded as failed; the others still
 * run. Prints figures; asserts nothing.
 *
 * <p>Arguments, each passed to its part: {@code connections}, {@code seconds}, {@code warmup}, {@code repeats} (gateway),
 * {@code singles}, {@code burst} (provisioning), {@code tenants}, {@code rounds} (scale). {@code IPSC_BENCH_NOTE}, when
 * set, is added to the section as a note (e.g. what else ran on the machine).
 */
public final class AllBenchmarks {

    private static final Set<String> ARGUMENTS = Set.of("connections", "seconds", "warmup", "repeats", "singles", "burst", "tenants", "rounds");

    private AllBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs parsed = BenchArgs.parse(args, ARGUMENTS);
        SuiteClient suite = SuiteClient.connect();
        Path results = BenchmarkReport.newResultsFolder();
        String started = BenchmarkReport.today();
        String loadBefore = BenchmarkReport.loadAverage();
        long startedNanos = System.nanoTime();

        List<String> sections = new ArrayList<>();
        sections.add(runPart("gateway", () -> GatewayBenchmark.run(suite, only(args, GatewayBenchmark.ARGUMENTS), results)));
        sections.add(runPart("provisioning", () -> ProvisioningBenchmark.run(suite, only(args, ProvisioningBenchmark.ARGUMENTS))));
        // The scale part's connections stay its own default: "connections" above is the gateway's.
        sections.add(runPart("scale", () -> ScaleBenchmark.run(suite, only(args, Set.of("tenants", "rounds")), results)));

        List<String> out = new ArrayList<>();
        out.add(String.format("## %s — the full set (`./ipsc bench all%s`)", started, args.length == 0 ? "" : " " + String.join(" ", args)));
        out.add("");
        out.add("Machine: " + BenchmarkReport.machine() + ".");
        out.add("");
        out.add("Suite: `./ipsc up` with " + BenchmarkReport.suiteSettings(suite) + "; PostgreSQL, Kafka, the six services, "
                + "the benchmark and Gatling all on this one host, so every figure includes their contention. "
                + String.format("The whole run took %.0f s. Load average (1, 5, 15 min) at the start %s, at the end %s "
                        + "(above %d, the number of cores, other work was waiting for the CPU too).", (System.nanoTime() - startedNanos) / 1e9,
                loadBefore, BenchmarkReport.loadAverage(), Runtime.getRuntime().availableProcessors()));
        String note = System.getenv("IPSC_BENCH_NOTE");
        if (note != null && !note.isBlank()) {
            out.add("");
            out.add("Note: " + note.strip());
        }
        for (String section : sections) {
            out.add("");
            out.add(section.strip());
        }
        String text = String.join("\n", out) + "\n";
        Path file = BenchmarkReport.record(text);
        System.out.println();
        System.out.println(text);
        System.out.println("Recorded in " + file + " (Gatling reports under " + results + ")");
    }

    /** One part, run with the arguments given to {@code all} that are its own. */
    private interface Section {
        String get() throws Exception;
    }

    private static String runPart(String name, Section part) {
        System.out.printf("== %s ==%n", name);
        try {
            String section = part.get();
            System.out.println(section);
            return section;
        } catch (Exception e) {
            System.err.printf("%s failed: %s%n", name, e);
            return String.format("### %s%n%nFailed: %s", name, e.toString().replace('\n', ' '));
        }
    }

    /** The pairs of {@code args} whose names {@code names} knows. */
    private static BenchArgs only(String[] args, Set<String> names) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (names.contains(args[i])) {
                kept.add(args[i]);
                kept.add(args[i + 1]);
            }
        }
        return BenchArgs.parse(kept.toArray(String[]::new), names);
    }
}
