package io.ipsc.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: starts (once per JVM) the real PostgreSQL and Kafka and points the
 * application under test at them. Arguments: {@code databases} — a comma-separated list of
 * databases to create before the application starts; {@code test-tokens=true} — verify tokens
 * against {@link TestTokens}' key instead of a running tenant-service.
 */
public class EmbeddedInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String databases = "";
    private boolean testTokens;

    @Override
    public void init(Map<String, String> initArgs) {
        databases = initArgs.getOrDefault("databases", "");
        testTokens = Boolean.parseBoolean(initArgs.getOrDefault("test-tokens", "false"));
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
