package io.ipsc.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link LocalKafka} broker run as a child JVM ({@link LocalKafka#main(String[])}), so that it can
 * be stopped and started again on the same ports and data while the services keep running, as the
 * fault drills do. Kafka's server classes stay off the caller's classpath, and the broker exits when
 * its parent does (it watches its standard input).
 */
public final class KafkaProcess implements AutoCloseable {

    private static final String MAX_HEAP = "-Xmx512m";
    /** Kafka logs every step at INFO; its warnings are what a reader of the log needs. */
    private static final String QUIET_LOGS = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Path log;
    private final Durability durability;
    private Process process;

    public KafkaProcess(Path dataDir, int port, int controllerPort, Path log, Durability durability) {
        this.durability = durability;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.log = log;
    }

    /** Starts the broker (again, keeping its data) and returns once it accepts connections. */
    public synchronized void start() throws IOException, InterruptedException {
        if (isAlive()) {
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(log.toAbsolutePath().getParent());
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        Files.writeString(log, "---- " + Instant.now() + " ipsc: starting Kafka on port " + port + " ----\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(List.of(java, MAX_HEAP, QUIET_LOGS, "-cp", LocalKafka.childClasspath(),
                LocalKafka.class.getName(), dataDir.toString(), Integer.toString(port),
                Integer.toString(controllerPort), durability.name(), "--exit-on-stdin-close"))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        awaitReadyLine(logStart);
    }

    /** LocalKafka.main prints its ready line only once the broker accepts connections. */
    private void awaitReadyLine(long logStart) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Kafka exited with code " + process.exitValue() + " while starting; see " + log);
            }
            if (LogTail.lastLines(log, logStart, 200).stream().anyMatch(l -> l.startsWith("KAFKA READY"))) {
                return;
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IOException("Kafka was not ready after " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the broker with SIGTERM, so that it closes its logs cleanly; kills it if it will not stop. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
