package io.ipsc.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: starts (once per JVM) the real PostgreSQL and Kafka and points the
 * application under test at them. Arguments: {@code databases} — a comma-separated list of
 * databases to create before the application starts.
 */
public class EmbeddedInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String databases = "";

    @Override
    public void init(Map<String, String> initArgs) {
        databases = initArgs.getOrDefault("databases", "");
    }

    @Override
    public Map<String, String> start() {
        EmbeddedServers servers = EmbeddedServers.get();
        for (String db : databases.split(",")) {
            if (!db.isBlank()) {
                servers.createDatabase(db.trim());
            }
        }
        Map<String, String> config = new HashMap<>();
        config.put("ipsc.pg.host", "127.0.0.1");
        config.put("ipsc.pg.port", Integer.toString(servers.postgresPort()));
        config.put("ipsc.pg.user", "postgres");
        config.put("ipsc.pg.password", "postgres");
        config.put("kafka.bootstrap.servers", servers.kafkaBootstrapServers());
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // The servers live for the whole test JVM; a shutdown hook stops them.
    }
}
