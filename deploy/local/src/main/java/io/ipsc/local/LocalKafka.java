package io.ipsc.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), with its log
 * directory kept in a folder so that topics and offsets survive restarts.
 *
 * <p>Runs in-process for the launcher, or as a child JVM through {@link #main(String[])} for tests,
 * which keeps Kafka's server classes off the test classpath.
 */
public final class LocalKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private LocalKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LocalKafka start(Path dataDir, int port, int controllerPort, Durability durability) throws Exception {
        Ports.requireFree(port, "Kafka");
        Ports.requireFree(controllerPort, "Kafka controller");
        Files.createDirectories(dataDir);
        String logDir = dataDir.toAbsolutePath().toString();

        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir);
        // One node: every internal topic has one replica, and transactions need no quorum of three.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        // Topics are created on purpose (SuiteTopics, tenant-service), never by a misspelt name in a client.
        props.put("auto.create.topics.enable", "false");
        props.put("log.cleaner.enable", "true");
        props.putAll(durability.kafkaSettings());

        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        return new LocalKafka(server, port);
    }

    private static void format(String logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir)
                .setDirectories(Set.of(logDir))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /**
     * Runs a broker until the process is stopped or its standard input closes (so that a broker
     * started by a test JVM dies with it). Arguments: data dir, port, controller port, durability.
     * Prints {@code KAFKA READY <bootstrap>} once it accepts connections.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LocalKafka DATA_DIR PORT CONTROLLER_PORT DURABLE|FAST [--exit-on-stdin-close]");
            System.exit(2);
        }
        LocalKafka kafka = start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Durability.valueOf(args[3]));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stop.countDown();
        }, "kafka-shutdown"));
        System.out.println("KAFKA READY " + kafka.bootstrapServers());
        System.out.flush();
        if (List.of(args).contains("--exit-on-stdin-close")) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() != -1) {
                        // keep reading until the parent goes away
                    }
                } catch (IOException ignored) {
                    // the parent went away
                }
                System.exit(0);
            }, "parent-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        stop.await();
    }

    /** The classpath of this module and its dependencies, for starting a broker as a child JVM. */
    public static String childClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        try {
            entries.add(new File(LocalKafka.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        try (var in = LocalKafka.class.getResourceAsStream("runtime-classpath.txt")) {
            if (in == null) {
                throw new IOException("runtime-classpath.txt missing: build deploy/local with Maven first");
            }
            entries.add(new String(in.readAllBytes()).trim());
        }
        return String.join(File.pathSeparator, entries);
    }
}
