package io.ipsc.tenancy.db.pool;

import io.ipsc.tenancy.db.audit.AuditActor;
import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.ipsc.tenancy.db.cluster.UnknownClusterException;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.testsupport.EmbeddedServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Against a real embedded PostgreSQL: what the registry promises about databases, connections and metrics. */
class TenantPoolRegistryTest {

    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final Duration LONG_IDLE = Duration.ofSeconds(60);

    private static EmbeddedServers servers;
    private static Vertx vertx;

    private final List<TenantPoolRegistry> registries = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        servers = EmbeddedServers.get();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.closeAndAwait();
    }

    @AfterEach
    void closeRegistries() {
        registries.forEach(TenantPoolRegistry::close);
    }

    @Test
    void eachTenantPoolTalksToItsOwnDatabase() {
        String prefix = uniquePrefix();
        TenantPoolRegistry registry = registry(4, 5, LONG_IDLE, new SimpleMeterRegistry());
        List<String> slugs = List.of("acme", "globex", "initech");
        slugs.forEach(slug -> servers.createDatabase(prefix + slug));

        for (String slug : slugs) {
            registry.withPool(slug, prefix + slug, pool -> pool.query("CREATE TABLE marker (tenant text)").execute()
                            .chain(() -> pool.preparedQuery("INSERT INTO marker VALUES ($1)").execute(Tuple.of(slug))))
                    .await().atMost(AWAIT);
        }

        for (String slug : slugs) {
            Row row = registry.withPool(slug, prefix + slug, pool -> pool
                            .query("SELECT current_database() AS db, (SELECT string_agg(tenant, ',') FROM marker) AS tenants")
                            .execute())
                    .await().atMost(AWAIT).iterator().next();
            assertEquals(prefix + slug, row.getString("db"));
            assertEquals(slug, row.getString("tenants"), "the marker of " + slug + " only, in its own database");
        }
        assertEquals(Set.copyOf(slugs), registry.openTenants());
        assertEquals(3, registry.openPools());
    }

    @Test
    void openPoolsAndConnectionsStayUnderTheCapWhateverTheNumberOfTenants() throws Exception {
        String prefix = uniquePrefix();
        int maxOpenPools = 5;
        int maxSizePerTenant = 2;
        int tenants = 30;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TenantPoolRegistry registry = registry(maxSizePerTenant, maxOpenPools, LONG_IDLE, meters);
        for (int i = 0; i < tenants; i++) {
            servers.createDatabase(prefix + i);
        }

        try (ConnectionSampler sampler = new ConnectionSampler(prefix, registry)) {
            for (int i = 0; i < tenants; i++) {
                String database = registry.withPool("t" + i, prefix + i, pool -> pool
                                .query("SELECT current_database() AS db").execute())
                        .await().atMost(AWAIT).iterator().next().getString("db");
                assertEquals(prefix + i, database);
                assertTrue(registry.openPools() <= maxOpenPools, "open pools: " + registry.openPools());
                int connections = connectionsTo(prefix);
                assertTrue(connections <= maxOpenPools * maxSizePerTenant, "connections: " + connections);
            }
            assertEquals(maxOpenPools, registry.openPools());

            // Each call holds its pool long enough that the calls overlap and the busy cap is reached.
            List<Outcome> outcomes = runConcurrently(tenants, i -> registry.withPool("t" + i, prefix + i,
                    pool -> pool.query("SELECT pg_sleep(0.3), current_database() AS db").execute()
                            .map(rows -> rows.iterator().next().getString("db"))), i -> prefix + i);

            long succeeded = outcomes.stream().filter(Outcome::succeeded).count();
            long tooBusy = outcomes.stream().filter(Outcome::rejectedAsTooBusy).count();
            for (Outcome outcome : outcomes) {
                assertTrue(outcome.succeeded() || outcome.rejectedAsTooBusy(), outcome.toString());
            }
            assertTrue(succeeded >= maxOpenPools, "at least one call per pool succeeds: " + succeeded);
            assertTrue(tooBusy >= 1, "30 overlapping calls cannot all fit in 5 pools");
            assertEquals(tooBusy, (long) meters.get(PoolMetrics.REJECTED).counter().count());

            // Every slot came back after the turnover: five new tenants at once all get a pool.
            List<Outcome> again = runConcurrently(maxOpenPools, i -> registry.withPool("t" + (20 + i), prefix + (20 + i),
                    pool -> pool.query("SELECT pg_sleep(0.3), current_database() AS db").execute()
                            .map(rows -> rows.iterator().next().getString("db"))), i -> prefix + (20 + i));
            again.forEach(outcome -> assertTrue(outcome.succeeded(), outcome.toString()));

            assertTrue(sampler.maxOpenPools() <= maxOpenPools, "open pools peaked at " + sampler.maxOpenPools());
            assertTrue(sampler.maxConnections() <= maxOpenPools * maxSizePerTenant,
                    "connections peaked at " + sampler.maxConnections());
            assertTrue(sampler.maxConnections() > 0, "the sampler saw the tenants' connections");
        }
    }

    @Test
    void idlePoolsAreClosedAndWorkInFlightKeepsAPoolOpen() throws Exception {
        String prefix = uniquePrefix();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // The registry's clock moves only when the test moves it: no waiting for the idle timeout to pass.
        AtomicLong clock = new AtomicLong();
        Duration idleTimeout = Duration.ofSeconds(1);
        TenantPoolRegistry registry = registry(2, 5, idleTimeout, meters, clock::get);
        for (int i = 0; i < 3; i++) {
            servers.createDatabase(prefix + i);
        }
        for (int i = 0; i < 3; i++) {
            registry.withPool("t" + i, prefix + i, pool -> pool.query("SELECT 1").execute()).await().atMost(AWAIT);
        }
        assertEquals(3, registry.openPools());
        assertTrue(connectionsTo(prefix) > 0, "the pools hold connections while in use");

        clock.addAndGet(idleTimeout.minusMillis(1).toNanos());
        registry.evictIdle();
        assertEquals(3, registry.openPools(), "a millisecond short of the idle timeout, every pool stays");

        clock.addAndGet(Duration.ofMillis(1).toNanos());
        registry.evictIdle();
        assertEquals(0, registry.openPools());
        await().atMost(AWAIT).untilAsserted(() -> assertEquals(0, connectionsTo(prefix), "idle eviction closed the connections"));
        assertEquals(3.0, evicted(meters, "idle"));

        // Work that runs past the idle timeout keeps its pool: only pools with nothing in flight are evicted.
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Object> held = hold(registry, prefix, "0", release);
        await().atMost(AWAIT).until(() -> registry.state("0").inFlight() == 1);
        clock.addAndGet(idleTimeout.multipliedBy(3).toNanos());
        registry.evictIdle();
        assertEquals(Set.of("0"), registry.openTenants());

        release.complete(null);
        held.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        registry.evictIdle();
        assertEquals(Set.of("0"), registry.openTenants(), "idle time counts from the end of the last work");
        clock.addAndGet(idleTimeout.toNanos());
        registry.evictIdle();
        assertEquals(Set.of(), registry.openTenants());
    }

    @Test
    void closingATenantPoolLetsItsDatabaseBeRenamed() throws Exception {
        String prefix = uniquePrefix();
        TenantPoolRegistry registry = registry(4, 5, LONG_IDLE, new SimpleMeterRegistry());
        servers.createDatabase(prefix + "doomed");
        servers.createDatabase(prefix + "kept");
        registry.withPool("doomed", prefix + "doomed", pool -> pool.query("SELECT 1").execute()).await().atMost(AWAIT);
        registry.withPool("kept", prefix + "kept", pool -> pool.query("SELECT 1").execute()).await().atMost(AWAIT);

        SQLException inUse = assertThrows(SQLException.class, () -> renameDatabase(prefix + "doomed", prefix + "deleted"));
        assertEquals("55006", inUse.getSQLState(), "the open pool holds a connection to the database");

        registry.close("doomed").await().atMost(AWAIT);

        assertEquals(Set.of("kept"), registry.openTenants());
        renameDatabase(prefix + "doomed", prefix + "deleted");
        registry.close("doomed").await().atMost(AWAIT);
        registry.close("never-opened").await().atMost(AWAIT);
    }

    @Test
    void metricsFollowOpeningEvictionRejectionAndWorkInFlight() throws Exception {
        String prefix = uniquePrefix();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TenantPoolRegistry registry = registry(2, 2, LONG_IDLE, meters);
        for (String slug : List.of("a", "b", "c")) {
            servers.createDatabase(prefix + slug);
        }
        assertEquals(2.0, meters.get(PoolMetrics.MAX).gauge().value());
        assertEquals(0.0, meters.get(PoolMetrics.OPEN).gauge().value());

        query(registry, prefix, "a");
        query(registry, prefix, "b");
        assertEquals(2.0, meters.get(PoolMetrics.OPENED).counter().count());
        assertEquals(2.0, meters.get(PoolMetrics.OPEN).gauge().value());

        query(registry, prefix, "c");
        assertEquals(3.0, meters.get(PoolMetrics.OPENED).counter().count());
        assertEquals(1.0, evicted(meters, "capacity"), "a, least recently used, made room for c");
        assertEquals(Set.of("b", "c"), registry.openTenants());
        assertEquals(2.0, meters.get(PoolMetrics.OPEN).gauge().value());

        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Object> holdB = hold(registry, prefix, "b", release);
        CompletableFuture<Object> holdC = hold(registry, prefix, "c", release);
        assertEquals(2.0, meters.get(PoolMetrics.IN_FLIGHT).gauge().value());

        ApiException busy = assertThrows(ApiException.class, () -> query(registry, prefix, "a"));
        assertEquals(503, busy.status());
        assertEquals("TOO_BUSY", busy.code());
        assertEquals(Map.of("Retry-After", "1"), busy.headers());
        assertEquals(1.0, meters.get(PoolMetrics.REJECTED).counter().count());
        assertEquals(1.0, evicted(meters, "capacity"), "a busy pool is never evicted");

        release.complete(null);
        holdB.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        holdC.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0.0, meters.get(PoolMetrics.IN_FLIGHT).gauge().value());

        // Failed and cancelled work must not leave the pool counted as busy.
        assertThrows(RuntimeException.class, () -> registry.withPool("b", prefix + "b",
                pool -> pool.query("SELECT * FROM no_such_table").execute()).await().atMost(AWAIT));
        Cancellable cancelled = registry.withPool("c", prefix + "c",
                pool -> Uni.createFrom().nothing()).subscribe().with(item -> fail("never emits"));
        assertEquals(1.0, meters.get(PoolMetrics.IN_FLIGHT).gauge().value());
        cancelled.cancel();
        assertEquals(0.0, meters.get(PoolMetrics.IN_FLIGHT).gauge().value());
        query(registry, prefix, "a");
        assertEquals(2.0, evicted(meters, "capacity"));
        assertEquals(4.0, meters.get(PoolMetrics.OPENED).counter().count());

        registry.close();
        assertNull(meters.find(PoolMetrics.OPEN).gauge(), "a closed registry leaves no stale gauges behind");
    }

    @Test
    void aCallerFindingEveryPoolBusyWaitsForOneToFreeUpAndIsRefusedOnlyAfterTheBusyWait() throws Exception {
        String prefix = uniquePrefix();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TenantPoolRegistry registry = registry(2, 2, LONG_IDLE, meters, System::nanoTime, Duration.ofSeconds(5));
        for (String slug : List.of("a", "b", "c")) {
            servers.createDatabase(prefix + slug);
        }
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Object> holdA = hold(registry, prefix, "a", release);
        CompletableFuture<Object> holdB = hold(registry, prefix, "b", release);
        assertEquals(2.0, meters.get(PoolMetrics.IN_FLIGHT).gauge().value());

        // c finds both pools busy and waits; once their work ends, c gets a pool (one of theirs, evicted) and runs:
        // after the release, never before (a busy pool is never taken from under its work).
        AtomicLong cRanAt = new AtomicLong();
        CompletableFuture<String> c = registry.withPool("c", prefix + "c", pool -> {
            cRanAt.set(System.nanoTime());
            return pool.query("SELECT current_database() AS db").execute().map(rows -> rows.iterator().next().getString("db"));
        }).subscribeAsCompletionStage();
        Thread.sleep(300); // gives c time to find the pools busy; the assertion below holds however long this takes
        long releasedAt = System.nanoTime();
        release.complete(null);
        assertEquals(prefix + "c", c.get(AWAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(cRanAt.get() > releasedAt, "c ran only once a pool was free");
        holdA.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        holdB.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0.0, meters.get(PoolMetrics.REJECTED).counter().count(), "nobody was refused");

        // Pools that stay busy past the wait: refused with the 503, counted once.
        SimpleMeterRegistry impatientMeters = new SimpleMeterRegistry();
        TenantPoolRegistry impatient = registry(2, 2, LONG_IDLE, impatientMeters, System::nanoTime, Duration.ofMillis(200));
        CompletableFuture<Void> never = new CompletableFuture<>();
        hold(impatient, prefix, "a", never);
        hold(impatient, prefix, "b", never);
        long started = System.nanoTime();
        ApiException busy = assertThrows(ApiException.class, () -> query(impatient, prefix, "c"));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals("TOO_BUSY", busy.code());
        assertTrue(waitedMillis >= 200, "refused only after the busy wait: " + waitedMillis + " ms");
        assertEquals(1.0, impatientMeters.get(PoolMetrics.REJECTED).counter().count());
        never.complete(null);
    }

    /** Issue 20: pools keyed by (cluster, tenant), against two real PostgreSQL servers. */
    @Test
    void aTenantsPoolOnEachClusterTalksToThatClustersServer() throws Exception {
        // The same database name on both servers, as a tenant's database has on its old and new cluster during a move.
        String database = "pooltest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_acme";
        TenantPoolRegistry registry = onBothClusters(database, TenantPoolRegistry.DEFAULT_MOVE_PAUSE);
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
    }

    /**
     * Issue 20, a move's switch as the registry sees it: a paused tenant's new work waits (and then goes to the cluster the
     * tenant was switched to, even work that named the old one), work in flight is waited for, and work that waits past
     * the pause is refused with 503 TENANT_MOVING and Retry-After, never run on the old database.
     */
    @Test
    void aPausedTenantsWorkWaitsForTheSwitchGoesToTheNewClusterAndIsRefusedOnlyPastThePause() throws Exception {
        String database = uniquePrefix() + "moving";
        TenantPoolRegistry registry = onBothClusters(database, Duration.ofMillis(400));
        assertEquals(servers.postgresPort(), serverPort(registry, "main", database));

        // Work in flight when the pause begins finishes on main; the switch waits for it.
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Integer> inFlight = registry.withPool("main", "acme", database, AuditActor.SYSTEM,
                pool -> pool.query("SELECT inet_server_port() AS port").execute()
                        .chain(rows -> Uni.createFrom().completionStage(release.copy()).replaceWith(rows.iterator().next().getInteger("port"))))
                .subscribeAsCompletionStage();
        await().atMost(AWAIT).until(() -> registry.state("acme").inFlight() == 1);
        registry.pause("acme");
        assertFalse(registry.awaitIdle("acme", Duration.ofMillis(50)), "work is in flight");
        // New work, naming main as a caller that looked the tenant up before the switch would, waits.
        CompletableFuture<Integer> held = registry.withPool("main", "acme", database, AuditActor.SYSTEM,
                pool -> pool.query("SELECT inet_server_port() AS port").execute().map(rows -> rows.iterator().next().getInteger("port")))
                .subscribeAsCompletionStage();
        release.complete(null);
        assertEquals(servers.postgresPort(), inFlight.get(AWAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(registry.awaitIdle("acme", AWAIT));
        assertFalse(held.isDone(), "held while paused");
        registry.switchCluster("acme", "main", "second");
        registry.resume("acme");
        assertEquals(servers.secondPostgresPort(), held.get(AWAIT.toSeconds(), TimeUnit.SECONDS), "held work ran on the new cluster");
        assertEquals(servers.secondPostgresPort(), serverPort(registry, "main", database), "later work naming main goes to second too");
        assertEquals("second", registry.state("acme").cluster());

        // A pause longer than the bound: refused with 503 TENANT_MOVING and Retry-After, after the bound, not before.
        registry.pause("acme");
        long started = System.nanoTime();
        ApiException moving = assertThrows(ApiException.class, () -> serverPort(registry, "second", database));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(503, moving.status());
        assertEquals("TENANT_MOVING", moving.code());
        assertEquals("2", moving.headers().get("Retry-After"));
        assertTrue(waitedMillis >= 400, "refused only after the pause's bound: " + waitedMillis + " ms");
        registry.resume("acme");
        assertEquals(servers.secondPostgresPort(), serverPort(registry, "second", database));
    }

    /**
     * A registry on clusters main and second (two real servers), each holding a database named {@code database}, as a
     * tenant's database is named on its old and new cluster during a move; a paused tenant's work waits {@code movePause}.
     */
    private TenantPoolRegistry onBothClusters(String database, Duration movePause) throws SQLException {
        servers.createDatabase(database);
        try (Connection c = DriverManager.getConnection(servers.secondJdbcUrl("postgres"), "postgres", "postgres");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        Map<String, ClusterAddress> clusters = Map.of(
                "main", new ClusterAddress("main", "127.0.0.1", servers.postgresPort(), "postgres", "postgres"),
                "second", new ClusterAddress("second", "127.0.0.1", servers.secondPostgresPort(), "postgres", "postgres"));
        TenantPoolRegistry registry = new TenantPoolRegistry(vertx,
                new PoolSettings("127.0.0.1", servers.postgresPort(), "postgres", "postgres", 2, 5, LONG_IDLE),
                name -> Optional.ofNullable(clusters.get(name)).orElseThrow(() -> new UnknownClusterException(name)),
                new SimpleMeterRegistry(), System::nanoTime, Duration.ZERO, movePause);
        registries.add(registry);
        return registry;
    }

    private TenantPoolRegistry registry(int maxSizePerTenant, int maxOpenPools, Duration idleTimeout, MeterRegistry meters) {
        return registry(maxSizePerTenant, maxOpenPools, idleTimeout, meters, System::nanoTime);
    }

    /** A registry that refuses at once when every pool is busy, unless a test asks for a busy wait. */
    private TenantPoolRegistry registry(int maxSizePerTenant, int maxOpenPools, Duration idleTimeout, MeterRegistry meters,
                                        LongSupplier nanoTime) {
        return registry(maxSizePerTenant, maxOpenPools, idleTimeout, meters, nanoTime, Duration.ZERO);
    }

    private TenantPoolRegistry registry(int maxSizePerTenant, int maxOpenPools, Duration idleTimeout, MeterRegistry meters,
                                        LongSupplier nanoTime, Duration busyWait) {
        PoolSettings settings = new PoolSettings("127.0.0.1", servers.postgresPort(), "postgres", "postgres",
                maxSizePerTenant, maxOpenPools, idleTimeout);
        TenantPoolRegistry registry = new TenantPoolRegistry(vertx, settings, meters, nanoTime, busyWait);
        registries.add(registry);
        return registry;
    }

    private static String uniquePrefix() {
        return "pooltest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    private static void query(TenantPoolRegistry registry, String prefix, String slug) {
        registry.withPool(slug, prefix + slug, pool -> pool.query("SELECT 1").execute()).await().atMost(AWAIT);
    }

    private static int serverPort(TenantPoolRegistry registry, String cluster, String database) {
        return registry.withPool(cluster, "acme", database, AuditActor.SYSTEM,
                        pool -> pool.query("SELECT inet_server_port() AS port").execute()
                                .map(rows -> rows.iterator().next().getInteger("port")))
                .await().atMost(AWAIT);
    }

    /** Keeps work in flight on the tenant's pool until {@code release} completes. */
    private static CompletableFuture<Object> hold(TenantPoolRegistry registry, String prefix, String slug,
                                                  CompletableFuture<Void> release) {
        return registry.withPool(slug, prefix + slug, pool -> pool.query("SELECT 1").execute()
                        .chain(() -> Uni.createFrom().completionStage(release.copy())).map(ignored -> (Object) slug))
                .subscribeAsCompletionStage();
    }

    private static double evicted(MeterRegistry meters, String reason) {
        return meters.get(PoolMetrics.EVICTED).tag("reason", reason).counter().count();
    }

    /** Connections PostgreSQL holds to this test's databases, counted from the maintenance database. */
    private static int connectionsTo(String prefix) throws SQLException {
        try (Connection connection = adminConnection()) {
            return connectionsTo(connection, prefix);
        }
    }

    private static int connectionsTo(Connection connection, String prefix) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE ?")) {
            // The prefix's underscores are literal, not LIKE wildcards.
            statement.setString(1, prefix.replace("_", "\\_") + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void renameDatabase(String from, String to) throws SQLException {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + from + " RENAME TO " + to);
        }
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(servers.jdbcUrl("postgres"), "postgres", "postgres");
    }

    private interface Call {
        Uni<String> start(int tenant);
    }

    private interface Expected {
        String database(int tenant);
    }

    /** Starts {@code count} calls from as many threads at the same moment, as requests on several event loops would. */
    private static List<Outcome> runConcurrently(int count, Call call, Expected expected) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int tenant = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return Outcome.of(() -> call.start(tenant).await().atMost(AWAIT), expected.database(tenant));
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(AWAIT.toSeconds() * 2, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private record Outcome(String database, String expectedDatabase, Throwable failure) {

        static Outcome of(Supplier<String> call, String expectedDatabase) {
            try {
                return new Outcome(call.get(), expectedDatabase, null);
            } catch (RuntimeException e) {
                return new Outcome(null, expectedDatabase, e);
            }
        }

        boolean succeeded() {
            return failure == null && expectedDatabase.equals(database);
        }

        boolean rejectedAsTooBusy() {
            if (failure instanceof ApiException e) {
                return e.status() == 503 && "TOO_BUSY".equals(e.code())
                        && Map.of("Retry-After", "1").equals(e.headers());
            }
            return false;
        }
    }

    /** Polls, in the background, how many pools are open and how many connections PostgreSQL holds to the test's databases. */
    private static final class ConnectionSampler implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger maxConnections = new AtomicInteger();
        private final AtomicInteger maxOpenPools = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private final Thread thread;

        ConnectionSampler(String prefix, TenantPoolRegistry registry) throws SQLException {
            Connection connection = adminConnection();
            thread = new Thread(() -> {
                try (connection) {
                    while (running.get()) {
                        maxOpenPools.accumulateAndGet(registry.openPools(), Math::max);
                        maxConnections.accumulateAndGet(connectionsTo(connection, prefix), Math::max);
                        samples.incrementAndGet();
                        Thread.sleep(5);
                    }
                } catch (SQLException e) {
                    maxConnections.set(Integer.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "connection-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        int maxConnections() {
            return maxConnections.get();
        }

        int maxOpenPools() {
            return maxOpenPools.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
            assertFalse(thread.isAlive(), "the sampler stopped");
            assertTrue(samples.get() > 0, "the sampler took samples");
        }
    }
}
