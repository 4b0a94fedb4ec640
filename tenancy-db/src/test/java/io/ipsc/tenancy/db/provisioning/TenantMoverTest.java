package io.ipsc.tenancy.db.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.api.JsonConfiguration;
import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.db.audit.AuditActor;
import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.ipsc.tenancy.db.cluster.Clusters;
import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.db.directory.TenantState;
import io.ipsc.tenancy.db.pool.PoolSettings;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: a tenant's database moved from cluster main to cluster second (two embedded PostgreSQL servers, both
 * {@code wal_level=logical}) by the provisioner, as a domain service does it, while the tenant is written to.
 */
class TenantMoverTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PREFIX = "move" + UUID.randomUUID().toString().substring(0, 6) + "_";
    private static Vertx vertx;
    private static TenantEventsPublisher events;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        events = new TenantEventsPublisher();
        EmbeddedServers.get().secondPostgresPort();
    }

    @AfterAll
    static void stop() {
        events.close();
        vertx.closeAndAwait();
    }

    @Test
    void aTenantWrittenToThroughoutIsMovedWithItsAuditTrailEveryAcknowledgedWriteOnTheTargetAndIdsContinuing() throws Exception {
        Snapshot tenant = TenantEventsPublisher.snapshot("steady-" + UUID.randomUUID().toString().substring(0, 6), "business");
        Node node = Node.start("invoicing", "steady-");
        try {
            events.publish(tenant);
            node.awaitReady(tenant.slug(), "main");
            String database = node.database(tenant.slug());
            for (int i = 0; i < 50; i++) {
                long id = node.insertNote(tenant.slug(), "before " + i);
                node.sql(tenant.slug(), "INSERT INTO note_lines (note_id, line) VALUES ($1, 'line of " + i + "')", id);
            }
            node.sql(tenant.slug(), "UPDATE settings SET value = 'dark' WHERE key = 'theme'", null);

            // A writer that keeps going through the move, as requests would: what it was told is written must be there.
            Map<Long, String> acknowledged = new ConcurrentSkipListMap<>();
            List<Long> inOrder = new CopyOnWriteArrayList<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                int n = 0;
                while (writing.get()) {
                    String body = "during " + n++;
                    try {
                        long id = node.insertNote(tenant.slug(), body);
                        acknowledged.put(id, body);
                        inOrder.add(id);
                    } catch (ApiException e) {
                        refused.incrementAndGet();
                    }
                }
            }, "move-test-writer");
            writer.start();
            int[] atSwitchReport = new int[1];
            try (TopicReader reports = new TopicReader(TenantEventsPublisher.PROVISIONING)) {
                Awaitility.await().atMost(WAIT).until(() -> acknowledged.size() >= 20);
                events.publish(tenant.movedTo("second"));
                JsonNode switched = TenantEventsPublisher.awaitReport(tenant.slug(), "invoicing", "PROVISIONED", tenant.version(), WAIT);
                assertEquals("second", switched.path("cluster").asText());
                int atSwitch = inOrder.size();
                atSwitchReport[0] = atSwitch;
                Awaitility.await().atMost(WAIT).until(() -> inOrder.size() >= atSwitch + 20);
                writing.set(false);
                writer.join(TimeUnit.SECONDS.toMillis(30));

                // COPYING and CATCHING_UP while still on main, then PROVISIONED on second, in that order.
                List<String> progress = new ArrayList<>();
                reports.await(r -> tenant.slug().equals(r.key()), 4, Duration.ofSeconds(10)).stream()
                        .map(r -> read(r.value()))
                        .filter(r -> r.path("tenant_version").asLong() == tenant.version())
                        .forEach(r -> progress.add(r.path("status").asText() + "@" + r.path("cluster").asText()));
                assertEquals(List.of("COPYING@main", "CATCHING_UP@main", "PROVISIONED@second"), progress);
            }
            assertEquals(0, refused.get(), "no write waited longer than the pause");

            // Every acknowledged write is on second, under the tenant's real name; ids went on after the switch.
            Map<Long, String> onTarget = notes(Cluster.SECOND, database);
            for (Map.Entry<Long, String> write : acknowledged.entrySet()) {
                assertEquals(write.getValue(), onTarget.get(write.getKey()), "acknowledged write " + write + " is on the target");
            }
            assertEquals(50 + acknowledged.size(), onTarget.size(), "nothing else, nothing twice");
            assertEquals("50", scalar(Cluster.SECOND, database, "SELECT count(*) FROM note_lines"));
            assertEquals("dark", scalar(Cluster.SECOND, database, "SELECT value FROM settings WHERE key = 'theme'"));
            assertEquals("1", scalar(Cluster.SECOND, database, "SELECT count(*) FROM settings"), "the template's seed row did not stay");
            assertEquals(tenant.slug(), scalar(Cluster.SECOND, database, "SELECT string_agg(slug, ',') FROM ipsc_tenant"));
            // The audit trail came along as data (the target's triggers did not fire again), and goes on on second.
            assertEquals(Integer.toString(onTarget.size()), scalar(Cluster.SECOND, database,
                    "SELECT count(*) FROM ipsc_audit WHERE table_name = 'notes' AND action = 'insert'"));
            assertEquals("1", scalar(Cluster.SECOND, database, "SELECT count(*) FROM ipsc_audit WHERE table_name = 'settings'"));
            long next = node.insertNote(tenant.slug(), "after the move");
            assertTrue(next > onTarget.keySet().stream().mapToLong(Long::longValue).max().orElseThrow());
            node.sql(tenant.slug(), "INSERT INTO note_lines (note_id, line) VALUES ($1, 'a new line')", next);

            // The source is archived with every row, nothing of the move is left.
            assertFalse(exists(Cluster.MAIN, database));
            String archived = scalar(Cluster.MAIN, "postgres",
                    "SELECT datname FROM pg_database WHERE datname LIKE 'archived\\_%' AND datname LIKE '%" + database + "'");
            assertTrue(archived != null, "the source is archived");
            // It holds what was written before the switch, all of it on the target too; every id taken after the
            // switch was reported comes after the source's last one (the sequence was set past it, not reused).
            Map<Long, String> inArchive = notes(Cluster.MAIN, archived);
            assertTrue(inArchive.size() >= 70 && inArchive.size() < onTarget.size(), inArchive.size() + " of " + onTarget.size());
            inArchive.forEach((id, body) -> assertEquals(body, onTarget.get(id)));
            long lastOnSource = inArchive.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            List<Long> afterReport = inOrder.subList(atSwitchReport[0], inOrder.size());
            assertTrue(afterReport.size() >= 20 && afterReport.stream().allMatch(id -> id > lastOnSource),
                    "ids after the switch continue past " + lastOnSource + ": " + afterReport);
            assertNoLeftovers(database);
            assertEquals("second", node.directory.find(tenant.slug()).orElseThrow().cluster());
        } finally {
            node.stop();
        }
    }

    @Test
    void aMoveWhoseCopyFailsIsRolledBackAndTheTenantIsStillServedFromMainWithAllItsData() throws Exception {
        Snapshot tenant = TenantEventsPublisher.snapshot("poison-" + UUID.randomUUID().toString().substring(0, 6), "manufacturing");
        Node node = Node.start("manufacturing", "poison-");
        try {
            events.publish(tenant);
            node.awaitReady(tenant.slug(), "main");
            String database = node.database(tenant.slug());
            node.insertNote(tenant.slug(), "fine");
            node.insertNote(tenant.slug(), "poison");
            // Second's template refuses that row: the initial copy of notes fails there.
            execute(Cluster.SECOND, "ipsc_template_manufacturing",
                    "ALTER TABLE notes ADD CONSTRAINT refuses_poison CHECK (body <> 'poison') NOT VALID");
            try {
                events.publish(tenant.movedTo("second"));
                JsonNode failed = TenantEventsPublisher.awaitReport(tenant.slug(), "manufacturing", "FAILED", tenant.version(), WAIT);
                assertEquals("main", failed.path("cluster").asText());
                assertTrue(failed.path("detail").asText().contains("still served from main"), failed.toString());
            } finally {
                execute(Cluster.SECOND, "ipsc_template_manufacturing", "ALTER TABLE notes DROP CONSTRAINT refuses_poison");
            }
            TenantEntry entry = node.directory.find(tenant.slug()).orElseThrow();
            assertEquals("main", entry.cluster());
            assertEquals(TenantState.READY, entry.state());
            node.insertNote(tenant.slug(), "written after the failed move");
            assertEquals(Set.of("fine", "poison", "written after the failed move"), Set.copyOf(notes(Cluster.MAIN, database).values()));
            assertNoLeftovers(database);
            assertFalse(exists(Cluster.SECOND, database));
        } finally {
            node.stop();
        }
    }

    @Test
    void aMoveToAClusterThisServiceHasNoAddressForFailsWithoutTouchingTheSource() throws Exception {
        Snapshot tenant = TenantEventsPublisher.snapshot("nowhere-" + UUID.randomUUID().toString().substring(0, 6), "business");
        Node node = Node.start("invoicing", "nowhere-");
        try {
            events.publish(tenant);
            node.awaitReady(tenant.slug(), "main");
            node.insertNote(tenant.slug(), "kept");
            events.publish(tenant.movedTo("third"));
            JsonNode failed = TenantEventsPublisher.awaitReport(tenant.slug(), "invoicing", "FAILED", tenant.version(), WAIT);
            assertEquals("main", failed.path("cluster").asText());
            assertEquals(Set.of("kept"), Set.copyOf(notes(Cluster.MAIN, node.database(tenant.slug())).values()));
            node.insertNote(tenant.slug(), "still served");
        } finally {
            node.stop();
        }
    }

    /**
     * A process killed at each step of a move (simulated: the mover stops there and nothing is undone) leaves something
     * the next start recognises: before the copy is final it is rolled back and the move made again, after it the
     * switch is finished. Either way the tenant ends on second with all its rows, and nothing of the move is left.
     */
    @ParameterizedTest
    @ValueSource(strings = {"copying", "blocked", "final", "archived"})
    void aMoveKilledAtAnyStepIsFinishedOrRolledBackAndMadeAgainAtTheNextStart(String step) throws Exception {
        String prefix = "killed-" + step.replace('_', '-') + "-";
        Snapshot tenant = TenantEventsPublisher.snapshot(prefix + UUID.randomUUID().toString().substring(0, 6), "business");
        Node first = Node.start("invoicing", prefix);
        String database = first.database(tenant.slug());
        try {
            events.publish(tenant);
            first.awaitReady(tenant.slug(), "main");
            for (int i = 0; i < 10; i++) {
                first.insertNote(tenant.slug(), "note " + i);
            }
            var halted = first.mover.haltAfter(step);
            events.publish(tenant.movedTo("second"));
            halted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            first.stop();
        }

        Node second = Node.start("invoicing", prefix);
        try {
            second.awaitReady(tenant.slug(), "second");
            assertEquals(10, notes(Cluster.SECOND, database).size());
            long id = second.insertNote(tenant.slug(), "after the restart");
            assertEquals(11, notes(Cluster.SECOND, database).size());
            assertTrue(id > 10, "ids continue after the source's: " + id);
            assertFalse(exists(Cluster.MAIN, database));
            assertNoLeftovers(database);
        } finally {
            second.stop();
        }
    }

    private static void assertNoLeftovers(String database) throws Exception {
        for (Cluster cluster : Cluster.values()) {
            assertFalse(exists(cluster, TenantMover.movingName(database)), "no copy left on " + cluster);
            assertEquals("0", scalar(cluster, "postgres", "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '"
                    + TenantMover.slotName(database) + "'"), "no slot left on " + cluster);
            assertEquals("0", scalar(cluster, "postgres", "SELECT count(*) FROM pg_database WHERE NOT datallowconn AND datname <> 'template0'"),
                    "every database on " + cluster + " accepts sessions");
        }
        for (Cluster cluster : Cluster.values()) {
            if (exists(cluster, database)) {
                assertEquals("0", scalar(cluster, database, "SELECT count(*) FROM pg_publication"));
                assertEquals("0", scalar(cluster, database, "SELECT count(*) FROM pg_subscription"));
                assertEquals(null, scalar(cluster, database,
                        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"));
            }
        }
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    enum Cluster {
        MAIN, SECOND;

        String url(String database) {
            return this == MAIN ? EmbeddedServers.get().jdbcUrl(database) : EmbeddedServers.get().secondJdbcUrl(database);
        }
    }

    private static boolean exists(Cluster cluster, String database) throws Exception {
        return "1".equals(scalar(cluster, "postgres", "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'"));
    }

    private static Map<Long, String> notes(Cluster cluster, String database) throws Exception {
        Map<Long, String> notes = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(cluster.url(database), "postgres", "postgres");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, body FROM notes")) {
            while (rs.next()) {
                notes.put(rs.getLong(1), rs.getString(2));
            }
        }
        return notes;
    }

    private static String scalar(Cluster cluster, String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.url(database), "postgres", "postgres");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void execute(Cluster cluster, String database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.url(database), "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** One instance of a service on both clusters, wired by hand as CDI would, serving the tenants whose slugs start with {@code slugs}. */
    private record Node(TenantProvisioner provisioner, TenantDirectory directory, TenantPoolRegistry pools, TenantMover mover,
                        ProvisioningReporter reporter, ServiceIdentity identity) {

        static Node start(String service, String slugs) {
            EmbeddedServers servers = EmbeddedServers.get();
            ObjectMapper json = new ObjectMapper().findAndRegisterModules();
            new JsonConfiguration().customize(json);
            ServiceIdentity identity = new ServiceIdentity(service, PREFIX);
            Clusters clusters = new Clusters(List.of(
                    new ClusterAddress("main", "127.0.0.1", servers.postgresPort(), "postgres", "postgres"),
                    new ClusterAddress("second", "127.0.0.1", servers.secondPostgresPort(), "postgres", "postgres")));
            TenantDirectory directory = new TenantDirectory();
            TenantPoolRegistry pools = new TenantPoolRegistry(vertx,
                    new PoolSettings("127.0.0.1", servers.postgresPort(), "postgres", "postgres", 2, 10, Duration.ofSeconds(30)),
                    clusters, new SimpleMeterRegistry(), Duration.ofSeconds(5));
            ProvisioningReporter reporter = new ProvisioningReporter(identity, json, new TenantMetrics(new SimpleMeterRegistry()),
                    servers.kafkaBootstrapServers());
            TenantMover mover = new TenantMover(clusters, pools, Duration.ofSeconds(5), Duration.ofMinutes(2));
            TenantProvisioner provisioner = new TenantProvisioner(identity, directory, clusters,
                    new TenantMigrations(clusters.admin("main"), "classpath:db/tenant-move"), reporter, pools, mover, json,
                    servers.kafkaBootstrapServers(), 2, 3, 2, Duration.ofMillis(100), List.of()) {
                @Override
                void handle(TenantSnapshot snapshot) {
                    // This test's tenants only: the topic is shared with the other tests of this JVM.
                    if (snapshot.slug().startsWith(slugs)) {
                        super.handle(snapshot);
                    }
                }
            };
            provisioner.start(null);
            return new Node(provisioner, directory, pools, mover, reporter, identity);
        }

        String database(String slug) {
            return identity.databaseFor(slug);
        }

        void awaitReady(String slug, String cluster) {
            Awaitility.await().atMost(WAIT).until(() -> directory.find(slug)
                    .map(e -> e.state() == TenantState.READY && e.cluster().equals(cluster)).orElse(false));
        }

        /** As a request handler writes: through the registry, on the pool of wherever the directory says the tenant is. */
        long insertNote(String slug, String body) {
            TenantEntry entry = directory.find(slug).orElseThrow();
            return pools.withPool(entry, AuditActor.SYSTEM, pool -> pool.preparedQuery("INSERT INTO notes (body) VALUES ($1) RETURNING id")
                    .execute(Tuple.of(body))).await().atMost(Duration.ofSeconds(30)).iterator().next().getLong(0);
        }

        void sql(String slug, String sql, Long parameter) {
            TenantEntry entry = directory.find(slug).orElseThrow();
            pools.withPool(entry, AuditActor.SYSTEM, pool -> parameter == null ? pool.query(sql).execute()
                    : pool.preparedQuery(sql).execute(Tuple.of(parameter))).await().atMost(Duration.ofSeconds(30));
        }

        void stop() {
            provisioner.stop(null);
            pools.close();
            reporter.close();
        }
    }
}
