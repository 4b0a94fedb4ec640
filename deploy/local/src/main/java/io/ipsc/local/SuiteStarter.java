package io.ipsc.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The start sequence of {@code ./ipsc up}: PostgreSQL (one embedded server per database cluster) and Kafka
 * side by side (embedded unless given; the embedded broker gets the suite's topics), the platform database, then tenant-service alone and
 * the other built services side by side, the web app last, each awaited until ready. {@link Launcher} runs it with the standard ports; the end-to-end tests run it with free
 * ports of their own and Kafka in a child JVM, so that they start the suite exactly as a person does.
 */
public final class SuiteStarter {

    /** How long each service may take to become ready when {@code ./ipsc up} starts it. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Where the gateway finds each module ({@code ipsc.upstream.<module>}), by service name; the
     * module's management interface goes in the same name with {@code _MANAGEMENT} appended
     * ({@code ipsc.upstream.<module>.management}), for its health and OpenAPI document.
     */
    private static final Map<String, String> GATEWAY_UPSTREAM_VARIABLES = Map.of(
            "tenant-service", "IPSC_UPSTREAM_TENANT_SERVICE",
            "invoicing-service", "IPSC_UPSTREAM_INVOICING",
            "dental-service", "IPSC_UPSTREAM_DENTAL",
            "manufacturing-service", "IPSC_UPSTREAM_MANUFACTURING",
            "branding-service", "IPSC_UPSTREAM_BRANDING");

    private final LaunchConfig config;
    private final RunningSuite suite;
    private final List<ServiceSpec> table;
    private final boolean kafkaInChildJvm;
    private final Map<String, String> extraEnvironment;
    private final Duration readyTimeout;

    /**
     * @param table the services and their ports, in start order ({@link Services#ALL} for {@code ./ipsc up})
     * @param kafkaInChildJvm whether the embedded broker runs as a child JVM that can be stopped and
     *        started again ({@link RunningSuite#kafkaProcess()}), rather than inside this one
     * @param extraEnvironment settings every service gets on top of this JVM's environment
     *        ({@code MAX_TENANTS_PER_INSTANCE}, ...)
     * @param readyTimeout how long each service may take to become ready (a test on a busy CI machine
     *        waits longer than a person would)
     */
    public SuiteStarter(LaunchConfig config, RunningSuite suite, List<ServiceSpec> table, boolean kafkaInChildJvm,
                        Map<String, String> extraEnvironment, Duration readyTimeout) {
        this.config = config;
        this.suite = suite;
        this.table = List.copyOf(table);
        this.kafkaInChildJvm = kafkaInChildJvm;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.readyTimeout = readyTimeout;
    }

    public ReadySummary start() throws Exception {
        StateDir state = config.state();
        state.create();
        StartupSteps steps = new StartupSteps();
        Path repo = config.repoRoot();
        List<ServiceSpec> built = table.stream().filter(s -> Files.isRegularFile(s.quarkusRunJar(repo))).toList();
        List<ServiceSpec> notBuilt = table.stream().filter(s -> !built.contains(s)).toList();
        checkPortsFree(built);

        AdminCredentials admin = AdminCredentials.loadOrCreate(state, config.adminEmail(), config.adminPassword());

        boolean postgresEmbedded = config.externalPostgres().isEmpty();
        boolean kafkaEmbedded = config.externalKafka().isEmpty();
        for (String cluster : LocalClusters.leftOut(state, postgresEmbedded ? config.postgresClusters() : List.of())) {
            Console.error(state.postgresData(cluster) + " holds database cluster " + cluster + " from a run with "
                    + LocalClusters.VARIABLE + "=2, and this run leaves it stopped: tenants placed there stay unreachable "
                    + "until the suite runs with " + LocalClusters.VARIABLE + "=2 again");
        }
        // The broker and the database do not need each other: they start side by side.
        ExecutorService kafkaStarter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kafka-start");
            t.setDaemon(true);
            return t;
        });
        Future<String> kafkaStarted;
        try {
            kafkaStarted = kafkaStarter.submit(() -> startKafka(steps, kafkaEmbedded));
        } finally {
            kafkaStarter.shutdown();
        }
        Map<String, PostgresAddress> clusters;
        if (postgresEmbedded) {
            clusters = startClusters(steps);
        } else {
            clusters = Map.of(LocalClusters.MAIN, config.externalPostgres().get());
            Console.info("using PostgreSQL at " + clusters.get(LocalClusters.MAIN).display());
        }
        PostgresAddress postgres = clusters.get(LocalClusters.MAIN);
        createPlatformDatabase(postgres, postgresEmbedded);
        // As the server reports them: an external server's own, the embedded one's as this run set them.
        Map<String, String> postgresDurability = PostgresDatabases.settings(postgres, Durability.DURABLE.postgresSettings().keySet());
        Console.info("PostgreSQL durability: " + ReadySummary.settingsText(postgresDurability));
        String kafka;
        try {
            kafka = kafkaStarted.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }

        Map<String, String> environment = serviceEnvironment(clusters, kafka, admin);
        // tenant-service alone first (see Services.ALL), then the others side by side, the web app last.
        // Starting tenant-service with the others was tried (2026-11-30, BENCHMARKS.md): on two busy
        // cores six JVMs starting at once left tenant-service unready after 120 s, and the work is the
        // same CPU either way.
        List<ServiceSpec> first = built.stream().filter(s -> s.name().equals(Services.TENANT_SERVICE.name())).toList();
        List<ServiceSpec> last = built.stream().filter(s -> s.name().equals(Services.WEB.name())).toList();
        List<ServiceSpec> rest = built.stream().filter(s -> !first.contains(s) && !last.contains(s)).toList();
        steps.time(names(first), () -> startAndAwait(first, environment));
        steps.time(names(rest), () -> startAndAwait(rest, environment));
        steps.time(names(last), () -> startAndAwait(last, environment));
        return new ReadySummary(state, suite.services(), notBuilt, clusters, postgresEmbedded,
                kafka, kafkaEmbedded, admin, postgresDurability,
                kafkaEmbedded ? config.durability().kafkaSettings() : Map.of(), steps.finish());
    }

    /**
     * The embedded server of each database cluster, side by side: {@code main} on the configured port, the
     * second on the next free port after it (chosen at each start, as its data does not depend on it).
     */
    private Map<String, PostgresAddress> startClusters(StartupSteps steps) throws Exception {
        Map<String, Integer> ports = clusterPorts();
        Map<String, Future<PostgresAddress>> starting = new LinkedHashMap<>();
        ExecutorService starter = Executors.newFixedThreadPool(ports.size(), r -> {
            Thread t = new Thread(r, "postgres-start");
            t.setDaemon(true);
            return t;
        });
        try {
            ports.forEach((cluster, port) -> {
                String step = cluster.equals(LocalClusters.MAIN) ? "PostgreSQL" : "PostgreSQL " + cluster;
                Console.info("starting " + step + " on port " + port + " (data in " + config.state().postgresData(cluster) + ")");
                starting.put(cluster, starter.submit(() -> steps.time(step, () -> suite.startPostgres(cluster, port))));
            });
        } finally {
            starter.shutdown();
        }
        Map<String, PostgresAddress> started = new LinkedHashMap<>();
        for (Map.Entry<String, Future<PostgresAddress>> cluster : starting.entrySet()) {
            try {
                started.put(cluster.getKey(), cluster.getValue().get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        return started;
    }

    /** The port of each embedded cluster, in the order of {@link LaunchConfig#postgresClusters()}. */
    private Map<String, Integer> clusterPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        int port = config.postgresPort();
        for (String cluster : config.postgresClusters()) {
            if (!ports.isEmpty()) {
                port = Ports.nextFree(port);
            }
            ports.put(cluster, port);
        }
        return ports;
    }

    /** The embedded broker with the suite's topics, or the address of the one given. */
    private String startKafka(StartupSteps steps, boolean embedded) throws Exception {
        if (!embedded) {
            String kafka = config.externalKafka().get();
            Console.info("using Kafka at " + kafka);
            return kafka;
        }
        Console.info("starting Kafka on port " + config.kafkaPort() + " (data in " + config.state().kafkaData() + ")");
        return steps.time("Kafka", () -> {
            String kafka = kafkaInChildJvm
                    ? suite.startKafkaProcess(config.kafkaPort(), config.kafkaControllerPort())
                    : suite.startKafka(config.kafkaPort(), config.kafkaControllerPort());
            Set<String> created = SuiteTopics.create(kafka);
            if (!created.isEmpty()) {
                Console.info("created topics " + String.join(", ", created));
            }
            return kafka;
        });
    }

    private static String names(List<ServiceSpec> specs) {
        return specs.size() == 1 ? specs.get(0).name() : specs.size() + " services side by side";
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
            Ports.requireFree(spec, Launcher.PORT_REMEDY);
        }
    }

    private static void createPlatformDatabase(PostgresAddress postgres, boolean embedded) {
        try {
            if (PostgresDatabases.createIfMissing(postgres, Launcher.PLATFORM_DATABASE, embedded)) {
                Console.info("created database " + Launcher.PLATFORM_DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + Launcher.PLATFORM_DATABASE + " on PostgreSQL at "
                    + postgres.display() + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> serviceEnvironment(Map<String, PostgresAddress> clusters, String kafka, AdminCredentials admin) {
        PostgresAddress postgres = clusters.get(LocalClusters.MAIN);
        Map<String, String> env = new HashMap<>(extraEnvironment);
        env.put("IPSC_PG_HOST", postgres.host());
        env.put("IPSC_PG_PORT", Integer.toString(postgres.port()));
        env.put("IPSC_PG_USER", postgres.user());
        env.put("IPSC_PG_PASSWORD", postgres.password());
        env.putAll(LocalClusters.serviceEnvironment(clusters));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("IPSC_ADMIN_EMAIL", admin.email());
        env.put("IPSC_ADMIN_PASSWORD", admin.password());
        env.putAll(addressesOfEachOther(table));
        // Spares sized for a burst (LocalSpares): a value in this launcher's environment reaches the services as it is.
        if (System.getenv(LocalSpares.VARIABLE) == null) {
            env.putIfAbsent(LocalSpares.VARIABLE, Integer.toString(LocalSpares.perServiceAndCluster(env, clusters.size())));
        }
        return env;
    }

    /**
     * Where the services find each other when the table moves them off their standard ports:
     * everyone reads tenant-service's signing keys, the gateway forwards to every module and asks
     * each module's management interface for its health and OpenAPI document, the web app calls the
     * gateway. With the standard
     * ports nothing is set, and the services' own defaults (or the user's settings) apply.
     */
    static Map<String, String> addressesOfEachOther(List<ServiceSpec> table) {
        Map<String, String> env = new HashMap<>();
        for (ServiceSpec spec : table) {
            ServiceSpec standard = Services.named(spec.name()).orElse(spec);
            String upstream = GATEWAY_UPSTREAM_VARIABLES.get(spec.name());
            if (spec.port() != standard.port()) {
                String base = "http://127.0.0.1:" + spec.port();
                if (spec.name().equals(Services.TENANT_SERVICE.name())) {
                    env.put("IPSC_JWT_JWKS_URL", base + "/.well-known/jwks.json");
                }
                if (upstream != null) {
                    env.put(upstream, base);
                }
                if (spec.name().equals(Services.GATEWAY.name())) {
                    env.put("IPSC_WEB_GATEWAY_URL", base);
                }
            }
            if (upstream != null && spec.managementPort() != standard.managementPort()) {
                env.put(upstream + "_MANAGEMENT", spec.managementUrl());
            }
        }
        return env;
    }

    private Void startAndAwait(List<ServiceSpec> specs, Map<String, String> environment) throws Exception {
        List<ServiceProcess> started = new ArrayList<>();
        for (ServiceSpec spec : specs) {
            Console.info("starting " + spec.name() + " on port " + spec.port() + ", management port " + spec.managementPort()
                    + " (log " + config.state().log(spec.name()) + ")");
            started.add(suite.startService(spec, config.repoRoot(), environment));
        }
        ReadinessProbe probe = new ReadinessProbe();
        for (ServiceProcess service : started) {
            probe.awaitReady(service, readyTimeout);
            Console.info(service.spec().name() + " is ready on " + service.spec().url());
        }
        return null;
    }
}
