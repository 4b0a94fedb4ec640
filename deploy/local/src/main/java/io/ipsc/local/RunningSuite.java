package io.ipsc.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the launcher has started, and stopping it in reverse dependency order: services first
 * (they hold connections to Kafka and PostgreSQL), then Kafka, then PostgreSQL.
 *
 * <p>Starting and stopping are synchronized because stopping runs in the shutdown hook while the
 * main thread may still be starting things; once stopped, nothing more starts. PostgreSQL and Kafka
 * start outside the lock, side by side, and are kept only if no stop began meanwhile.
 */
public final class RunningSuite {

    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(15);

    private final StateDir state;
    private final Durability durability;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** By cluster name, in start order: {@code main}, then {@code second} when the run has two. */
    private final Map<String, LocalPostgres> postgres = new LinkedHashMap<>();
    private LocalKafka kafka;
    private KafkaProcess kafkaProcess;
    private boolean stopping;

    public RunningSuite(StateDir state, Durability durability) {
        this.state = state;
        this.durability = durability;
    }

    /** Safe to call while Kafka starts on another thread: the two start side by side. */
    public PostgresAddress startPostgres(int port) throws Exception {
        return startPostgres(LocalClusters.MAIN, port);
    }

    /**
     * The embedded server of database cluster {@code cluster}, with its own data folder and log. Safe to call
     * while Kafka and the other cluster start on other threads.
     */
    public PostgresAddress startPostgres(String cluster, int port) throws Exception {
        String name = StateDir.postgresName(cluster);
        LocalPostgres started = startOutsideLock(
                () -> LocalPostgres.start(state.postgresData(cluster), port, state.log(name), false, durability), p -> p::close,
                p -> postgres.put(cluster, p));
        return started.address();
    }

    /** Safe to call while PostgreSQL starts on another thread: the two start side by side. */
    public String startKafka(int port, int controllerPort) throws Exception {
        LocalKafka started = startOutsideLock(() -> LocalKafka.start(state.kafkaData(), port, controllerPort, durability), k -> k::close, k -> kafka = k);
        return started.bootstrapServers();
    }

    /**
     * Starts the broker as a child JVM instead of in this one, so that it can be stopped and started
     * again while the services run ({@link #kafkaProcess()}); the end-to-end tests do this.
     */
    public String startKafkaProcess(int port, int controllerPort) throws Exception {
        KafkaProcess started = startOutsideLock(() -> {
            Ports.requireFree(port, "Kafka");
            Ports.requireFree(controllerPort, "Kafka controller");
            KafkaProcess process = new KafkaProcess(state.kafkaData(), port, controllerPort, state.log("kafka"), durability);
            process.start();
            return process;
        }, k -> k::close, k -> kafkaProcess = k);
        return started.bootstrapServers();
    }

    /**
     * Runs {@code start} without holding the lock (so that another server can start meanwhile); what
     * it started is stopped at once when a stop began in the meantime, and otherwise recorded under
     * the lock, so that a stop from then on sees it.
     */
    private <T> T startOutsideLock(Callable<T> start, Function<T, Action> close, Consumer<T> record) throws Exception {
        synchronized (this) {
            requireNotStopping();
        }
        T started = start.call();
        synchronized (this) {
            if (stopping) {
                runQuietly(close.apply(started));
                requireNotStopping();
            }
            record.accept(started);
        }
        return started;
    }

    /** The broker started by {@link #startKafkaProcess(int, int)}, if that is how Kafka runs. */
    public synchronized Optional<KafkaProcess> kafkaProcess() {
        return Optional.ofNullable(kafkaProcess);
    }

    public synchronized ServiceProcess startService(ServiceSpec spec, Path repoRoot, Map<String, String> environment)
            throws IOException {
        requireNotStopping();
        Ports.requireFree(spec, Launcher.PORT_REMEDY);
        ServiceProcess service = ServiceProcess.start(spec, repoRoot, environment, state.log(spec.name()));
        services.add(service);
        Files.writeString(state.pidFile(spec.name()), service.pid() + "\n", StandardCharsets.UTF_8);
        return service;
    }

    public synchronized List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public synchronized ServiceProcess service(String name) {
        return services.stream().filter(s -> s.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " was not started"));
    }

    /** SIGKILLs a service, as a crash would (see {@link ServiceProcess#kill()}). */
    public void killService(String name) throws InterruptedException {
        service(name).kill();
    }

    /**
     * Starts a service that has exited (killed, or crashed) again, as before, and returns it; the
     * caller waits for it with {@link ReadinessProbe}.
     */
    public synchronized ServiceProcess restartService(String name) throws IOException {
        requireNotStopping();
        ServiceProcess old = service(name);
        Ports.requireFree(old.spec(), Launcher.PORT_REMEDY);
        ServiceProcess restarted = old.startAgain();
        services.set(services.indexOf(old), restarted);
        Files.writeString(state.pidFile(name), restarted.pid() + "\n", StandardCharsets.UTF_8);
        return restarted;
    }

    public synchronized boolean isStopping() {
        return stopping;
    }

    /** Stops everything started so far and removes the run's files. Safe to call more than once. */
    public synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (services.isEmpty() && kafka == null && kafkaProcess == null && postgres.isEmpty()) {
            removeRunFiles();
            return;
        }
        stopServices();
        if (kafka != null) {
            Console.info("stopping Kafka");
            runQuietly(kafka::close);
        }
        if (kafkaProcess != null) {
            Console.info("stopping Kafka");
            runQuietly(kafkaProcess::close);
        }
        postgres.forEach((cluster, server) -> {
            Console.info("stopping PostgreSQL" + (postgres.size() > 1 ? " (cluster " + cluster + ")" : ""));
            runQuietly(server::close);
        });
        removeRunFiles();
        Console.info("stopped");
    }

    private void stopServices() {
        // All at once, so the grace period is shared instead of adding up per service.
        for (ServiceProcess service : services) {
            Console.info("stopping " + service.spec().name() + " (pid " + service.pid() + ")");
            service.requestStop();
        }
        Instant deadline = Instant.now().plus(SERVICE_STOP_GRACE);
        for (ServiceProcess service : services) {
            try {
                service.awaitStop(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void removeRunFiles() {
        List<Path> files = new ArrayList<>(List.of(state.readyFile(), state.endpointsFile()));
        services.forEach(s -> files.add(state.pidFile(s.spec().name())));
        // Last, so that the script sees the launcher as running until everything else is gone.
        files.add(state.pidFile(Launcher.PID_NAME));
        for (Path file : files) {
            runQuietly(() -> Files.deleteIfExists(file));
        }
    }

    private void requireNotStopping() {
        if (stopping) {
            throw new IllegalStateException("stopping: nothing more is started");
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** A failure to stop one thing must not keep the others running. */
    private static void runQuietly(Action action) {
        try {
            action.run();
        } catch (Exception e) {
            Console.error(e.toString());
        }
    }
}
