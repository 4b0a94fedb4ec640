package io.ipsc.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the suite on one machine until stopped: embedded PostgreSQL and Kafka (unless existing ones
 * are given), then every built service as its own JVM, and reports when all are ready.
 * {@code ./ipsc up} starts it in the background and {@code ./ipsc down} stops it with SIGTERM.
 *
 * <p>The repository root comes from the {@code ipsc.repo} system property, else the first
 * argument, else the working folder.
 */
public final class Launcher {

    public static final String PLATFORM_DATABASE = "ipsc_platform";
    public static final String PID_NAME = "launcher";
    static final String PORT_REMEDY = "Stop whatever listens there (ss -ltnp shows which process), "
            + "or run ./ipsc down if an earlier run is still up.";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final int FAILURE_LOG_LINES = 30;

    private final LaunchConfig config;
    private final StateDir state;
    private final RunningSuite suite;

    private Launcher(LaunchConfig config) {
        this.config = config;
        this.state = config.state();
        this.suite = new RunningSuite(state);
    }

    public static void main(String[] args) throws Exception {
        quietLibraryLogs();
        LaunchConfig config;
        try {
            config = LaunchConfig.from(System.getenv(), repoRoot(args));
        } catch (IllegalArgumentException e) {
            Console.error(e.getMessage());
            System.exit(2);
            return;
        }
        new Launcher(config).run();
    }

    private static Path repoRoot(String[] args) {
        String root = System.getProperty("ipsc.repo");
        if (root == null && args.length > 0) {
            root = args[0];
        }
        return Path.of(root == null ? "" : root).toAbsolutePath();
    }

    /** Kafka and the PostgreSQL wrapper log every step at INFO; the launcher's log should show ours. */
    private static void quietLibraryLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
    }

    private void run() throws Exception {
        state.create();
        refuseIfAnotherLauncherRuns();
        // Left behind only if an earlier launcher was killed; the script waits for a fresh ready file.
        Files.deleteIfExists(state.readyFile());
        Files.deleteIfExists(state.endpointsFile());
        Files.writeString(state.pidFile(PID_NAME), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "ipsc-stop"));

        try {
            ReadySummary summary = startEverything();
            writeAtomically(state.endpointsFile(), summary.endpoints());
            writeAtomically(state.readyFile(), summary.text());
            System.out.println();
            System.out.print(summary.text());
            System.out.flush();
        } catch (StartupFailure e) {
            failStartup(e.getMessage(), e);
        } catch (Exception e) {
            failStartup(e.getMessage() == null ? e.toString() : e.getMessage(), null);
        }
        // Runs until SIGTERM; the shutdown hook then stops everything and the JVM exits.
        new CountDownLatch(1).await();
    }

    /** The script prints the ready file as soon as it appears, so it must never see it half written. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ReadySummary startEverything() throws Exception {
        Path repo = config.repoRoot();
        List<ServiceSpec> built = Services.ALL.stream().filter(s -> Files.isRegularFile(s.quarkusRunJar(repo))).toList();
        List<ServiceSpec> notBuilt = Services.ALL.stream().filter(s -> !built.contains(s)).toList();
        checkPortsFree(built);

        AdminCredentials admin = AdminCredentials.loadOrCreate(state, config.adminEmail(), config.adminPassword());

        boolean postgresEmbedded = config.externalPostgres().isEmpty();
        PostgresAddress postgres;
        if (postgresEmbedded) {
            Console.info("starting PostgreSQL on port " + config.postgresPort() + " (data in " + state.postgresData() + ")");
            postgres = suite.startPostgres(config.postgresPort());
        } else {
            postgres = config.externalPostgres().get();
            Console.info("using PostgreSQL at " + postgres.display());
        }
        createPlatformDatabase(postgres, postgresEmbedded);

        boolean kafkaEmbedded = config.externalKafka().isEmpty();
        String kafka;
        if (kafkaEmbedded) {
            Console.info("starting Kafka on port " + config.kafkaPort() + " (data in " + state.kafkaData() + ")");
            kafka = suite.startKafka(config.kafkaPort(), config.kafkaControllerPort());
        } else {
            kafka = config.externalKafka().get();
            Console.info("using Kafka at " + kafka);
        }

        Map<String, String> environment = serviceEnvironment(postgres, kafka, admin);
        // tenant-service alone first (see Services.ALL), then the others side by side.
        List<ServiceSpec> first = built.stream().filter(Services.TENANT_SERVICE::equals).toList();
        List<ServiceSpec> rest = built.stream().filter(s -> !first.contains(s)).toList();
        startAndAwait(first, environment);
        startAndAwait(rest, environment);
        return new ReadySummary(state, suite.services(), notBuilt, postgres, postgresEmbedded,
                kafka, kafkaEmbedded, admin);
    }

    /** Checks every port before starting anything, so that a clash costs no half-started suite. */
    private void checkPortsFree(List<ServiceSpec> services) {
        if (config.externalPostgres().isEmpty()) {
            Ports.requireFree(config.postgresPort(), "PostgreSQL", "Stop whatever listens there, "
                    + "set IPSC_PG_PORT to a free port, or set IPSC_PG_URL to use a server that already runs.");
        }
        if (config.externalKafka().isEmpty()) {
            String remedy = "Stop whatever listens there, set IPSC_KAFKA_PORT and IPSC_KAFKA_CONTROLLER_PORT "
                    + "to free ports, or set KAFKA_BOOTSTRAP_SERVERS to use a broker that already runs.";
            Ports.requireFree(config.kafkaPort(), "Kafka", remedy);
            Ports.requireFree(config.kafkaControllerPort(), "Kafka controller", remedy);
        }
        for (ServiceSpec spec : services) {
            Ports.requireFree(spec.port(), spec.name(), PORT_REMEDY);
        }
    }

    private void createPlatformDatabase(PostgresAddress postgres, boolean embedded) throws Exception {
        try {
            if (PostgresDatabases.createIfMissing(postgres, PLATFORM_DATABASE, embedded)) {
                Console.info("created database " + PLATFORM_DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + PLATFORM_DATABASE + " on PostgreSQL at "
                    + postgres.display() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> serviceEnvironment(PostgresAddress postgres, String kafka, AdminCredentials admin) {
        Map<String, String> env = new HashMap<>();
        env.put("IPSC_PG_HOST", postgres.host());
        env.put("IPSC_PG_PORT", Integer.toString(postgres.port()));
        env.put("IPSC_PG_USER", postgres.user());
        env.put("IPSC_PG_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("IPSC_ADMIN_EMAIL", admin.email());
        env.put("IPSC_ADMIN_PASSWORD", admin.password());
        return env;
    }

    private void startAndAwait(List<ServiceSpec> specs, Map<String, String> environment) throws Exception {
        List<ServiceProcess> started = new ArrayList<>();
        for (ServiceSpec spec : specs) {
            Console.info("starting " + spec.name() + " on port " + spec.port() + " (log " + state.log(spec.name()) + ")");
            started.add(suite.startService(spec, config.repoRoot(), environment));
        }
        ReadinessProbe probe = new ReadinessProbe();
        for (ServiceProcess service : started) {
            probe.awaitReady(service, READY_TIMEOUT);
            Console.info(service.spec().name() + " is ready on " + service.spec().url());
        }
    }

    private void refuseIfAnotherLauncherRuns() throws Exception {
        Path pidFile = state.pidFile(PID_NAME);
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> other;
        try {
            other = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (NumberFormatException e) {
            return;
        }
        boolean isLauncher = other.filter(ProcessHandle::isAlive)
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .flatMap(p -> p.info().commandLine())
                .filter(c -> c.contains(Launcher.class.getName()))
                .isPresent();
        if (isLauncher) {
            Console.error("a launcher already runs for " + state.home() + " (pid "
                    + other.get().pid() + "); ./ipsc down stops it");
            System.exit(1);
        }
    }

    /** Reports why the start failed, then exits; the shutdown hook stops what was started. */
    private void failStartup(String message, StartupFailure failure) {
        if (suite.isStopping()) {
            // SIGTERM arrived while starting: services dying now is the stop, not a failure.
            return;
        }
        Console.error("could not start the suite: " + message);
        if (failure != null) {
            System.err.println("---- last " + FAILURE_LOG_LINES + " lines of " + failure.log() + " ----");
            LogTail.lastLines(failure.log(), failure.logStart(), FAILURE_LOG_LINES).forEach(System.err::println);
            System.err.println("----");
        }
        System.err.flush();
        System.exit(1);
    }
}
