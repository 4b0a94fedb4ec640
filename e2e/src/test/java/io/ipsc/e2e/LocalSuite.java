package io.ipsc.e2e;

import io.ipsc.local.AdminCredentials;
import io.ipsc.local.Durability;
import io.ipsc.local.LaunchConfig;
import io.ipsc.local.Launcher;
import io.ipsc.local.LocalClusters;
import io.ipsc.local.Ports;
import io.ipsc.local.PostgresAddress;
import io.ipsc.local.ReadinessProbe;
import io.ipsc.local.ReadySummary;
import io.ipsc.local.RunningSuite;
import io.ipsc.local.ServiceProcess;
import io.ipsc.local.ServiceSpec;
import io.ipsc.local.Services;
import io.ipsc.local.StateDir;
import io.ipsc.local.SuiteStarter;
import io.ipsc.local.backup.LocalBackups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;

/**
 * The whole suite as {@code ./ipsc up} starts it (deploy/local's {@link SuiteStarter}): embedded
 * PostgreSQL, a KRaft broker in a child JVM, and the six services as their own JVMs from their packaged
 * {@code quarkus-run.jar}. Every port, the services' management ports included, is a free one picked now, so a developer's {@code ./ipsc up} on the
 * standard ports keeps running. The state folder is under {@code e2e/target}; its logs stay there after
 * the run (the data is removed).
 */
public final class LocalSuite implements AutoCloseable {

    public static final String TENANT_SERVICE = "tenant-service";
    public static final String GATEWAY = "gateway";
    public static final String INVOICING = "invoicing-service";
    public static final String DENTAL = "dental-service";
    public static final String MANUFACTURING = "manufacturing-service";
    public static final String BRANDING = "branding-service";

    /**
     * Settings every service gets. The per-plan request rates are raised because a test sends bursts
     * that no person would; the rate limit itself is the gateway's own test's business. Two spare databases per
     * service, the services' own default, not the hundred {@code ./ipsc up} keeps for a burst (deploy/local
     * {@code LocalSpares}): no test here sends such a burst, and 400 copies made beside the tests would only slow them.
     */
    private static final Map<String, String> SETTINGS = Map.of(
            "MULTI_TENANT_ENABLED", "true",
            "TENANT_DATABASE_PREFIX", "tenant_",
            "MAX_TENANTS_PER_INSTANCE", "300",
            "IPSC_RATE_LIMIT_FREE", "5000",
            "IPSC_RATE_LIMIT_BASIC", "5000",
            "IPSC_RATE_LIMIT_PREMIUM", "5000",
            "IPSC_PROVISIONING_SPARE_DATABASES", "2");

    /** Longer than {@code ./ipsc up} allows: CI machines run other builds beside this one. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);
    /**
     * The suite under test throws its data away, and its drills kill processes (which keeps every write
     * in the page cache): flushing would only slow it. ./ipsc up runs {@link Durability#DURABLE}.
     */
    private static final Durability E2E_DURABILITY = Durability.FAST;

    private final StateDir state;
    private final RunningSuite running;
    private final ReadySummary summary;

    private LocalSuite(StateDir state, RunningSuite running, ReadySummary summary) {
        this.state = state;
        this.running = running;
        this.summary = summary;
    }

    /** Starts everything and returns once every service answers ready; fails naming what is missing or busy. */
    public static LocalSuite start() throws Exception {
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return start(new StateDir(repo().resolve("e2e/target/ipsc-e2e-" + run)));
    }

    /** The folder a drill keeps a suite's state or backup in: {@code e2e/target/<name>}. */
    public static Path targetFolder(String name) {
        return repo().resolve("e2e/target").resolve(name);
    }

    private static Path repo() {
        return Path.of(System.getProperty("ipsc.repo", "..")).toAbsolutePath().normalize();
    }

    /**
     * A suite of its own with these database clusters ({@code main} and {@code second}: each its own embedded
     * PostgreSQL, as {@code IPSC_PG_CLUSTERS=2 ./ipsc up} runs them).
     */
    public static LocalSuite start(List<String> clusters) throws Exception {
        String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return start(new StateDir(repo().resolve("e2e/target/ipsc-e2e-" + run + "-" + String.join("-", clusters))), clusters);
    }

    /** Starts everything on the data of {@code state} (empty: a new suite; restored: the backup's). */
    public static LocalSuite start(StateDir state) throws Exception {
        return start(state, List.of(LocalClusters.MAIN));
    }

    private static LocalSuite start(StateDir state, List<String> clusters) throws Exception {
        Path repo = repo();
        List<ServiceSpec> table = Services.ALL.stream()
                .map(s -> new ServiceSpec(s.name(), s.module(), Ports.freePort(), Ports.freePort()))
                .toList();
        List<String> notBuilt = table.stream().filter(s -> !Files.isRegularFile(s.quarkusRunJar(repo)))
                .map(ServiceSpec::module).toList();
        if (!notBuilt.isEmpty()) {
            throw new IllegalStateException("Not packaged: " + notBuilt + ". Run mvn -DskipTests package for them "
                    + "(mvn verify at the root builds them before this module).");
        }
        LaunchConfig config = new LaunchConfig(repo, state, Ports.freePort(), Optional.empty(),
                Ports.freePort(), Ports.freePort(), Optional.empty(), Optional.empty(), Optional.empty(), E2E_DURABILITY, clusters);
        RunningSuite running = new RunningSuite(state, E2E_DURABILITY);
        // A test JVM that is interrupted must not leave six JVMs and a database server behind.
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "ipsc-e2e-stop"));
        try {
            ReadySummary summary = new SuiteStarter(config, running, table, true, SETTINGS, READY_TIMEOUT).start();
            System.out.println("ipsc-e2e: suite up; logs in " + state.logs());
            return new LocalSuite(state, running, summary);
        } catch (Exception e) {
            running.stop();
            throw new IllegalStateException("The suite did not start (logs in " + state.logs() + "): " + e.getMessage(), e);
        }
    }

    public ServiceSpec spec(String service) {
        return running.service(service).spec();
    }

    public String url(String service) {
        return "http://127.0.0.1:" + spec(service).port();
    }

    /** The service's management interface: {@code /q/health}, {@code /q/metrics}, {@code /q/openapi}. */
    public String managementUrl(String service) {
        return spec(service).managementUrl();
    }

    public String gatewayUrl() {
        return url(GATEWAY);
    }

    public int gatewayPort() {
        return spec(GATEWAY).port();
    }

    public PostgresAddress postgres() {
        return summary.postgres();
    }

    public Connection connect(String database) throws SQLException {
        return summary.postgres().connect(database);
    }

    /** A database on one of the suite's clusters ({@code main}, or {@code second} in a suite of two). */
    public Connection connect(String cluster, String database) throws SQLException {
        PostgresAddress server = summary.clusters().get(cluster);
        if (server == null) {
            throw new IllegalArgumentException("the suite runs no cluster '" + cluster + "', only " + summary.clusters().keySet());
        }
        return server.connect(database);
    }

    public Connection connectPlatform() throws SQLException {
        return connect(Launcher.PLATFORM_DATABASE);
    }

    public String kafkaBootstrapServers() {
        return summary.kafka();
    }

    public Path log(String service) {
        return state.log(service);
    }

    /** The platform admin the suite created on first start. */
    public AdminCredentials admin() {
        return summary.admin();
    }

    /** An access token for the platform admin, signed in as {@code ./ipsc token} does it. */
    public String adminToken() {
        return signIn(summary.admin().email(), summary.admin().password());
    }

    public String signIn(String email, String password) {
        return given().baseUri(url(TENANT_SERVICE)).contentType("application/json")
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login")
                .then().statusCode(200)
                .extract().path("data.access_token");
    }

    /** SIGKILL: no shutdown hook of the service runs, nothing of it is flushed. */
    public void kill(String service) throws InterruptedException {
        running.killService(service);
    }

    /** Starts a killed service again and waits until it is ready. */
    public void restart(String service) throws Exception {
        ServiceProcess restarted = running.restartService(service);
        new ReadinessProbe().awaitReady(restarted, READY_TIMEOUT);
    }

    /** {@code ./ipsc backup FOLDER}: an online copy of the running suite's PostgreSQL. */
    public Path backup(Path folder) throws Exception {
        return LocalBackups.backup(state, LocalBackups.parseEndpoints(summary.endpoints()), Optional.of(folder));
    }

    public void stopKafka() throws InterruptedException {
        running.kafkaProcess().orElseThrow().stop();
    }

    public void startKafka() throws Exception {
        running.kafkaProcess().orElseThrow().start();
    }

    /** Stops everything, then removes the data (PostgreSQL, Kafka) and keeps the logs for a reader. */
    @Override
    public void close() {
        running.stop();
        deleteQuietly(state.postgresData());
        deleteQuietly(state.kafkaData());
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Under target/: mvn clean removes what is left.
        }
    }
}
