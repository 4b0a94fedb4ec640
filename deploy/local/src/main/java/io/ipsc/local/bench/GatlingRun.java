package io.ipsc.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one Gatling simulation in its own JVM and reads its figures back from the report's
 * {@code js/stats.js}. A separate JVM keeps Gatling (Scala, Netty, logback) off the classpath of
 * the benchmark's own JVM, and the load generator's heap and threads apart from what it measures.
 *
 * <p>Gatling records response times in whole milliseconds; its percentiles are of those.
 */
final class GatlingRun {

    /**
     * One request name's figures over the run: counts, response times in milliseconds, and Gatling's
     * mean requests per second (over the whole run, so only meaningful for a run of one phase).
     */
    record RequestStats(String name, long ok, long ko, double p50, double p99, double max, double mean, double perSecond) {
        long total() {
            return ok + ko;
        }
    }

    /** A finished run: the folder of its HTML report, and each request name's figures. */
    record Report(Path folder, Map<String, RequestStats> requests) {
        RequestStats get(String name) {
            RequestStats s = requests.get(name);
            if (s == null) {
                throw new IllegalStateException("no request named '" + name + "' in " + folder.resolve("index.html"));
            }
            return s;
        }

        Path html() {
            return folder.resolve("index.html");
        }
    }

    /** The name under which {@link Report#requests()} holds every request of the run together. */
    static final String ALL = "all requests";

    private static final ObjectMapper JS_OBJECT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final String GATLING_MAIN = "io.gatling.app.Gatling";
    /** Quiet, where Gatling would otherwise log every Netty detail at DEBUG (logback's default). */
    private static final String LOGBACK = """
            <configuration>
              <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="CONSOLE"/></root>
            </configuration>
            """;

    private GatlingRun() {
    }

    /**
     * Runs {@code simulationClass} (a name, not a class: Gatling is not on this JVM's classpath) with
     * {@code settings}, its report under {@code resultsRoot}; Gatling's console goes to a log file there.
     */
    static Report run(String simulationClass, SimulationSettings settings, Path resultsRoot, String description) throws Exception {
        Files.createDirectories(resultsRoot);
        String simple = simulationClass.substring(simulationClass.lastIndexOf('.') + 1);
        Path settingsFile = settings.writeTo(resultsRoot.resolve(simple + ".properties"));
        Path logback = resultsRoot.resolve("logback.xml");
        Files.writeString(logback, LOGBACK);
        Path log = resultsRoot.resolve(simple + ".log");
        Set<Path> before = reportFolders(resultsRoot);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx512m",
                // What the Gatling build plugins pass too: its log writer reaches into String, and it inlines deeper.
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12",
                "-cp", classpath(),
                "-D" + SimulationSettings.PROPERTY + "=" + settingsFile,
                "-Dlogback.configurationFile=" + logback,
                // Nothing leaves this machine: no warm-up request to gatling.io, no usage analytics.
                "-Dgatling.http.warmUpUrl=",
                "-Dgatling.data.enableAnalytics=false",
                "-Dgatling.charting.indicators.percentile1=50",
                "-Dgatling.charting.indicators.percentile4=99",
                GATLING_MAIN,
                "--simulation", simulationClass,
                "--results-folder", resultsRoot.toString(),
                "--run-description", description));
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = gatling.waitFor();
        Set<Path> after = reportFolders(resultsRoot);
        after.removeAll(before);
        if (exit != 0 || after.size() != 1) {
            throw new IllegalStateException("Gatling (" + simple + ") exited with " + exit + " and " + after.size()
                    + " new report(s); its output is in " + log + ":\n" + tail(log, 30));
        }
        Path folder = after.iterator().next();
        return new Report(folder, readStats(folder.resolve("js").resolve("stats.js")));
    }

    /**
     * This JVM's classpath (the launcher's jar and its runtime dependencies) without its SLF4J binding,
     * since Gatling brings logback, then Gatling's own jars.
     */
    private static String classpath() throws IOException {
        String own = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
        try (InputStream in = GatlingRun.class.getResourceAsStream("bench-classpath.txt")) {
            if (in == null) {
                throw new IllegalStateException("bench-classpath.txt is missing: rebuild deploy/local (mvn -q -DskipTests install -pl deploy/local)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim() + File.pathSeparator + own;
        }
    }

    private static Set<Path> reportFolders(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).collect(Collectors.toCollection(java.util.HashSet::new));
        }
    }

    /**
     * Gatling's statistics, as its HTML report holds them: {@code js/stats.js} is {@code var stats = {...}}
     * (a JavaScript object: some names unquoted, numbers as strings, "-" for none) followed by the
     * report's functions. {@code contents} holds one entry per request name.
     */
    private static Map<String, RequestStats> readStats(Path statsJs) throws IOException {
        String script = Files.readString(statsJs);
        int start = script.indexOf('{');
        int end = script.indexOf("\nfunction ");
        if (start < 0 || end < start) {
            throw new IllegalStateException("unexpected format of " + statsJs + " (another Gatling version?)");
        }
        JsonNode root = JS_OBJECT.readTree(script.substring(start, end).strip().replaceAll(";$", ""));
        Map<String, RequestStats> byName = new LinkedHashMap<>();
        byName.put(ALL, stats(ALL, root.path("stats")));
        root.path("contents").forEach(entry -> {
            String name = entry.path("stats").path("name").asText();
            byName.put(name, stats(name, entry.path("stats")));
        });
        return byName;
    }

    /** Times of the requests that succeeded; failures are counted in {@code ko}. */
    private static RequestStats stats(String name, JsonNode s) {
        return new RequestStats(name, s.path("numberOfRequests").path("ok").asLong(), s.path("numberOfRequests").path("ko").asLong(),
                s.path("percentiles1").path("ok").asDouble(), s.path("percentiles4").path("ok").asDouble(),
                s.path("maxResponseTime").path("ok").asDouble(), s.path("meanResponseTime").path("ok").asDouble(),
                s.path("meanNumberOfRequestsPerSecond").path("total").asDouble());
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }
}
