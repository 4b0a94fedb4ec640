package io.ipsc.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: starts (once per JVM) the real PostgreSQL and Kafka and points the
 * application under test at them. Arguments: {@code databases} — a comma-separated list of
 * databases to create before the application starts; {@code test-tokens=true} — verify tokens
 * against {@link TestTokens}' key instead of a running tenant-service; {@code clusters=2} — a second
 * PostgreSQL cluster named {@code second} as well, configured as {@code ipsc.clusters.second.*}.
 */
public class EmbeddedInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String databases = "";
    private boolean testTokens;
    private boolean twoClusters;

    @Override
    public void init(Map<String, String> initArgs) {
        databases = initArgs.getOrDefault("databases", "");
        testTokens = Boolean.parseBoolean(initArgs.getOrDefault("test-tokens", "false"));
        twoClusters = "2".equals(initArgs.getOrDefault("clusters", "1"));
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
        if (twoClusters) {
            config.put("ipsc.clusters", "main,second");
            config.put("ipsc.clusters.second.host", "127.0.0.1");
            config.put("ipsc.clusters.second.port", Integer.toString(servers.secondPostgresPort()));
            config.put("ipsc.clusters.second.user", "postgres");
            config.put("ipsc.clusters.second.password", "postgres");
        }
        config.put("quarkus.devservices.enabled", "false");
        if (testTokens) {
            // Services other than tenant-service verify tokens against tenant-service's JWKS: here, the test key's.
            config.put("ipsc.jwt.jwks-url", TestTokens.get().jwksUrl());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers live for the whole test JVM; a shutdown hook stops them.
    }
}
