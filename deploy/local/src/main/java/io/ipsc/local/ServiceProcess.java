package io.ipsc.local;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service running as its own JVM from its packaged Quarkus app, with its output appended to a log file. */
public final class ServiceProcess {

    /**
     * Six services and a broker share one laptop: keep each one's memory small (issue 19: at most 300 MB resident under
     * load). Measured with NMT under {@code ./ipsc bench gateway} and 1,000 tenants: with G1 and no initial heap size,
     * the JVM took its initial heap as large as the maximum (1/64 of this machine's RAM is above 384 MB) and G1's own
     * structures were 42-47 MB a service; invoicing peaked at 430 MB, the gateway at 366 MB. The serial collector's
     * are a quarter of a MB, and a 64 MB initial heap grows only as far as the load needs (65 MB committed in
     * tenant-service and invoicing under that load): 265 and 233 MB, with the same throughput within the runs' spread.
     * With {@link #MALLOC_ARENAS} as well and no NMT: tenant-service 298 MB, the others 199-250 MB.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-Xms64m", "-XX:+UseSerialGC");
    /**
     * glibc keeps what the JVM frees (the JIT's compiler arenas, Netty's and the drivers' buffers) for reuse instead of
     * giving it back: in tenant-service after a burst and the gateway bench, {@code jcmd System.trim_native_heap} took
     * RSS from 305 to 280 MB. The JVM trims every 5 s itself with this flag (JDK 17.0.9 and later, where it is
     * experimental; an older JVM would refuse to start with it, so it is left out there).
     */
    static final List<String> TRIM_NATIVE_HEAP = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000");
    /**
     * tenant-service loads the most classes (21,000: Hibernate ORM and Reactive, Flyway, Kafka's admin client) and does
     * the least CPU work per request of the services (its requests wait on PostgreSQL and Kafka). Measured with NMT
     * under the provisioning burst and the gateway bench (issue 19): C2's compilations of those classes' large
     * methods took up to 18-22 MB of compiler arenas at a time and the code cache grew from 15 to 34 MB, for a peak of
     * 311-320 MB. The client compiler alone compiles fast and small; tenant-service's C2 threads had spent 7 s of CPU
     * in a 4.5-minute run, its own work a few seconds. With this flag: 266 MB at the peak (NMT on), code 23 MB, arenas
     * 2 MB; the burst's and the single tenant's times within the quiet machine's spread (BENCHMARKS.md, 14:41).
     */
    static final List<String> TENANT_SERVICE_OPTIONS = List.of("-XX:TieredStopAtLevel=1");
    static final String MALLOC_ARENAS_VARIABLE = "MALLOC_ARENA_MAX";
    static final String MALLOC_ARENAS = "2";
    /** Options added after {@link #JVM_OPTIONS} for every service (space-separated): to measure a flag without a rebuild. */
    static final String EXTRA_OPTIONS_VARIABLE = "IPSC_SERVICE_JAVA_OPTIONS";

    private final ServiceSpec spec;
    private final Path repoRoot;
    private final Map<String, String> environment;
    private final Process process;
    private final Path log;
    private final long logStart;

    private ServiceProcess(ServiceSpec spec, Path repoRoot, Map<String, String> environment, Process process,
                           Path log, long logStart) {
        this.spec = spec;
        this.repoRoot = repoRoot;
        this.environment = environment;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /**
     * Starts {@code spec} from its {@code quarkus-run.jar}. The child gets this JVM's environment
     * (so settings such as {@code MULTI_TENANT_ENABLED} flow through) overlaid with {@code environment}
     * and its own {@code QUARKUS_HTTP_PORT} and {@code QUARKUS_MANAGEMENT_PORT}.
     */
    public static ServiceProcess start(ServiceSpec spec, Path repoRoot, Map<String, String> environment, Path log)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(command(java, spec.quarkusRunJar(repoRoot), optionsOf(spec.name()),
                environment.getOrDefault(EXTRA_OPTIONS_VARIABLE, System.getenv(EXTRA_OPTIONS_VARIABLE))))
                // Quarkus reads .env and config/ from its working folder, as in dev mode.
                .directory(spec.moduleDir(repoRoot).toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        withMemoryDefaults(builder.environment());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(spec.managementPort()));
        // Logs are appended across runs; a marker shows where this run begins.
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        Files.writeString(log, "---- " + Instant.now() + " ipsc: starting " + spec.name()
                        + " on port " + spec.port() + " (management " + spec.managementPort() + ") ----\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new ServiceProcess(spec, repoRoot, Map.copyOf(environment), builder.start(), log, logStart);
    }

    /**
     * glibc's malloc gives each thread that allocates natively an arena of its own (up to 8 per core), which a Quarkus
     * service's many threads leave half-used: two keep tenant-service under 300 MB resident (issue 19). A value already
     * in the environment is kept.
     */
    static Map<String, String> withMemoryDefaults(Map<String, String> environment) {
        environment.putIfAbsent(MALLOC_ARENAS_VARIABLE, MALLOC_ARENAS);
        return environment;
    }

    /** The options one service gets after {@link #JVM_OPTIONS}: {@link #TENANT_SERVICE_OPTIONS} for tenant-service. */
    static List<String> optionsOf(String service) {
        return service.equals(Services.TENANT_SERVICE.name()) ? TENANT_SERVICE_OPTIONS : List.of();
    }

    /**
     * {@code java}, the JVM options ({@link #JVM_OPTIONS}, then the service's own, then {@code extraOptions} when
     * given), {@code -jar jar}.
     */
    static List<String> command(String java, Path jar, List<String> serviceOptions, String extraOptions) {
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        // The services run on this launcher's own JVM (java.home), so its version says whether the flag exists.
        if (trimsNativeHeap(Runtime.version())) {
            command.addAll(TRIM_NATIVE_HEAP);
        }
        command.addAll(serviceOptions);
        if (extraOptions != null && !extraOptions.isBlank()) {
            command.addAll(List.of(extraOptions.strip().split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Whether a JVM of this version knows {@code TrimNativeHeapInterval}: 17.0.9 and later (it came to 17 in that update), 18+. */
    static boolean trimsNativeHeap(Runtime.Version version) {
        return version.feature() > 17 || version.feature() == 17 && version.update() >= 9;
    }

    /** Starts the same service again, with the same environment and log; this one must have exited. */
    public ServiceProcess startAgain() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(spec.name() + " still runs (pid " + pid() + ")");
        }
        return start(spec, repoRoot, environment, log);
    }

    public ServiceSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Where this run's output begins in the log. */
    public long logStart() {
        return logStart;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; only meaningful once {@link #isAlive()} is false. */
    public int exitValue() {
        return process.exitValue();
    }

    /** Asks the service to stop (SIGTERM), so that Quarkus can close its pools and consumers cleanly. */
    public void requestStop() {
        process.destroy();
    }

    /**
     * Kills the service with SIGKILL, as a crash or the OOM killer would: no shutdown hook runs,
     * nothing is flushed or closed. Returns once the process is gone.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(spec.name() + " (pid " + pid() + ") survived SIGKILL for 30 s");
        }
    }

    /** Waits for the service to exit until {@code deadline}, then kills it. */
    public void awaitStop(Instant deadline) throws InterruptedException {
        long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            Console.error(spec.name() + " did not stop in time; killing it");
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
