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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

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
            // The fresh copy is marked with its version in the commit of its identity row: a restart reads the mark.
            assertEquals(SchemaMark.of("1", SchemaMark.thisMonth()), mark(database(healthy)));
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
            // Its mark of version 1 no longer matched the template: the catch-up read it, migrated it and marked it anew.
            assertEquals(SchemaMark.of("2", SchemaMark.thisMonth()), mark(database(healthy)));
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

    @Test
    void aNewTenantsDatabaseIsASpareCopyRenamedAndTheSpareIsMadeAgainAtTheTemplatesNextVersion() throws Exception {
        String prefix = "spare" + UUID.randomUUID().toString().substring(0, 6) + "_";
        String tenant = "spare-" + UUID.randomUUID().toString().substring(0, 6);
        String database = prefix + tenant.replace('-', '_') + "_manufacturing";
        Running v1 = Running.start("classpath:db/tenant-v1", "manufacturing", prefix, null, 1, "spare-");
        try {
            // Made once the provisioner is idle, before any tenant asks for it.
            await(() -> spares("1").size() == 1);
            String spare = spares("1").get(0);
            String spareOid = scalar("postgres", "SELECT oid::text FROM pg_database WHERE datname = '" + spare + "'");

            events.publish(TenantEventsPublisher.snapshot(tenant, "manufacturing"));
            await(() -> v1.directory.find(tenant).map(e -> e.state() == TenantState.READY).orElse(false));
            assertEquals(spareOid, scalar("postgres", "SELECT oid::text FROM pg_database WHERE datname = '" + database + "'"),
                    "the tenant's database is the spare, renamed");
            assertEquals(tenant, scalar(database, "SELECT slug FROM ipsc_tenant"));
            assertEquals("1", v1.directory.find(tenant).orElseThrow().schemaVersion());
            // And the next tenant finds a spare again.
            await(() -> spares("1").size() == 1 && !spares("1").contains(spare));
        } finally {
            v1.stop();
        }

        // The next release migrates the template to version 2: a spare copied at version 1 is no longer taken, but replaced.
        Running v2 = Running.start("classpath:db/tenant-v2", "manufacturing", prefix, null, 1, "spare-");
        try {
            await(() -> spares("1").isEmpty() && spares("2").size() == 1);
            assertEquals("2", scalar(database, "SELECT max(version) FROM flyway_schema_history WHERE success"));
        } finally {
            v2.stop();
        }
    }

    /**
     * A benchmark, not a test (run with {@code -Dipsc.bench=true -Dtest=TenantProvisionerTest#bench*}): one tenant at a
     * time, {@code ipsc.bench.tenants} (10) times, with no spare database and with two, in turns (ABAB): the time from
     * the snapshot's publication to the tenant READY here (consumer, database, identity, report acknowledged) and the
     * provisioner's own steps. The tests' PostgreSQL runs with fsync off, the suite's with it on: compare the two sides,
     * not these figures with the suite's.
     */
    @Test
    @EnabledIfSystemProperty(named = "ipsc.bench", matches = "true")
    void benchOneTenantAtATimeWithoutAndWithSpareDatabases() throws Exception {
        int tenants = Integer.getInteger("ipsc.bench.tenants", 10);
        for (int round = 1; round <= 2; round++) {
            for (int spares : new int[]{0, 2}) {
                String prefix = unique("bench") + "_";
                // The topic is the JVM's: each round serves only its own tenants.
                String slugs = "bench-" + UUID.randomUUID().toString().substring(0, 4) + "-";
                Running running = Running.start("classpath:db/tenant-v1", "manufacturing", prefix, null, spares, slugs);
                try {
                    if (spares > 0) {
                        await(() -> spares("1").size() >= spares);
                    } else {
                        await(() -> running.provisioner.caughtUp());
                    }
                    List<Long> millis = new java.util.ArrayList<>();
                    for (int i = 0; i < tenants; i++) {
                        String slug = slugs + UUID.randomUUID().toString().substring(0, 8);
                        long started = System.nanoTime();
                        events.publish(TenantEventsPublisher.snapshot(slug, "manufacturing"));
                        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(2))
                                .until(() -> running.directory.find(slug).map(e -> e.state() == TenantState.READY).orElse(false));
                        millis.add((System.nanoTime() - started) / 1_000_000);
                        // The next tenant after the spares were made again, as singles spaced in time find them.
                        if (spares > 0) {
                            await(() -> spares("1").size() >= spares);
                        }
                    }
                    millis.sort(Long::compare);
                    StringBuilder steps = new StringBuilder();
                    running.outcomes.find(ProvisioningSteps.STEP_SECONDS).timers().forEach(t -> steps.append(String.format(" %s %.0f ms (%d),",
                            t.getId().getTag("step"), t.mean(java.util.concurrent.TimeUnit.MILLISECONDS), t.count())));
                    System.out.printf("BENCH round %d, %d spare(s): snapshot to READY p50 %d ms (min %d, max %d) of %d; steps:%s load %s%n",
                            round, spares, millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1), tenants, steps,
                            loadAverage());
                } finally {
                    running.stop();
                }
            }
        }
    }

    /**
     * A benchmark, not a test ({@code -Dipsc.bench=true -Dtest=TenantProvisionerTest#benchBurst*}): {@code ipsc.bench.burst}
     * (100) new tenants' snapshots published at once to one service, with no spare database and with as many spares as
     * tenants, in turns (ABAB): from the first publication to every tenant READY here, and the provisioner's steps. One
     * service of the suite's three per dental clinic, fsync off: compare the two sides, not these figures with the suite's.
     */
    @Test
    @EnabledIfSystemProperty(named = "ipsc.bench", matches = "true")
    void benchBurstWithoutAndWithSpareDatabases() throws Exception {
        int burst = Integer.getInteger("ipsc.bench.burst", 100);
        for (int round = 1; round <= 2; round++) {
            for (int spares : new int[]{0, burst}) {
                String prefix = unique("burst") + "_";
                String slugs = "burst-" + UUID.randomUUID().toString().substring(0, 4) + "-";
                Running running = Running.start("classpath:db/tenant-v1", "manufacturing", prefix, null, spares, slugs);
                try {
                    Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                            .until(() -> running.provisioner.caughtUp() && spares("1").size() >= spares);
                    List<String> tenants = new java.util.ArrayList<>();
                    for (int i = 0; i < burst; i++) {
                        tenants.add(slugs + UUID.randomUUID().toString().substring(0, 8));
                    }
                    long started = System.nanoTime();
                    tenants.forEach(slug -> events.publish(TenantEventsPublisher.snapshot(slug, "manufacturing")));
                    Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10))
                            .until(() -> tenants.stream().allMatch(slug ->
                                    running.directory.find(slug).map(e -> e.state() == TenantState.READY).orElse(false)));
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    StringBuilder steps = new StringBuilder();
                    running.outcomes.find(ProvisioningSteps.STEP_SECONDS).timers().forEach(t -> steps.append(String.format(" %s %.0f ms (%d),",
                            t.getId().getTag("step"), t.mean(java.util.concurrent.TimeUnit.MILLISECONDS), t.count())));
                    System.out.printf("BENCH round %d, %d tenants at once, %d spare(s): all READY after %d ms; steps:%s load %s%n",
                            round, burst, spares, millis, steps, loadAverage());
                } finally {
                    running.stop();
                    // The next side starts without this one's leftover spares.
                    for (String spare : spares("1")) {
                        dropDatabase(spare);
                    }
                }
            }
        }
    }

    /**
     * A benchmark, not a test ({@code -Dipsc.bench=true}): the start-up catch-up of {@code ipsc.bench.databases} (300)
     * tenant databases, with their marks removed (every database connected to and read, as before the marks) and with
     * them, in turns (ABAB).
     */
    @Test
    @EnabledIfSystemProperty(named = "ipsc.bench", matches = "true")
    void benchCatchUpWithoutAndWithMarks() throws Exception {
        int count = Integer.getInteger("ipsc.bench.databases", 300);
        String prefix = unique("cu") + "_";
        Running running = Running.start("classpath:db/tenant-v1", "manufacturing", prefix, null, 0, "cu-");
        DatabaseAdmin admin = new DatabaseAdmin("127.0.0.1", EmbeddedServers.get().postgresPort(), "postgres", "postgres");
        try {
            await(() -> running.provisioner.caughtUp());
            java.util.concurrent.ExecutorService copiers = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<?>> copies = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                String database = String.format("%scu_%04d_manufacturing", prefix, i);
                copies.add(copiers.submit(() -> {
                    admin.createFromTemplate(database, "ipsc_template_manufacturing");
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> copy : copies) {
                copy.get();
            }
            copiers.shutdown();
            for (int round = 1; round <= 2; round++) {
                insert("postgres", "DO $$ DECLARE d text; BEGIN FOR d IN SELECT datname FROM pg_database WHERE starts_with(datname, '"
                        + prefix + "') LOOP EXECUTE format('COMMENT ON DATABASE %I IS NULL', d); END LOOP; END $$");
                long started = System.nanoTime();
                running.provisioner.catchUpExistingDatabases();
                long unmarked = (System.nanoTime() - started) / 1_000_000;
                started = System.nanoTime();
                running.provisioner.catchUpExistingDatabases();
                long marked = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("BENCH round %d: catch-up of %d databases, unmarked %d ms, marked %d ms; load %s%n", round, count,
                        unmarked, marked, loadAverage());
            }
        } finally {
            running.stop();
            for (String database : admin.list(prefix, "_manufacturing")) {
                admin.drop(database);
            }
        }
    }

    /**
     * A benchmark, not a test ({@code -Dipsc.bench=true}): a service starting with {@code ipsc.bench.databases} (300)
     * tenants on the topic, each with its database: the time from the start until ready (template, catch-up, every
     * snapshot converged and reported), first with the databases unmarked (as before the marks), then again, marked.
     */
    @Test
    @EnabledIfSystemProperty(named = "ipsc.bench", matches = "true")
    void benchStartWithManyTenantsUnmarkedThenMarked() throws Exception {
        int count = Integer.getInteger("ipsc.bench.databases", 300);
        String prefix = unique("st") + "_";
        String slugs = unique("st-") + "-";
        DatabaseAdmin admin = new DatabaseAdmin("127.0.0.1", EmbeddedServers.get().postgresPort(), "postgres", "postgres");
        Running first = Running.start("classpath:db/tenant-v1", "manufacturing", prefix, null, 0, slugs);
        try {
            await(() -> first.provisioner.caughtUp());
        } finally {
            first.stop();
        }
        java.util.concurrent.ExecutorService copiers = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> copies = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String slug = String.format("%s%04d", slugs, i);
            events.publish(TenantEventsPublisher.snapshot(slug, "manufacturing"));
            String database = prefix + slug.replace('-', '_') + "_manufacturing";
            copies.add(copiers.submit(() -> {
                admin.createFromTemplate(database, "ipsc_template_manufacturing");
                insert(database, "INSERT INTO ipsc_tenant (slug) VALUES ('" + slug + "')");
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> copy : copies) {
            copy.get();
        }
        copiers.shutdown();
        try {
            for (String state : new String[]{"unmarked", "marked"}) {
                long started = System.nanoTime();
                Running running = Running.start("classpath:db/tenant-v1", "manufacturing", prefix, null, 0, slugs);
                try {
                    Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(10))
                            .until(() -> running.provisioner.caughtUp());
                    System.out.printf("BENCH start with %d tenants, databases %s: ready after %d ms; load %s%n", count, state,
                            (System.nanoTime() - started) / 1_000_000,
                            loadAverage());
                } finally {
                    running.stop();
                }
            }
        } finally {
            for (String database : admin.list(prefix, "_manufacturing")) {
                admin.drop(database);
            }
        }
    }

    private static String unique(String start) {
        return start + UUID.randomUUID().toString().substring(0, 6);
    }

    /** The machine's load average, printed with every benchmark figure. */
    private static String loadAverage() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    }

    /** This JVM's spare databases of manufacturing marked with {@code version}. */
    private static List<String> spares(String version) {
        List<String> names = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl("postgres"), "postgres", "postgres");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
                     + "WHERE datname LIKE 'ipsc\\_spare\\_manufacturing\\_%' ORDER BY datname")) {
            while (rs.next()) {
                if (SchemaMark.current(rs.getString(2), version, SchemaMark.thisMonth())) {
                    names.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private static void dropDatabase(String database) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl("postgres"), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
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

    private static String mark(String database) throws Exception {
        return scalar("postgres", "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '" + database + "'");
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
        Running first = Running.start("classpath:db/tenant-outbox", "branding", prefix, outbox, 0, "outbox-");
        try {
            await(() -> first.directory.find(slug).map(e -> e.state() == TenantState.READY).orElse(false));
        } finally {
            first.stop();
        }
        // Committed by the first process, which died before its relay sent it.
        String database = prefix + slug.replace('-', '_') + "_branding";
        insert(database, "INSERT INTO work_outbox (payload) VALUES ('left behind by " + slug + "')");

        try (TopicReader reader = new TopicReader(Topics.BILLING)) {
            Running second = Running.start("classpath:db/tenant-outbox", "branding", prefix, outbox, 0, "outbox-");
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
            return start(migrationsLocation, "invoicing", PREFIX, null, 0, "healthy-", "broken-");
        }

        /**
         * An instance of {@code service} whose tenant databases are named with {@code prefix}, serving the tenants whose slugs
         * start with one of {@code slugs}. The template database is the service's own (ipsc_template_<service>), so two tests
         * with different migrations name different services.
         */
        static Running start(String migrationsLocation, String service, String prefix, TenantOutboxRelay.Outbox outbox, int spares,
                             String... slugs) {
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
                    relay == null ? List.of() : List.of(relay), new ProvisioningSteps(outcomes), new SpareDatabases(identity, spares)) {
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
