package io.ipsc.local.bench;

import io.ipsc.local.Services;
import io.ipsc.local.ServiceSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where the figures go: a results folder per run under {@code $IPSC_HOME/bench} (Gatling's HTML
 * reports), and a dated section in {@code BENCHMARKS.md}, which keeps every earlier section so
 * that changes show. Sections go newest first, under the file's introduction.
 */
final class BenchmarkReport {

    /** Settings of the running services that change the figures, read from their environment. */
    private static final List<String> SETTINGS_SHOWN = List.of("MAX_TENANTS_PER_INSTANCE", "IPSC_RATE_LIMIT_FREE",
            "IPSC_RATE_LIMIT_BASIC", "IPSC_RATE_LIMIT_PREMIUM", "IPSC_RATE_LIMIT_ENTERPRISE", "IPSC_POOL_MAX_SIZE_PER_TENANT",
            "IPSC_POOL_MAX_OPEN_POOLS", "IPSC_POOL_IDLE_TIMEOUT", "IPSC_JWT_ACCESS_TOKEN_MINUTES");

    private BenchmarkReport() {
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("ipsc.repo", ".")).toAbsolutePath().normalize();
    }

    /** A new folder for this run's reports: {@code $IPSC_HOME/bench/<UTC time>}. */
    static Path newResultsFolder() throws IOException {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Files.createDirectories(SuiteClient.stateHome().resolve("bench").resolve(stamp));
    }

    /** A path as the reader of BENCHMARKS.md finds it: relative to the repository when inside it. */
    static String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(repoRoot()) ? repoRoot().relativize(absolute).toString() : absolute.toString();
    }

    /** The machine, in one paragraph: cores, memory, CPU model, OS, and {@code java -version} as printed. */
    static String machine() {
        String cpu = firstMatch(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
        String memory = firstMatch(Path.of("/proc/meminfo"), "MemTotal")
                .map(kb -> String.format("%.1f GiB RAM", Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("RAM unknown");
        return String.format("%d cores (%s), %s, %s %s; `java -version`: %s", Runtime.getRuntime().availableProcessors(), cpu,
                memory, System.getProperty("os.name"), System.getProperty("os.version"), javaVersion());
    }

    /** The settings in {@link #SETTINGS_SHOWN} that the running tenant-service and gateway were started with. */
    static String suiteSettings(SuiteClient suite) {
        Map<String, String> found = new TreeMap<>();
        for (ServiceSpec service : List.of(Services.TENANT_SERVICE, Services.GATEWAY)) {
            ServiceResources.pid(suite.state(), service.name()).ifPresent(pid -> {
                try {
                    // NUL-separated KEY=VALUE; only the listed keys are kept (the environment also holds the admin's password).
                    for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.UTF_8).split("\0")) {
                        int eq = entry.indexOf('=');
                        if (eq > 0 && SETTINGS_SHOWN.contains(entry.substring(0, eq))) {
                            found.put(entry.substring(0, eq), entry.substring(eq + 1));
                        }
                    }
                } catch (IOException e) {
                    // Another user's process, or gone: the settings stay unknown, which the text says.
                }
            });
        }
        return found.isEmpty() ? "the defaults" : found.entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                .collect(Collectors.joining(", "));
    }

    /** Puts {@code section} (starting with its {@code ## } title) above the newest section of BENCHMARKS.md. */
    static Path record(String section) throws IOException {
        Path file = repoRoot().resolve("BENCHMARKS.md");
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>(List.of("# Benchmarks", ""));
        int at = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("## ")) {
                at = i;
                break;
            }
        }
        List<String> added = new ArrayList<>(List.of(section.strip().split("\n", -1)));
        added.add("");
        if (at == lines.size() && !lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
            added.add(0, "");
        }
        lines.addAll(at, added);
        Files.write(file, lines);
        return file;
    }

    /** The machine's load average over 1, 5 and 15 minutes: how much else wanted the CPU meanwhile. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    static String today() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    private static String javaVersion() {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().map(l -> "`" + l.strip() + "`").collect(Collectors.joining(" / "));
        } catch (IOException e) {
            return "Java " + System.getProperty("java.version");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Java " + System.getProperty("java.version");
        }
    }

    private static java.util.Optional<String> firstMatch(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
