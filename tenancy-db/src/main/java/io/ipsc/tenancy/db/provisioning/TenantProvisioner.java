package io.ipsc.tenancy.db.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.ProvisioningReport.Status;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.ipsc.tenancy.event.TenantSnapshotFollower;
import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.db.audit.AuditTrail;
import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.ipsc.tenancy.db.cluster.Clusters;
import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.db.directory.TenantState;
import io.ipsc.tenancy.db.outbox.TenantOutboxRelay;
import io.quarkus.arc.All;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Converges this service's tenant databases to the lifecycle events on {@code ipsc.tenants}.
 *
 * <p>At startup: migrates the template database, then every existing tenant database (bounded
 * parallelism, one failure does not stop the others), then reads the compacted topic from the
 * beginning to rebuild the {@link TenantDirectory}, and keeps following it. For each snapshot it
 * creates the tenant's database from the template when needed, applies pending migrations, and
 * reports on {@code ipsc.provisioning}; on deletion it archives the database (a rename: nothing is
 * dropped). A snapshot no newer than what is known changes nothing. Failures are retried with
 * backoff, then reported FAILED. Everything here runs on the provisioner's own threads, over JDBC.
 *
 * <p>Snapshots are converged by {@code ipsc.provisioning.parallelism} workers ({@link TenantLanes}):
 * one tenant's snapshots one at a time and in topic order, different tenants on whichever worker is
 * free, so a burst of new tenants (or one tenant's retries) does not hold every other tenant back.
 * Nothing is committed to Kafka here: the follower reads the compacted topic from its beginning at
 * every start, and a snapshot already converged changes nothing.
 *
 * <p>A snapshot placing the tenant on another cluster than the one its database is on here is a move
 * ({@link TenantMover}): the database is copied there while the tenant is served, switched, and reported
 * PROVISIONED on the new cluster, or rolled back and reported FAILED on the old one, where it is still served.
 * Where a tenant's database is, when this process has not yet served it (at every start), is asked of the
 * clusters ({@link TenantMover#settle}, which also finishes or rolls back a move a killed process left), never
 * assumed from the placement: a fresh database must not be created beside the tenant's real one.
 */
@ApplicationScoped
public class TenantProvisioner {

    private static final Logger LOG = Logger.getLogger(TenantProvisioner.class);
    private static final String IDENTITY_TABLE =
            "CREATE TABLE IF NOT EXISTS ipsc_tenant (slug VARCHAR(63) PRIMARY KEY, provisioned_at TIMESTAMPTZ NOT NULL DEFAULT now())";

    private final ServiceIdentity service;
    private final TenantDirectory directory;
    private final Clusters clusters;
    private final TenantMigrations migrations;
    private final ProvisioningReporter reporter;
    private final TenantPoolRegistry pools;
    private final TenantMover mover;
    private final ProvisioningSteps steps;
    private final SpareDatabases spares;
    private final ObjectMapper json;
    private final String bootstrapServers;
    private final int catchUpParallelism;
    private final int parallelism;
    private final int maxAttempts;
    private final Duration firstBackoff;
    /** The service's outboxes: unsent rows that the catch-up finds are sent once their tenant is served. */
    private final List<TenantOutboxRelay> relays;
    /** Databases whose catch-up found unsent outbox rows, until their tenant is served. */
    private final Set<String> unsentAtStart = ConcurrentHashMap.newKeySet();
    /** Databases (cluster/name) already migrated to the current version by this process: later snapshots skip Flyway. */
    private final Map<String, String> migratedVersions = new ConcurrentHashMap<>();
    /** Where the start-up catch-up found each tenant database (database → cluster), to place it without asking again. */
    private final Map<String, String> foundAtStart = new ConcurrentHashMap<>();
    /** Whether a cluster held what an interrupted move leaves at start-up: then every database is settled before it is served. */
    private volatile boolean moveLeftoversAtStart = true;
    /** Each cluster's template's schema version, once migrated by this process. */
    private final Map<String, String> templateVersions = new ConcurrentHashMap<>();

    /** The newest version of each tenant's snapshot handed to a lane: an older one still queued behind it is skipped. */
    private final Map<String, Long> newest = new ConcurrentHashMap<>();
    /** Snapshots handed to a lane and not yet converged. */
    private final AtomicInteger pending = new AtomicInteger();
    /**
     * Of those, the ones moving a tenant's database: a move (minutes for a large tenant) does not hold the service's
     * readiness back, as the tenant is served from its old cluster meanwhile and the others are not concerned.
     */
    private final AtomicInteger moving = new AtomicInteger();
    private volatile TenantLanes lanes;
    /** Makes spare databases ({@link SpareDatabases}) while provisioning is idle: one thread, one refill at a time. */
    private volatile ScheduledExecutorService spareMaker;
    private final AtomicBoolean refillAsked = new AtomicBoolean();
    /** When this process was first seen ready (nanoTime), 0 until then: spares wait {@link SpareDatabases#refillDelay} after it. */
    private volatile long readySince;
    /** Refills failed in a row, and the earliest the next may run (nanoTime): a failing cluster is not asked in a loop. */
    private int refillFailures;
    private long refillNotBefore;
    private volatile boolean running;
    private volatile boolean caughtUp;
    /** Set once every report sent while replaying the topic at start has been acknowledged ({@link #awaitStartupReports}). */
    private volatile boolean startupReportsAcknowledged;
    private final AtomicBoolean startupReportsAwaited = new AtomicBoolean();
    private volatile TenantSnapshotFollower follower;

    public TenantProvisioner(ServiceIdentity service, TenantDirectory directory, Clusters clusters, TenantMigrations migrations,
                             ProvisioningReporter reporter, TenantPoolRegistry pools, TenantMover mover, ObjectMapper json,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                             @ConfigProperty(name = "ipsc.provisioning.catch-up-parallelism", defaultValue = "2") int catchUpParallelism,
                             @ConfigProperty(name = "ipsc.provisioning.parallelism", defaultValue = "3") int parallelism,
                             @ConfigProperty(name = "ipsc.provisioning.max-attempts", defaultValue = "4") int maxAttempts,
                             @ConfigProperty(name = "ipsc.provisioning.first-backoff", defaultValue = "PT0.5S") Duration firstBackoff,
                             @All List<TenantOutboxRelay> relays, ProvisioningSteps steps, SpareDatabases spares) {
        this.service = service;
        this.directory = directory;
        this.clusters = clusters;
        this.migrations = migrations;
        this.reporter = reporter;
        this.pools = pools;
        this.mover = mover;
        this.json = json;
        this.bootstrapServers = bootstrapServers;
        this.catchUpParallelism = catchUpParallelism;
        this.parallelism = Math.max(1, parallelism);
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.relays = List.copyOf(relays);
        this.steps = steps;
        this.spares = spares;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        lanes = new TenantLanes("tenant-provisioner-" + service.name(), parallelism);
        spareMaker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spare-databases-" + service.name());
            t.setDaemon(true);
            return t;
        });
        Thread thread = new Thread(this::run, "tenant-provisioner-" + service.name());
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        TenantSnapshotFollower f = follower;
        if (f != null) {
            f.stop();
        }
        TenantLanes l = lanes;
        if (l != null) {
            l.shutdownNow();
        }
        ScheduledExecutorService maker = spareMaker;
        if (maker != null) {
            maker.shutdownNow();
        }
    }

    /**
     * True once the template is migrated and every tenant known at startup has been converged. Stays
     * true afterwards: a new tenant being provisioned does not make the service unready.
     */
    public boolean caughtUp() {
        if (!caughtUp) {
            TenantSnapshotFollower f = follower;
            // Everything on the topic at start has been handed to a lane once the follower has caught up.
            if (f != null && f.caughtUp() && pending.get() <= moving.get() && startupReportsAcknowledged) {
                caughtUp = true;
            }
        }
        return caughtUp;
    }

    private void run() {
        while (running) {
            try {
                for (ClusterAddress cluster : clusters.reachable()) {
                    templateVersion(cluster.name());
                }
                catchUpExistingDatabases();
                // Not before the service is ready and a while after (refillSpares waits): the rest of the suite is
                // often still starting, on the same cores.
                refillSparesAfter(1_000);
                awaitStartupReports();
                followTenantEvents();
                return;
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("Tenant provisioner of %s cannot go on yet (%s); retrying", service.name(), e.getMessage());
                    sleep(Duration.ofSeconds(2));
                }
            }
        }
    }

    /** The schema version of {@code cluster}'s template, migrating it first if this process has not yet. */
    private String templateVersion(String cluster) throws Exception {
        String version = templateVersions.get(cluster);
        if (version == null) {
            synchronized (templateVersions) {
                version = templateVersions.get(cluster);
                if (version == null) {
                    version = prepareTemplate(clusters.admin(cluster));
                    templateVersions.put(cluster, version);
                }
            }
        }
        return version;
    }

    /**
     * The template carries the current schema, so a new tenant's database is a file copy away. Each
     * cluster has its own (PostgreSQL copies a template only within its cluster).
     */
    String prepareTemplate(DatabaseAdmin admin) throws Exception {
        String template = service.templateDatabase();
        String[] templateVersion = new String[1];
        if (!admin.exists(template)) {
            try {
                admin.createEmpty(template);
            } catch (java.sql.SQLException e) {
                if (!admin.exists(template)) {
                    throw e;
                }
            }
        }
        try (Connection lockHolder = admin.connect("postgres")) {
            admin.withTemplateLock(lockHolder, template, () -> {
                templateVersion[0] = migrations.migrate(admin, template);
                try (Connection c = admin.connect(template); Statement st = c.createStatement()) {
                    st.execute(IDENTITY_TABLE);
                }
            });
        }
        LOG.infof("Template database %s on cluster %s is at schema version %s", template, admin.cluster(), templateVersion[0]);
        return templateVersion[0];
    }

    /** Every existing tenant database, on every cluster, is brought to the current schema before the service serves. */
    void catchUpExistingDatabases() throws Exception {
        long started = System.nanoTime();
        String suffix = "_" + service.name();
        YearMonth month = SchemaMark.thisMonth();
        List<DatabaseToRead> toRead = new ArrayList<>();
        List<DatabaseToRead> outboxesToLook = new ArrayList<>();
        int total = 0;
        boolean leftovers = false;
        for (ClusterAddress cluster : clusters.reachable()) {
            DatabaseAdmin admin = clusters.admin(cluster.name());
            leftovers |= TenantMover.hasLeftovers(admin);
            String templateVersion = templateVersion(cluster.name());
            Map<String, String> marked = admin.listWithComments(service.databasePrefix(), suffix);
            total += marked.size();
            marked.forEach((database, mark) -> {
                // On two clusters at once: only settle can say which is the tenant's.
                foundAtStart.merge(database, cluster.name(), (one, other) -> "");
                // Marked current: known without connecting to it. Its outbox, if the service has one, is looked into
                // after the catch-up, beside the replay: reading a thousand clinics' outboxes one by one before
                // readiness was most of a start, and a row left unsent only waits a moment longer.
                if (SchemaMark.current(mark, templateVersion, month)) {
                    migratedVersions.put(key(admin.cluster(), database), templateVersion);
                    if (!relays.isEmpty()) {
                        outboxesToLook.add(new DatabaseToRead(admin, database, mark));
                    }
                } else {
                    toRead.add(new DatabaseToRead(admin, database, mark));
                }
            });
        }
        moveLeftoversAtStart = leftovers;
        if (!toRead.isEmpty()) {
            ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, catchUpParallelism));
            try {
                List<Future<?>> results = new ArrayList<>();
                for (DatabaseToRead each : toRead) {
                    results.add(workers.submit(() -> {
                        try {
                            migratedVersions.put(key(each.admin().cluster(), each.database()), catchUp(each, month));
                        } catch (Exception e) {
                            // Reported when the tenant's snapshot is replayed; the others go on.
                            LOG.errorf("Catch-up migration of %s failed: %s", each.database(), e.getMessage());
                        }
                    }));
                }
                for (Future<?> f : results) {
                    f.get();
                }
            } finally {
                workers.shutdown();
            }
        }
        if (total > 0) {
            LOG.infof("Caught up %d tenant database(s) of %s in %d ms (%d read one by one, the others known from their marks)",
                    total, service.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), toRead.size());
        }
        lookIntoOutboxesInBackground(outboxesToLook);
    }

    /**
     * Looks, on a thread of its own, into the outboxes of the databases the catch-up knew from their marks, for rows an
     * earlier process committed but did not send: such a tenant's relay is triggered once the tenant is served (by its
     * convergence, or here when it is served already). The periodic sweep covers only the tenants served since the
     * start, so without this a row of a tenant nobody uses would wait for its next request.
     */
    private void lookIntoOutboxesInBackground(List<DatabaseToRead> databases) {
        if (databases.isEmpty()) {
            return;
        }
        Thread look = new Thread(() -> {
            long started = System.nanoTime();
            int unsent = 0;
            for (DatabaseToRead each : databases) {
                if (!running) {
                    return;
                }
                try (Connection c = each.admin().connect(each.database())) {
                    if (relays.stream().anyMatch(relay -> relay.hasPending(c))) {
                        unsent++;
                        sendWhenServed(each.database());
                    }
                } catch (Exception e) {
                    // A database archived or moved meanwhile: its rows are the next owner's; the sweep covers the rest.
                    LOG.warnf("Could not look into the outbox of %s: %s", each.database(), e.getMessage());
                }
            }
            LOG.infof("Looked into %d outbox(es) of %s in %d ms: %d with rows left unsent", databases.size(), service.name(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), unsent);
        }, "ipsc-outbox-look-" + service.name());
        look.setDaemon(true);
        look.start();
    }

    /**
     * Marks {@code database}'s outbox as holding unsent rows: its convergence triggers the relay once the tenant is
     * served; if that convergence has passed already, the tenant is in the directory and the relay is triggered here.
     * Whichever of the two removes the mark triggers, once.
     */
    private void sendWhenServed(String database) {
        unsentAtStart.add(database);
        directory.all().stream().filter(entry -> database.equals(entry.database()) && entry.state() == TenantState.READY).findFirst()
                .ifPresent(entry -> {
                    if (unsentAtStart.remove(database)) {
                        relays.forEach(relay -> relay.trigger(entry.snapshot().slug()));
                    }
                });
    }

    /**
     * Brings one existing database to the template's version. One already there (the usual case after
     * a restart) is only read: Flyway, which validated the same scripts on the template a moment ago,
     * costs a quarter of a second a database, which at start-up is minutes for a thousand tenants. Once
     * found current it is marked so ({@link SchemaMark}), and the next start-up need not connect to it.
     */
    private String catchUp(DatabaseToRead each, YearMonth month) throws Exception {
        DatabaseAdmin admin = each.admin();
        String database = each.database();
        String templateVersion = templateVersion(admin.cluster());
        try (Connection c = admin.connect(database)) {
            // Rows an earlier process left unsent are noticed on the connection held anyway, not by opening every pool.
            if (relays.stream().anyMatch(relay -> relay.hasPending(c))) {
                unsentAtStart.add(database);
            }
            if (SchemaMark.current(each.mark(), templateVersion, month)) {
                return templateVersion;
            }
            String recorded = TenantMigrations.recordedVersion(c);
            // A database from before the audit trail (or an older version of it) is migrated once more to get it.
            if (recorded != null && recorded.equals(templateVersion) && AuditTrail.current(c)) {
                SchemaMark.write(c, database, recorded);
                return recorded;
            }
        }
        return migrations.migrate(admin, database);
    }

    /** An existing database the catch-up has to connect to, with its {@link SchemaMark} (null when it has none). */
    private record DatabaseToRead(DatabaseAdmin admin, String database, String mark) {
    }

    /**
     * The replay of the topic at start reports every tenant again (tenant-service learns each service's schema version
     * from it); those reports are sent without waiting for each acknowledgement, and this waits, on a thread of its
     * own, until the replay is handed out and converged and then for every acknowledgement: only then is the service
     * ready ({@link #caughtUp()}), as when each report was awaited in turn.
     */
    private void awaitStartupReports() {
        if (!startupReportsAwaited.compareAndSet(false, true)) {
            return;
        }
        reporter.deferAcknowledgements();
        Thread waiter = new Thread(() -> {
            while (running) {
                TenantSnapshotFollower f = follower;
                if (f != null && f.caughtUp() && pending.get() <= moving.get()) {
                    long started = System.nanoTime();
                    int reports = reporter.awaitDeferred(() -> running);
                    startupReportsAcknowledged = running;
                    LOG.infof("Start-up reports of %s acknowledged: %d, the last %d ms after the replay was converged", service.name(),
                            reports, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return;
                }
                sleep(Duration.ofMillis(20));
            }
        }, "startup-reports-" + service.name());
        waiter.setDaemon(true);
        waiter.start();
    }

    private void followTenantEvents() {
        follower = new TenantSnapshotFollower(bootstrapServers, service.name() + "-service-provisioner", json, this::handle);
        if (running) {
            follower.runUntilStopped();
        }
    }

    /** Queues the snapshot after its tenant's earlier ones; called on the follower's thread, in topic order. */
    void handle(TenantSnapshot snapshot) {
        newest.merge(snapshot.slug(), snapshot.version(), Math::max);
        pending.incrementAndGet();
        try {
            lanes.execute(snapshot.slug(), () -> {
                try {
                    handleNow(snapshot);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Provisioning of %s stopped unexpectedly", snapshot.slug());
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: the snapshot is read again at the next start.
            pending.decrementAndGet();
        }
    }

    void handleNow(TenantSnapshot snapshot) {
        // A snapshot is the whole tenant: when a newer one is queued behind this (replaying the topic at start), only the
        // newer one is converged. Replaying a moved tenant's history would otherwise move it back and forth.
        Long latest = newest.get(snapshot.slug());
        if (latest != null && latest > snapshot.version()) {
            return;
        }
        TenantEntry known = directory.find(snapshot.slug()).orElse(null);
        if (known != null && known.snapshot().version() >= snapshot.version() && known.state() != TenantState.FAILED) {
            return;
        }
        converge(snapshot);
    }

    /** Brings this service's database for the tenant to what the snapshot says, with retries. */
    void converge(TenantSnapshot snapshot) {
        String database = service.databaseFor(snapshot.slug());
        String cluster = clusterFor(snapshot, database);
        if (cluster == null) {
            return;
        }
        Exception last = null;
        Duration backoff = firstBackoff;
        for (int attempt = 1; attempt <= maxAttempts && running; attempt++) {
            try {
                convergeOnce(snapshot, cluster, database);
                return;
            } catch (Exception e) {
                last = e;
                LOG.warnf("Provisioning %s for %s failed (attempt %d of %d): %s", database, snapshot.slug(), attempt, maxAttempts, e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        String reason = last == null ? "stopped" : last.getMessage();
        directory.put(new TenantEntry(snapshot, cluster, database, TenantState.FAILED, null, reason));
        try {
            reporter.report(snapshot.slug(), Status.FAILED, null, reason, snapshot.version(), cluster);
        } catch (Exception e) {
            LOG.errorf("Cannot report the failure of %s either: %s", snapshot.slug(), e.getMessage());
        }
    }

    /**
     * The cluster to converge the tenant's database on: the snapshot's placement, or, for a deletion, where the
     * database is. When the database is on another cluster, it is moved there first; null when that failed (reported
     * FAILED, still served where it is) or the database cannot be located (reported FAILED).
     */
    private String clusterFor(TenantSnapshot snapshot, String database) {
        String placed = snapshot.placement().cluster();
        TenantEntry known = directory.find(snapshot.slug()).orElse(null);
        if (snapshot.isDeleted()) {
            return known == null || known.state() == TenantState.FAILED || known.state() == TenantState.ARCHIVED ? placed : known.cluster();
        }
        if (!service.needsDatabase(snapshot.features())) {
            // Recorded as placed, as before moves existed: a switched-off service's data (if any) stays where it is, and
            // moves with the tenant once the feature is on again and the database is needed.
            return placed;
        }
        if (known != null && known.state() == TenantState.READY && known.cluster().equals(placed)) {
            return placed;
        }
        TenantSnapshotFollower f = follower;
        if (snapshot.placement().version() == 0 && f != null && f.caughtUp()) {
            // Never moved (a move raises the placement version, and so does its rollback): the tenant's database, if it has
            // one, is on the cluster it was placed on, so no cluster is asked. Asking took three connections (the move's
            // lock on main and a look on every cluster) for each new tenant, as many as the rest of its provisioning.
            // Only once the topic is replayed: a replay may still hand over a snapshot older than the tenant's move.
            return placed;
        }
        String where;
        try {
            where = locate(database, known);
        } catch (Exception e) {
            String reason = "cannot tell where " + database + " is: " + e.getMessage();
            LOG.error(reason);
            directory.put(new TenantEntry(snapshot, placed, database, TenantState.FAILED, null, reason));
            report(snapshot, Status.FAILED, null, reason, placed);
            return null;
        }
        if (where == null || where.equals(placed)) {
            return placed;
        }
        // Replaying the topic at start, this may be an old placement with the tenant's later ones still to come: a move is
        // made only for the newest snapshot known once the replay is done (else a moved tenant would be moved back and forth).
        if (!awaitReplayed() || newest.getOrDefault(snapshot.slug(), snapshot.version()) > snapshot.version()) {
            return null;
        }
        return move(snapshot, database, where, placed) ? placed : null;
    }

    /** Waits until the follower has read what the topic held at start; false when stopping meanwhile. */
    private boolean awaitReplayed() {
        while (running) {
            TenantSnapshotFollower f = follower;
            if (f != null && f.caughtUp()) {
                return true;
            }
            sleep(Duration.ofMillis(50));
        }
        return false;
    }

    /**
     * The cluster the tenant's database is on (null: none): the directory's when this process serves it, the start-up
     * listing's when no cluster held a move's leftovers then, otherwise asked of every cluster, settling an interrupted move.
     */
    private String locate(String database, TenantEntry known) throws Exception {
        if (known != null && known.state() == TenantState.READY) {
            return known.cluster();
        }
        String found = foundAtStart.get(database);
        if (!moveLeftoversAtStart && found != null && !found.isEmpty()) {
            return found;
        }
        return mover.settle(database);
    }

    /**
     * Moves the tenant's database from {@code from} to the cluster the snapshot places it on, the tenant served from
     * {@code from} meanwhile. True once switched (the directory then says the new cluster); false after a failure,
     * reported FAILED on {@code from}, or when the provisioner stopped mid-move (the next start settles it).
     */
    private boolean move(TenantSnapshot snapshot, String database, String from, String to) {
        String slug = snapshot.slug();
        String version = migratedVersions.get(key(from, database));
        // Served from `from` throughout, with the new snapshot's members and features at once.
        directory.put(new TenantEntry(snapshot, from, database, version == null ? TenantState.PROVISIONING : TenantState.READY, version, null));
        try {
            if (version == null) {
                version = migrations.migrate(clusters.admin(from), database);
                migratedVersions.put(key(from, database), version);
                directory.put(new TenantEntry(snapshot, from, database, TenantState.READY, version, null));
            }
            templateVersion(to);
            String schemaVersion = version;
            LOG.infof("Moving %s from cluster %s to %s", database, from, to);
            moving.incrementAndGet();
            try {
                mover.move(slug, database, from, to, service.templateDatabase(),
                        (status, detail) -> reporter.report(slug, status, schemaVersion, detail, snapshot.version(), from),
                        () -> {
                            migratedVersions.remove(key(from, database));
                            migratedVersions.put(key(to, database), schemaVersion);
                            directory.put(new TenantEntry(snapshot, to, database, TenantState.READY, schemaVersion, null));
                        });
            } finally {
                moving.decrementAndGet();
            }
            return true;
        } catch (TenantMover.MoveInterruptedException e) {
            LOG.warnf("The move of %s to %s stopped: %s", database, to, e.getMessage());
            return false;
        } catch (Exception e) {
            String reason = "moving " + database + " to cluster " + to + " failed and was rolled back; still served from " + from + ": "
                    + e.getMessage();
            LOG.error(reason);
            report(snapshot, Status.FAILED, version, reason, from);
            return false;
        }
    }

    private void report(TenantSnapshot snapshot, Status status, String version, String detail, String cluster) {
        try {
            reporter.report(snapshot.slug(), status, version, detail, snapshot.version(), cluster);
        } catch (Exception e) {
            LOG.errorf("Cannot report %s of %s either: %s", status, snapshot.slug(), e.getMessage());
        }
    }

    private void convergeOnce(TenantSnapshot snapshot, String cluster, String database) throws Exception {
        DatabaseAdmin admin = clusters.admin(cluster);
        String key = key(cluster, database);
        if (snapshot.isDeleted()) {
            directory.put(new TenantEntry(snapshot, cluster, database, TenantState.ARCHIVED, null, null));
            pools.close(snapshot.slug()).await().atMost(Duration.ofSeconds(10));
            String archived = admin.exists(database) ? admin.archive(database) : null;
            migratedVersions.remove(key);
            reporter.report(snapshot.slug(), Status.DEPROVISIONED, null,
                    archived == null ? "no database to archive" : "archived as " + archived, snapshot.version(), cluster);
            return;
        }
        if (!service.needsDatabase(snapshot.features())) {
            // Switched off: the tenant's requests are refused here, and any data it had is kept.
            directory.put(new TenantEntry(snapshot, cluster, database, TenantState.NOT_ENABLED, null, null));
            return;
        }
        TenantEntry known = directory.find(snapshot.slug()).orElse(null);
        if (known == null || known.state() != TenantState.READY) {
            directory.put(new TenantEntry(snapshot, cluster, database, TenantState.PROVISIONING, null, null));
        }
        String templateVersion = templateVersion(cluster);
        String version = migratedVersions.get(key);
        ProvisioningSteps.Laps laps = steps.start(snapshot.slug());
        if (version == null || !version.equals(templateVersion)) {
            SpareDatabases.Taken found;
            // One connection for the existence check, the spare and the copy: a connection is a server process started.
            try (Connection c = admin.connect("postgres")) {
                found = spares.takeUnlessExists(c, database, templateVersion);
                if (found == SpareDatabases.Taken.SPARE) {
                    laps.lap("spare");
                } else if (found == SpareDatabases.Taken.NONE) {
                    laps.lap("exists");
                    DatabaseAdmin.createFromTemplate(c, database, service.templateDatabase());
                    laps.lap("copy");
                }
            }
            if (found != SpareDatabases.Taken.EXISTS) {
                refillSparesAfter(200);
                version = recordIdentity(admin, database, snapshot.slug(), templateVersion);
                laps.lap("identity");
            }
            // A fresh copy of the template is at the template's version already: Flyway, which costs
            // far more than the copy, runs only for a database that was there before, or a copy of a
            // template that another replica has moved on.
            if (version == null || !version.equals(templateVersion)) {
                version = migrations.migrate(admin, database);
                laps.lap("migrate");
            }
            migratedVersions.put(key, version);
        }
        directory.put(new TenantEntry(snapshot, cluster, database, TenantState.READY, version, null));
        if (unsentAtStart.remove(database)) {
            relays.forEach(relay -> relay.trigger(snapshot.slug()));
        }
        // Reported for every snapshot, so that tenant-service can tell which version each service has reached; the lane
        // goes on to its next tenant while the broker acknowledges (a report it cannot take is sent again by the reporter).
        reporter.reportWithoutWaiting(snapshot.slug(), Status.PROVISIONED, version, database, snapshot.version(), cluster);
        laps.lap("report");
        laps.done();
    }

    /**
     * Tops up the spare databases of every cluster once provisioning is idle (nothing queued, the topic caught up),
     * so that a spare copy never holds back a tenant being provisioned; a refill already asked for covers this one.
     */
    private void refillSparesAfter(long delayMillis) {
        ScheduledExecutorService maker = spareMaker;
        if (spares.wanted() == 0 || maker == null || !refillAsked.compareAndSet(false, true)) {
            return;
        }
        try {
            maker.schedule(this::refillSpares, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down.
        }
    }

    private void refillSpares() {
        refillAsked.set(false);
        long wait = refillWaitNanos();
        if (wait > 0) {
            if (refillAsked.compareAndSet(false, true)) {
                spareMaker.schedule(this::refillSpares, Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), TimeUnit.MILLISECONDS);
            }
            return;
        }
        try {
            for (ClusterAddress cluster : clusters.reachable()) {
                boolean more = true;
                while (more && running) {
                    TenantSnapshotFollower f = follower;
                    if (f == null || !f.caughtUp() || pending.get() > 0) {
                        // Busy provisioning: the next convergence asks again, and so does this, a second later.
                        if (refillAsked.compareAndSet(false, true)) {
                            spareMaker.schedule(this::refillSpares, 1, TimeUnit.SECONDS);
                        }
                        return;
                    }
                    // One copy at a time, and the lanes are looked at again before the next: a tenant waits for one copy at most.
                    more = spares.makeOne(clusters.admin(cluster.name()), service.templateDatabase(), templateVersion(cluster.name()));
                }
            }
            refillFailures = 0;
        } catch (RejectedExecutionException e) {
            // Shutting down.
        } catch (Exception e) {
            // Without spares a tenant's database is copied as before: asked again later, each failure waiting longer.
            Duration backoff = SpareDatabases.backoffAfter(++refillFailures);
            refillNotBefore = System.nanoTime() + backoff.toNanos();
            LOG.warnf("Cannot make spare databases of %s now (%s); trying again in %d s at the earliest", service.name(),
                    e.getMessage(), backoff.toSeconds());
        }
    }

    /**
     * Nanoseconds until a refill may run: not before the service is ready and {@link SpareDatabases#refillDelay} has
     * passed since (the suite's other services start on the same cores meanwhile), nor during a failed refill's backoff.
     * Runs on the spare maker's thread only.
     */
    private long refillWaitNanos() {
        long now = System.nanoTime();
        if (!caughtUp()) {
            return TimeUnit.SECONDS.toNanos(1);
        }
        if (readySince == 0) {
            readySince = now;
        }
        long delayed = readySince + spares.refillDelay().toNanos() - now;
        long backedOff = refillFailures == 0 ? 0 : refillNotBefore - now;
        return Math.max(delayed, backedOff);
    }

    /**
     * Each tenant database knows whose it is, so that a misrouted query would show at once. Returns
     * the schema version the copy carries (null when it has none).
     */
    private String recordIdentity(DatabaseAdmin admin, String database, String slug, String templateVersion) throws Exception {
        try (Connection c = admin.connect(database)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ipsc_tenant (slug) VALUES (?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, slug);
                ps.executeUpdate();
            }
            String version = TenantMigrations.recordedVersion(c);
            // A copy of the template this process migrated carries its schema and audit trail: marked in the same
            // commit, so that a restart knows it without connecting ({@link SchemaMark}).
            if (templateVersion.equals(version)) {
                SchemaMark.write(c, database, version);
            }
            c.commit();
            return version;
        }
    }

    private static String key(String cluster, String database) {
        return cluster + "/" + database;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
