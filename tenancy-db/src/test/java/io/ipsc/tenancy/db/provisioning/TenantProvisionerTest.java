package io.ipsc.tenancy.db.provisioning;

import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.ipsc.tenancy.db.cluster.Clusters;
import io.ipsc.tenancy.event.Placement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.api.JsonConfiguration;
import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantState;
import io.ipsc.tenancy.db.outbox.TenantOutboxRelay;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.TopicReader;
import io.ipsc.tenancy.db.pool.PoolSettings;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provisioner as a process sees it across restarts: events that arrived while it was down are
 * converged when it starts, a migration shipped later reaches every existing tenant database at
 * start-up, and one tenant whose migration fails is reported and refused without stopping the others.
 */
class TenantProvisionerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PREFIX = "prov" + UUID.randomUUID().toString().substring(0, 6) + "_";
    private static Vertx vertx;
    private static TenantEventsPublisher events;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        events = new TenantEventsPublisher();
    }

    @AfterAll
    static void stop() {
        events.close();
        vertx.closeAndAwait();
    }

    @Test
    void convergesWhatArrivedWhileDownThenMigratesEveryTenantToALaterReleaseAtStartup() throws Exception {
        String healthy = "healthy-" + UUID.randomUUID().toString().substring(0, 6);
        String broken = "broken-" + UUID.randomUUID().toString().substring(0, 6);
        // Both tenants are created while no instance of the service runs.
        events.publish(TenantEventsPublisher.snapshot(healthy, "business"));
        events.publish(TenantEventsPublisher.snapshot(broken, "business"));

        Running v1 = Running.start("classpath:db/tenant-v1");
        try {
            await(() -> v1.directory.find(healthy).map(e -> e.state() == TenantState.READY).orElse(false));
            await(() -> v1.directory.find(broken).map(e -> e.state() == TenantState.READY).orElse(false));
            assertEquals("1", v1.directory.find(healthy).orElseThrow().schemaVersion());
            TenantEventsPublisher.awaitReport(broken, "invoicing", "PROVISIONED", 0, WAIT);
            await(() -> v1.outcomes(healthy, "PROVISIONED") >= 1 && v1.outcomes(broken, "PROVISIONED") >= 1);
            assertEquals(0, v1.outcomes(broken, "FAILED"));
        } finally {
            v1.stop();
        }
        insert(database(healthy), "INSERT INTO notes (body) VALUES ('written under release 1')");

        // The next release brings V2: at start-up it reaches every existing tenant database.
        Running v2 = Running.start("classpath:db/tenant-v2");
        try {
            // Ready only once every tenant on the topic has converged: the broken one has used up its attempts.
            ProvisionerReadiness readiness = new ProvisionerReadiness(v2.provisioner, v2.directory);
            AtomicReference<TenantState> brokenWhenReady = new AtomicReference<>();
            await(() -> {
                if (readiness.call().getStatus() != HealthCheckResponse.Status.UP) {
                    return false;
                }
                brokenWhenReady.set(v2.directory.find(broken).map(e -> e.state()).orElse(null));
                return true;
            });
            assertEquals(TenantState.FAILED, brokenWhenReady.get(), "ready with the broken tenant refused, not still trying it");
            await(() -> v2.directory.find(healthy).map(e -> e.state() == TenantState.READY).orElse(false));
            assertEquals("2", v2.directory.find(healthy).orElseThrow().schemaVersion());
            assertEquals("2", scalar(database(healthy), "SELECT max(version) FROM flyway_schema_history WHERE success"));
            assertEquals("written under release 1", scalar(database(healthy), "SELECT body FROM notes"));
            assertTrue(v2.directory.find(broken).orElseThrow().detail().contains("cannot take V2"));
            JsonNode failure = TenantEventsPublisher.awaitReport(broken, "invoicing", "FAILED", 0, WAIT);
            assertTrue(failure.path("detail").asText().contains("V2") || failure.path("detail").asText().contains("cannot take"));
            assertEquals("1", scalar(database(broken), "SELECT max(version) FROM flyway_schema_history WHERE success"));
            // One failure after all the attempts, not one per attempt.
            await(() -> v2.outcomes(broken, "FAILED") == 1);
            assertEquals(0, v2.outcomes(broken, "PROVISIONED"));
        } finally {
            v2.stop();
        }
    }

    private static String database(String slug) {
        return PREFIX + slug.replace('-', '_') + "_invoicing";
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(WAIT).until(condition::getAsBoolean);
    }

    private static String scalar(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database), "postgres", "postgres");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void insert(String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(database), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** One "release" of the invoicing service's provisioner, wired by hand as CDI would. */
    @Test
    void outboxRowsAnEarlierProcessLeftUnsentAreSentOnceItsSuccessorHasCaughtUpWithoutARequest() throws Exception {
        String prefix = "outb" + UUID.randomUUID().toString().substring(0, 6) + "_";
        String slug = "outbox-" + UUID.randomUUID().toString().substring(0, 6);
        TenantOutboxRelay.Outbox outbox = new TenantOutboxRelay.Outbox("work_outbox", Topics.BILLING, "provisioner-test-relay");
        events.publish(TenantEventsPublisher.snapshot(slug, "business"));
        Running first = Running.start("classpath:db/tenant-outbox", "branding", prefix, outbox, "outbox-");
        try {
            await(() -> first.directory.find(slug).map(e -> e.state() == TenantState.READY).orElse(false));
        } finally {
            first.stop();
        }
        // Committed by the first process, which died before its relay sent it.
        String database = prefix + slug.replace('-', '_') + "_branding";
        insert(database, "INSERT INTO work_outbox (payload) VALUES ('left behind by " + slug + "')");

        try (TopicReader reader = new TopicReader(Topics.BILLING)) {
            Running second = Running.start("classpath:db/tenant-outbox", "branding", prefix, outbox, "outbox-");
            try {
                // No request reaches this instance: the catch-up found the row, and the relay sent it once the tenant was served.
                assertEquals(1, reader.await(r -> slug.equals(r.key()) && r.value().equals("left behind by " + slug), 1, WAIT).size());
                Awaitility.await().atMost(WAIT).until(() -> "0".equals(scalar(database, "SELECT count(*) FROM work_outbox WHERE sent_at IS NULL")));
            } finally {
                second.stop();
            }
        }
    }

    private record Running(TenantProvisioner provisioner, TenantDirectory directory, TenantPoolRegistry pools,
                           ProvisioningReporter reporter, SimpleMeterRegistry outcomes, TenantOutboxRelay relay) {

        /** How many times this instance reported {@code outcome} for {@code tenant}. */
        double outcomes(String tenant, String outcome) {
            var counter = outcomes.find(ProvisioningReporter.OUTCOMES).tag("tenant", tenant).tag("service", "invoicing")
                    .tag("outcome", outcome).counter();
            return counter == null ? 0 : counter.count();
        }

        static Running start(String migrationsLocation) {
            return start(migrationsLocation, "invoicing", PREFIX, null, "healthy-", "broken-");
        }

        /**
         * An instance of {@code service} whose tenant databases are named with {@code prefix}, serving the tenants whose slugs
         * start with one of {@code slugs}. The template database is the service's own (ipsc_template_<service>), so two tests
         * with different migrations name different services.
         */
        static Running start(String migrationsLocation, String service, String prefix, TenantOutboxRelay.Outbox outbox, String... slugs) {
            EmbeddedServers servers = EmbeddedServers.get();
            ObjectMapper json = new ObjectMapper().findAndRegisterModules();
            new JsonConfiguration().customize(json);
            ServiceIdentity identity = new ServiceIdentity(service, prefix);
            DatabaseAdmin admin = new DatabaseAdmin("127.0.0.1", servers.postgresPort(), "postgres", "postgres");
            TenantDirectory directory = new TenantDirectory();
            TenantPoolRegistry pools = new TenantPoolRegistry(vertx,
                    new PoolSettings("127.0.0.1", servers.postgresPort(), "postgres", "postgres", 2, 5, Duration.ofSeconds(30)),
                    new SimpleMeterRegistry());
            SimpleMeterRegistry outcomes = new SimpleMeterRegistry();
            ProvisioningReporter reporter = new ProvisioningReporter(identity, json, new TenantMetrics(outcomes), servers.kafkaBootstrapServers());
            TenantOutboxRelay relay = outbox == null ? null
                    : new TenantOutboxRelay(outbox, pools, directory, vertx, servers.kafkaBootstrapServers(), Duration.ZERO);
            Clusters clusters = new Clusters(List.of(new ClusterAddress(Placement.MAIN_CLUSTER, "127.0.0.1", servers.postgresPort(),
                    "postgres", "postgres")));
            TenantProvisioner provisioner = new TenantProvisioner(identity, directory, clusters, new TenantMigrations(admin, migrationsLocation),
                    reporter, pools, new TenantMover(clusters, pools, new SimpleMeterRegistry(), Duration.ofSeconds(5), Duration.ofMinutes(5)), json,
                    servers.kafkaBootstrapServers(), 2, 3, 2, Duration.ofMillis(100),
                    relay == null ? List.of() : List.of(relay)) {
                @Override
                void handle(io.ipsc.tenancy.event.TenantSnapshot snapshot) {
                    // This test's tenants only: the topic is shared with the other tests of this JVM.
                    if (Arrays.stream(slugs).anyMatch(snapshot.slug()::startsWith)) {
                        super.handle(snapshot);
                    }
                }
            };
            provisioner.start(null);
            return new Running(provisioner, directory, pools, reporter, outcomes, relay);
        }

        void stop() {
            if (relay != null) {
                relay.close();
            }
            provisioner.stop(null);
            pools.close();
            reporter.close();
        }
    }
}
