package io.ipsc.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a local run uses, read from the environment; every value has a default so that a plain
 * {@code ./ipsc up} needs no configuration (design, section 5).
 */
public record LaunchConfig(
        Path repoRoot,
        StateDir state,
        int postgresPort,
        Optional<PostgresAddress> externalPostgres,
        int kafkaPort,
        int kafkaControllerPort,
        Optional<String> externalKafka,
        Optional<String> adminEmail,
        Optional<String> adminPassword,
        Durability durability,
        List<String> postgresClusters) {

    public static final int DEFAULT_PG_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;

    /** One embedded cluster, {@code main}: the run before issue 20, as the end-to-end tests start it. */
    public LaunchConfig(Path repoRoot, StateDir state, int postgresPort, Optional<PostgresAddress> externalPostgres,
                        int kafkaPort, int kafkaControllerPort, Optional<String> externalKafka, Optional<String> adminEmail,
                        Optional<String> adminPassword, Durability durability) {
        this(repoRoot, state, postgresPort, externalPostgres, kafkaPort, kafkaControllerPort, externalKafka, adminEmail,
                adminPassword, durability, List.of(LocalClusters.MAIN));
    }

    public LaunchConfig {
        postgresClusters = List.copyOf(postgresClusters);
        if (postgresClusters.size() > 1 && externalPostgres.isPresent()) {
            throw new IllegalArgumentException(LocalClusters.VARIABLE + "=" + postgresClusters.size()
                    + " starts embedded PostgreSQL servers; it cannot be combined with IPSC_PG_URL (unset one of the two)");
        }
    }

    public static LaunchConfig from(Map<String, String> env, Path repoRoot) {
        Path root = repoRoot.toAbsolutePath().normalize();
        Path home = value(env, "IPSC_HOME").map(h -> Path.of(h).toAbsolutePath().normalize())
                .orElse(root.resolve(".ipsc"));
        return new LaunchConfig(
                root,
                new StateDir(home),
                port(env, "IPSC_PG_PORT", DEFAULT_PG_PORT),
                value(env, "IPSC_PG_URL").map(PostgresAddress::parse),
                port(env, "IPSC_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                port(env, "IPSC_KAFKA_CONTROLLER_PORT", DEFAULT_KAFKA_CONTROLLER_PORT),
                value(env, "KAFKA_BOOTSTRAP_SERVERS"),
                value(env, "IPSC_ADMIN_EMAIL"),
                // Taken as is: spaces around a password are part of it.
                Optional.ofNullable(env.get("IPSC_ADMIN_PASSWORD")).filter(p -> !p.isEmpty()),
                Durability.parse(value(env, Durability.VARIABLE)),
                LocalClusters.parse(value(env, LocalClusters.VARIABLE)));
    }

    /** An empty variable counts as unset, as {@code VAR= ./ipsc up} is the usual way to clear one. */
    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        Optional<String> raw = value(env, name);
        if (raw.isEmpty()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(raw.get());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + raw.get() + "'");
    }

    /** Keeps the admin password out of logs. */
    @Override
    public String toString() {
        return "LaunchConfig[repoRoot=" + repoRoot + ", home=" + state.home() + ", postgresPort=" + postgresPort
                + ", externalPostgres=" + externalPostgres + ", kafkaPort=" + kafkaPort
                + ", kafkaControllerPort=" + kafkaControllerPort + ", externalKafka=" + externalKafka
                + ", adminEmail=" + adminEmail + ", durability=" + durability.id()
                + ", postgresClusters=" + postgresClusters + "]";
    }
}
