package io.ipsc.local;

import io.ipsc.local.backup.BackupSchedule;
import io.ipsc.local.backup.LocalBackups;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    private static final int FAILURE_LOG_LINES = 30;

    private final LaunchConfig config;
    private final StateDir state;
    private final RunningSuite suite;

    private Launcher(LaunchConfig config) {
        this.config = config;
        this.state = config.state();
        this.suite = new RunningSuite(state, config.durability());
    }

    public static void main(String[] args) throws Exception {
        quietLibraryLogs();
        LaunchConfig config;
        try {
            config = LaunchConfig.from(System.getenv(), repoRoot(args));
            BackupSchedule.from(System.getenv()); // refused now, before anything starts, if malformed
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
            scheduleBackups(summary);
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

    /** IPSC_BACKUP_EVERY: backups of the embedded PostgreSQL while the suite runs (none with an external server). */
    private void scheduleBackups(ReadySummary summary) throws IOException {
        Optional<BackupSchedule> schedule = BackupSchedule.from(System.getenv());
        if (schedule.isEmpty()) {
            return;
        }
        if (!summary.postgresEmbedded()) {
            Console.info(BackupSchedule.EVERY + " is ignored: this run uses an external PostgreSQL; back it up with that server's tools");
            return;
        }
        Map<String, String> endpoints = LocalBackups.parseEndpoints(summary.endpoints());
        schedule.get().start(state, () -> LocalBackups.backup(state, endpoints, Optional.empty()), Console::info);
        Console.info("backups every " + schedule.get().every() + " into " + state.home().resolve("backups")
                + ", the newest " + schedule.get().keep() + " kept");
    }

    /** The script prints the ready file as soon as it appears, so it must never see it half written. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ReadySummary startEverything() throws Exception {
        return new SuiteStarter(config, suite, Services.ALL, false, Map.of(), SuiteStarter.READY_TIMEOUT).start();
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
