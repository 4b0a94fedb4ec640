package io.ipsc.tenancy.db.pool;

import io.ipsc.tenancy.db.audit.AuditActor;
import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.ipsc.tenancy.db.cluster.UnknownClusterException;
import io.ipsc.testsupport.EmbeddedServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 20: pools keyed by (cluster, tenant), against two real PostgreSQL servers. */
class TenantPoolRegistryClustersTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);

    private static EmbeddedServers servers;
    private static Vertx vertx;

    @BeforeAll
    static void startServers() {
        servers = EmbeddedServers.get();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.closeAndAwait();
    }

    @Test
    void aTenantsPoolOnEachClusterTalksToThatClustersServer() throws Exception {
        // The same database name on both servers, as a tenant's database has on its old and new cluster during a move.
        String database = "pooltest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_acme";
        servers.createDatabase(database);
        try (Connection c = DriverManager.getConnection(servers.secondJdbcUrl("postgres"), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        Map<String, ClusterAddress> clusters = Map.of(
                "main", new ClusterAddress("main", "127.0.0.1", servers.postgresPort(), "postgres", "postgres"),
                "second", new ClusterAddress("second", "127.0.0.1", servers.secondPostgresPort(), "postgres", "postgres"));
        TenantPoolRegistry registry = new TenantPoolRegistry(vertx,
                new PoolSettings("127.0.0.1", servers.postgresPort(), "postgres", "postgres", 2, 5, Duration.ofSeconds(60)),
                name -> Optional.ofNullable(clusters.get(name)).orElseThrow(() -> new UnknownClusterException(name)),
                new SimpleMeterRegistry(), System::nanoTime, Duration.ZERO);
        try {
            assertEquals(servers.postgresPort(), serverPort(registry, "main", database));
            assertEquals(servers.secondPostgresPort(), serverPort(registry, "second", database));
            assertEquals(2, registry.openPools(), "one pool per (cluster, tenant)");
            assertEquals(Set.of("acme"), registry.openTenants());

            // A cluster this service has no address for is refused, and takes no pool slot.
            assertThrows(UnknownClusterException.class, () -> serverPort(registry, "third", database));
            assertEquals(2, registry.openPools());

            // Closing the tenant closes its pools on every cluster.
            registry.close("acme").await().atMost(AWAIT);
            assertEquals(0, registry.openPools());
        } finally {
            registry.close();
        }
    }

    private static int serverPort(TenantPoolRegistry registry, String cluster, String database) {
        return registry.withPool(cluster, "acme", database, AuditActor.SYSTEM,
                        pool -> pool.query("SELECT inet_server_port() AS port").execute()
                                .map(rows -> rows.iterator().next().getInteger("port")))
                .await().atMost(AWAIT);
    }
}
