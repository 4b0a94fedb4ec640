package io.ipsc.testsupport;

import io.ipsc.local.Durability;
import io.ipsc.local.LocalKafka;
import io.ipsc.local.LocalPostgres;
import io.ipsc.local.Ports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real servers that tests run against, started once per test JVM: embedded PostgreSQL 17
 * in-process and a KRaft Kafka broker as a child JVM (so Kafka's server classes stay off the test
 * classpath). The broker can be stopped and started again on the same port and data, to test what
 * happens while it is away.
 */
public final class EmbeddedServers {

    /** The tests' servers keep their data in a temporary folder and lose it anyway: no flush to wait for. */
    private static final Durability TESTS = Durability.FAST;

    private static EmbeddedServers instance;

    private final Path root;
    private final LocalPostgres postgres;
    /** A second PostgreSQL cluster ("second"), started only for the tests that ask (tenants placed on two clusters). */
    private LocalPostgres secondPostgres;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private Process kafka;

    private EmbeddedServers(Path root, LocalPostgres postgres, int kafkaPort, int kafkaControllerPort) {
        this.root = root;
        this.postgres = postgres;
        this.kafkaPort = kafkaPort;
        this.kafkaControllerPort = kafkaControllerPort;
    }

    public static synchronized EmbeddedServers get() {
        if (instance == null) {
            try {
                Path root = Files.createTempDirectory("ipsc-test-");
                LocalPostgres postgres = LocalPostgres.start(root.resolve("postgres"), 0, TESTS);
                EmbeddedServers servers = new EmbeddedServers(root, postgres, Ports.freePort(), Ports.freePort());
                servers.startKafka();
                Runtime.getRuntime().addShutdownHook(new Thread(servers::shutdown, "embedded-servers-shutdown"));
                instance = servers;
            } catch (Exception e) {
                throw new IllegalStateException("Could not start embedded PostgreSQL and Kafka for the tests", e);
            }
        }
        return instance;
    }

    public int postgresPort() {
        return postgres.port();
    }

    /** The second PostgreSQL cluster's port, starting it on first call. */
    public synchronized int secondPostgresPort() {
        if (secondPostgres == null) {
            try {
                secondPostgres = LocalPostgres.start(root.resolve("postgres-second"), 0, TESTS);
            } catch (IOException e) {
                throw new IllegalStateException("Could not start the second embedded PostgreSQL", e);
            }
        }
        return secondPostgres.port();
    }

    /** A JDBC URL of {@code database} on the second cluster (started if needed). */
    public String secondJdbcUrl(String database) {
        secondPostgresPort();
        return secondPostgres.jdbcUrl(database);
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public void createDatabase(String name) {
        try {
            postgres.createDatabaseIfMissing(name);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** Starts the broker (again) and returns once it accepts connections. */
    public synchronized void startKafka() throws IOException, InterruptedException {
        if (kafka != null && kafka.isAlive()) {
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = root.resolve("kafka.log");
        // C1 only, as the test JVMs (the parent pom's argLine): the broker lives for one module's tests, too short
        // for C2's compilations to pay back.
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", LocalKafka.childClasspath(),
                LocalKafka.class.getName(), root.resolve("kafka").toString(),
                Integer.toString(kafkaPort), Integer.toString(kafkaControllerPort), TESTS.name(), "--exit-on-stdin-close")
                .redirectErrorStream(true);
        kafka = builder.start();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> awaitReadyLine(kafka, log));
        try {
            if (!Boolean.TRUE.equals(ready.get(90, TimeUnit.SECONDS))) {
                throw new IllegalStateException("Kafka did not start; see " + log);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            kafka.destroyForcibly();
            throw new IllegalStateException("Kafka did not start within 90 s; see " + log, e);
        }
    }

    /** Stops the broker the hard way, as a crash would. */
    public synchronized void stopKafka() throws InterruptedException {
        if (kafka != null) {
            kafka.destroyForcibly();
            kafka.waitFor(30, TimeUnit.SECONDS);
            kafka = null;
        }
    }

    /**
     * Copies the broker's output to its log until it says it is ready; from then on a daemon thread
     * owns the stream and keeps draining it (to the log), so the broker never blocks on a full pipe.
     */
    private static boolean awaitReadyLine(Process process, Path log) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.newLine();
                if (line.startsWith("KAFKA READY")) {
                    out.flush();
                    Thread drain = new Thread(() -> drain(reader, out), "kafka-log-drain");
                    drain.setDaemon(true);
                    drain.start();
                    return true;
                }
            }
            out.close();
            reader.close();
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(BufferedReader reader, java.io.BufferedWriter out) {
        try (reader; out) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException ignored) {
            // the broker went away
        }
    }

    private void shutdown() {
        try {
            stopKafka();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            postgres.close();
            if (secondPostgres != null) {
                secondPostgres.close();
            }
        } catch (IOException ignored) {
            // the JVM is exiting; the temp folder goes below
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
