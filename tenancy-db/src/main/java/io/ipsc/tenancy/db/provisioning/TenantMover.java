package io.ipsc.tenancy.db.provisioning;

import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.ipsc.tenancy.db.cluster.Clusters;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.event.Placement;
import io.ipsc.tenancy.event.ProvisioningReport.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves one tenant database of this service from one database cluster to another while the tenant is served
 * (issue 20), with PostgreSQL logical replication: no dump, and a write pause of the switch's length only.
 *
 * <ol>
 *   <li><b>copy</b>: the target database is created from the target cluster's template under a temporary name,
 *   {@code <db>__moving}, so that a copy never sits under the real name until it is complete; every table the
 *   template filled (Flyway's history, {@code ipsc_tenant}, seed rows) is emptied, with the audit trail's
 *   append-only triggers kept quiet by {@code session_replication_role = replica}, and the source's monthly
 *   audit partitions are created. A publication {@code ipsc_move} on the source ({@code FOR ALL TABLES},
 *   {@code publish_via_partition_root} for the partitioned {@code ipsc_audit}) and a subscription on the
 *   target ({@code copy_data}, its slot {@code ipsc_move_<hash of db>} created on the source) copy every table
 *   and then stream the changes. The apply workers run as {@code session_replication_role = replica}, so the
 *   target's audit triggers do not fire: the audit rows arrive as data. Reported COPYING, then CATCHING_UP
 *   once every table's initial copy is done ({@code srsubstate = 'r'}).</li>
 *   <li><b>switch</b>: the pool registry pauses the tenant (new work waits, at most {@code ipsc.move.pause}),
 *   the work in flight finishes, the source refuses new sessions and its client sessions are ended (so no
 *   other instance of the service can write either), the source's {@code pg_current_wal_insert_lsn()} is read and
 *   waited for on the slot's {@code confirmed_flush_lsn}, each sequence on the target is set to the source's
 *   value (logical replication does not carry sequences), the subscription, its slot and the publication are
 *   dropped, the target is marked final (a comment on the database), the source is archived as deletion
 *   archives (renamed, never dropped), the target is renamed to the real name, the registry sends the tenant's
 *   work to the new cluster and resumes it. If the switch cannot finish within the pause it is undone (the
 *   source accepts sessions again) and tried again later, up to {@link #SWITCH_ATTEMPTS} times.</li>
 *   <li><b>failure</b> before the target is final: rolled back (subscription, slot, publication and the copy
 *   dropped, the source accepting sessions); the tenant is served from the source with nothing lost.</li>
 * </ol>
 *
 * <p>Resumable: {@link #settle} runs, under the move's lock, before every move and whenever the provisioner
 * does not know where a tenant's database is (at every start), and recognises what a process killed at any
 * step left:
 * <ul>
 *   <li>a {@code __moving} copy not marked final (killed while copying, catching up or switching): rolled back,
 *   the source accepts sessions again; the move then starts over from the source;</li>
 *   <li>a {@code __moving} copy marked final (killed after the copy was complete and replication dropped): the
 *   switch is finished: the source, if still there, archived, the copy renamed to the real name;</li>
 *   <li>no copy, but the move's slot on a cluster or a source refusing sessions (killed while rolling back):
 *   the slot and publication dropped, sessions allowed;</li>
 *   <li>the database under its real name on one cluster: that is where it is.</li>
 * </ul>
 * A partial copy is therefore never served: only a final copy ever gets the real name.
 *
 * <p>One move of a database at a time, among every instance of the service: each holds a session advisory
 * lock on the main cluster for the database while it moves or settles it (a killed instance's lock goes with its
 * connection). Everything here runs over JDBC on the provisioner's threads.
 */
@Singleton
public class TenantMover {

    private static final Logger LOG = Logger.getLogger(TenantMover.class);
    /** The name a move's copy has until it is final. */
    public static final String MOVING_SUFFIX = "__moving";
    static final String PUBLICATION = "ipsc_move";
    static final String SUBSCRIPTION = "ipsc_move";
    /** The comment that marks a copy final: from then on the move is finished, never rolled back. */
    static final String FINAL_MARK = "ipsc move final copy";
    static final int SWITCH_ATTEMPTS = 3;
    /** How long each switch held the tenant's work (seconds; no tenant tag, as every meter of the pool registry). */
    public static final String PAUSE_METER = "ipsc_tenant_move_pause";
    /** Moves ended, by outcome: switched, failed (rolled back). */
    public static final String MOVES_METER = "ipsc_tenant_moves";
    private static final long LAST_POLL_MILLIS = 200;

    private final Clusters clusters;
    private final TenantPoolRegistry pools;
    private final Duration pause;
    private final Duration copyTimeout;
    private final Timer pauses;
    private final Counter switchedMoves;
    private final Counter failedMoves;
    /** Tests only: the step after which to stop as a killed process would, leaving everything as it is. */
    private volatile String haltAfter;
    private volatile CompletableFuture<String> halted = new CompletableFuture<>();

    public TenantMover(Clusters clusters, TenantPoolRegistry pools, MeterRegistry meters,
                       @ConfigProperty(name = TenantPoolRegistry.MOVE_PAUSE, defaultValue = "PT5S") Duration pause,
                       @ConfigProperty(name = "ipsc.move.copy-timeout", defaultValue = "PT30M") Duration copyTimeout) {
        this.clusters = clusters;
        this.pools = pools;
        this.pause = pause;
        this.copyTimeout = copyTimeout;
        this.pauses = Timer.builder(PAUSE_METER).description("How long a move's switch held the tenant's work")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.switchedMoves = Counter.builder(MOVES_METER).tag("outcome", "switched")
                .description("Tenant database moves ended here, by outcome").register(meters);
        this.failedMoves = Counter.builder(MOVES_METER).tag("outcome", "failed")
                .description("Tenant database moves ended here, by outcome").register(meters);
    }

    /** What a move tells tenant-service while it runs (COPYING, CATCHING_UP), through the provisioner's reporter. */
    @FunctionalInterface
    public interface Progress {
        void report(Status status, String detail) throws Exception;
    }

    /** A move that did not happen; everything it had done is undone and the tenant is served from the source. */
    public static class MoveFailedException extends Exception {
        public MoveFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A move stopped with its process (shutting down): left as it is, for the next start to finish or roll back. */
    public static final class MoveInterruptedException extends MoveFailedException {
        MoveInterruptedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Tests: stop after {@code step} (created, copying, catching_up, blocked, final, archived) as if the process had been
     * killed there; the stage completes when it has.
     */
    CompletableFuture<String> haltAfter(String step) {
        halted = new CompletableFuture<>();
        haltAfter = step;
        return halted;
    }

    /** Thrown at the step a test named: nothing is undone, as after a SIGKILL. */
    static final class Halted extends RuntimeException {
        Halted(String step) {
            super("halted after " + step + " (test)");
        }
    }

    /** The temporary name of {@code database}'s copy. */
    static String movingName(String database) {
        return shortened(database, MOVING_SUFFIX);
    }

    /** The replication slot of {@code database}'s move: slots are per cluster, so the name says which database. */
    static String slotName(String database) {
        return "ipsc_move_" + hash(database);
    }

    /**
     * Whether the cluster holds anything an interrupted move may have left (of any service): a {@code __moving} copy,
     * a database refusing sessions (other than {@code template0}) or a move's slot. One query, at start-up.
     */
    static boolean hasLeftovers(DatabaseAdmin admin) throws SQLException {
        try (Connection c = admin.connect("postgres"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT EXISTS (SELECT 1 FROM pg_database WHERE right(datname, " + MOVING_SUFFIX.length() + ") = '" + MOVING_SUFFIX
                        + "' OR (NOT datallowconn AND datname <> 'template0')) "
                        + "OR EXISTS (SELECT 1 FROM pg_replication_slots WHERE starts_with(slot_name, 'ipsc_move_'))")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * Finishes or rolls back whatever a move of {@code database} left on any reachable cluster (see the class
     * comment), then answers the cluster the database is on, or null when it is on none.
     */
    public String settle(String database) throws SQLException {
        try (Connection lock = clusters.admin(Placement.MAIN_CLUSTER).connect("postgres")) {
            lock(lock, database);
            return settleLocked(database);
        }
    }

    /**
     * Moves {@code database} of tenant {@code slug} from cluster {@code from} to cluster {@code to}, as a copy of
     * {@code to}'s {@code template} (at the source's schema version, or the move fails). {@code switched} runs at the switch, while the
     * tenant is paused (the caller points its directory at the new cluster there). Returns once the tenant is served
     * from {@code to}; throws, after rolling back, when the move could not be made.
     */
    public void move(String slug, String database, String from, String to, String template, Progress progress, Runnable switched)
            throws MoveFailedException {
        String moving = movingName(database);
        DatabaseAdmin source;
        DatabaseAdmin target;
        try {
            source = clusters.admin(from);
            target = clusters.admin(to);
        } catch (RuntimeException e) {
            throw new MoveFailedException(e.getMessage(), e);
        }
        try (Connection lock = clusters.admin(Placement.MAIN_CLUSTER).connect("postgres")) {
            lock(lock, database);
            String where = settleLocked(database);
            if (to.equals(where)) {
                // Another instance (or an earlier life of this one) has moved it already.
                pools.switchCluster(slug, from, to);
                switched.run();
                return;
            }
            if (!from.equals(where)) {
                throw new IllegalStateException(database + " is not on cluster " + from + " but on " + where);
            }
            // Set once the mark that makes the copy final has been sent: from then on it may be final, and is never rolled back.
            AtomicBoolean markSent = new AtomicBoolean();
            try {
                copy(source, target, database, moving, template, progress);
                for (int attempt = 1; ; attempt++) {
                    if (trySwitch(slug, source, target, database, moving, switched, markSent)) {
                        return;
                    }
                    if (attempt == SWITCH_ATTEMPTS) {
                        throw new IllegalStateException("the switch did not fit in the pause of " + pause.toMillis() + " ms "
                                + SWITCH_ATTEMPTS + " times (work in flight, or the copy lagging)");
                    }
                    progress.report(Status.CATCHING_UP, "switch attempt " + attempt + " did not fit in the pause; trying again");
                    // The held work goes through first: the next pause starts with less in flight.
                    Thread.sleep(pause.toMillis());
                }
            } catch (Halted | InterruptedException e) {
                // A kill, or the provisioner stopping: left as is; the next start settles it.
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new MoveInterruptedException("stopped during the move; the next start finishes or rolls it back", e);
            } catch (Exception e) {
                if (markSent.get()) {
                    // Past the point of no return: only finishing is right, and settle does it.
                    LOG.errorf("The switch of %s to %s failed after its copy was final (%s); finishing it at the next start",
                            database, to, e.getMessage());
                    throw new MoveInterruptedException("the switch could not be finished: " + e.getMessage(), e);
                }
                LOG.errorf("Moving %s from %s to %s failed: %s; rolling back", database, from, to, e.getMessage());
                rollBack(source, target, database, moving);
                failedMoves.increment();
                throw new MoveFailedException(e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new MoveFailedException("cannot take the move's lock or see the clusters: " + e.getMessage(), e);
        }
    }

    private void copy(DatabaseAdmin source, DatabaseAdmin target, String database, String moving, String template, Progress progress)
            throws Exception {
        String sourceVersion;
        try (Connection s = source.connect(database)) {
            sourceVersion = TenantMigrations.recordedVersion(s);
        }
        String targetVersion;
        try (Connection t = target.connect(template)) {
            targetVersion = TenantMigrations.recordedVersion(t);
        }
        if (sourceVersion == null || !sourceVersion.equals(targetVersion)) {
            throw new IllegalStateException(database + " is at schema version " + sourceVersion + ", cluster " + target.cluster()
                    + "'s template at " + targetVersion);
        }
        target.createFromTemplate(moving, template);
        halt("created");
        try (Connection s = source.connect(database); Connection t = target.connect(moving)) {
            // Emptied first: a month's partition cannot be created while the default partition holds rows of that month.
            emptyTables(t);
            createAuditPartitions(s, t);
            allowUpdatesToBeReplicated(s);
            try (Statement st = s.createStatement()) {
                st.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
                st.execute("CREATE PUBLICATION " + PUBLICATION + " FOR ALL TABLES WITH (publish_via_partition_root = true)");
            }
            try (Statement st = t.createStatement()) {
                st.execute("CREATE SUBSCRIPTION " + SUBSCRIPTION + " CONNECTION " + literal(conninfo(source, database))
                        + " PUBLICATION " + PUBLICATION + " WITH (slot_name = " + literal(slotName(database))
                        + ", create_slot = true, copy_data = true)");
            }
        }
        int tables = subscribedTables(target, moving);
        progress.report(Status.COPYING, "copying " + tables + " tables from " + source.cluster() + " to " + target.cluster());
        halt("copying");
        awaitInitialCopy(target, moving);
        progress.report(Status.CATCHING_UP, "initial copy of " + tables + " tables done; streaming changes");
        halt("catching_up");
    }

    /**
     * One try at the switch; false (everything as before it, the tenant resumed) when it could not finish within the
     * pause. After the target is marked final nothing is undone: the switch is finished, by this call or by settle.
     */
    private boolean trySwitch(String slug, DatabaseAdmin source, DatabaseAdmin target, String database, String moving, Runnable switched,
                              AtomicBoolean markSent) throws Exception {
        long pausedAt = System.nanoTime();
        long deadline = pausedAt + pause.toNanos();
        pools.pause(slug);
        boolean blocked = false;
        try {
            if (!pools.awaitIdle(slug, pause.dividedBy(2))) {
                LOG.warnf("Work on %s did not finish within half the pause; switch of %s postponed", slug, database);
                return false;
            }
            try (Connection s = source.connect(database); Connection admin = source.connect("postgres"); Connection t = target.connect(moving)) {
                blocked = true;
                if (!blockWrites(admin, database, backendPid(s))) {
                    LOG.warnf("A session on %s did not end in time; switch postponed", database);
                    source.allowConnections(database, true);
                    return false;
                }
                halt("blocked");
                // The insert position, not pg_current_wal_lsn() (the write position): a commit made with synchronous_commit
                // off may still sit in the WAL buffers, behind the write position, and would be left out of the copy.
                String lsn = scalar(s, "SELECT pg_current_wal_insert_lsn()::text");
                if (!awaitConfirmed(admin, slotName(database), lsn, deadline)) {
                    LOG.warnf("The copy of %s did not reach the source's position %s within the pause; switch postponed", database, lsn);
                    source.allowConnections(database, true);
                    blocked = false;
                    return false;
                }
                copySequences(s, t);
                dropSubscription(t);
                dropSlot(admin, slotName(database));
                try (Statement st = s.createStatement()) {
                    st.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
                }
                markSent.set(true);
                try (Statement st = t.createStatement()) {
                    st.execute("COMMENT ON DATABASE " + DatabaseAdmin.quote(moving) + " IS " + literal(FINAL_MARK + " of " + database
                            + " from " + source.cluster()));
                }
            }
            halt("final");
            finish(source, target, database, moving);
            pools.switchCluster(slug, source.cluster(), target.cluster());
            switched.run();
            Duration paused = Duration.ofNanos(System.nanoTime() - pausedAt);
            pauses.record(paused);
            switchedMoves.increment();
            LOG.infof("Switched %s from %s to %s; the tenant's work paused for %d ms", database, source.cluster(), target.cluster(),
                    paused.toMillis());
            return true;
        } catch (Halted e) {
            throw e;
        } catch (Exception e) {
            // Not final: the roll-back reopens the source too; this reopens it even if the roll-back cannot reach the target.
            if (blocked && !markSent.get()) {
                source.allowConnections(database, true);
            }
            throw e;
        } finally {
            pools.resume(slug);
        }
    }

    /**
     * No session but {@code keep} may write to the source from here: new ones are refused, client ones ended. False when
     * one did not end in time (it may still commit): the caller allows sessions again and tries later.
     */
    private static boolean blockWrites(Connection admin, String database, int keep) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute("ALTER DATABASE " + DatabaseAdmin.quote(database) + " WITH ALLOW_CONNECTIONS false");
        }
        // The walsender streaming to the target is not a client session: it must finish the copy. Each session ended is
        // waited for (the timeout), so that a commit it was making cannot land after the position read next.
        try (PreparedStatement ps = admin.prepareStatement("SELECT coalesce(bool_and(pg_terminate_backend(pid, 2000)), true) "
                + "FROM pg_stat_activity WHERE datname = ? AND pid <> ? AND backend_type = 'client backend'")) {
            ps.setString(1, database);
            ps.setInt(2, keep);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The final copy takes the real name, the source is archived as deletion archives; safe to run again. */
    private void finish(DatabaseAdmin source, DatabaseAdmin target, String database, String moving) throws SQLException {
        if (source.exists(database)) {
            String archived = source.archive(database);
            source.allowConnections(archived, true);
            halt("archived");
        }
        target.rename(moving, database);
        try (Connection t = target.connect(database); Statement st = t.createStatement()) {
            st.execute("COMMENT ON DATABASE " + DatabaseAdmin.quote(database) + " IS NULL");
        }
    }

    private String settleLocked(String database) throws SQLException {
        String moving = movingName(database);
        String slot = slotName(database);
        Map<String, Found> found = new LinkedHashMap<>();
        for (ClusterAddress cluster : clusters.reachable()) {
            found.put(cluster.name(), find(clusters.admin(cluster.name()), database, moving, slot));
        }
        String copyOn = found.entrySet().stream().filter(e -> e.getValue().copy).map(Map.Entry::getKey).findFirst().orElse(null);
        List<String> realOn = found.entrySet().stream().filter(e -> e.getValue().real).map(Map.Entry::getKey).toList();
        if (copyOn != null) {
            DatabaseAdmin target = clusters.admin(copyOn);
            if (isFinal(target, moving)) {
                String source = realOn.stream().filter(c -> !c.equals(copyOn)).findFirst().orElse(null);
                LOG.infof("Finishing the interrupted switch of %s to %s", database, copyOn);
                for (Map.Entry<String, Found> each : found.entrySet()) {
                    if (each.getValue().slot) {
                        dropSlotOn(clusters.admin(each.getKey()), slot);
                    }
                }
                finish(source == null ? target : clusters.admin(source), target, database, moving);
                return copyOn;
            }
            String source = realOn.stream().filter(c -> !c.equals(copyOn)).findFirst().orElse(null);
            LOG.infof("Rolling back the interrupted move of %s to %s", database, copyOn);
            rollBack(source == null ? null : clusters.admin(source), target, database, moving);
            return source;
        }
        for (Map.Entry<String, Found> each : found.entrySet()) {
            Found f = each.getValue();
            DatabaseAdmin admin = clusters.admin(each.getKey());
            if (f.slot) {
                dropSlotOn(admin, slot);
            }
            if (f.real && (f.slot || !f.allowsConnections)) {
                LOG.infof("Cleaning up after the interrupted roll-back of %s's move on %s", database, each.getKey());
                dropPublication(admin, database);
                admin.allowConnections(database, true);
            }
        }
        if (realOn.size() > 1) {
            throw new IllegalStateException(database + " exists on clusters " + realOn + ": an operator must choose");
        }
        if (!realOn.isEmpty() && found.get(realOn.get(0)).hasFinalMark) {
            // Killed between the rename and clearing the mark: the switch is done.
            try (Connection c = clusters.admin(realOn.get(0)).connect(database); Statement st = c.createStatement()) {
                st.execute("COMMENT ON DATABASE " + DatabaseAdmin.quote(database) + " IS NULL");
            }
        }
        return realOn.isEmpty() ? null : realOn.get(0);
    }

    /**
     * Undoes a move that is not final, step by step, each whatever the others do: the target's copy and subscription,
     * the source's slot (which would otherwise keep WAL forever) and publication, and sessions allowed on the source.
     */
    private void rollBack(DatabaseAdmin source, DatabaseAdmin target, String database, String moving) {
        try {
            if (target.exists(moving)) {
                try (Connection t = target.connect(moving)) {
                    dropSubscription(t);
                }
                target.dropMovingCopy(moving);
            }
        } catch (SQLException e) {
            LOG.errorf("Cannot drop the copy %s on %s (%s); the next start drops it", moving, target.cluster(), e.getMessage());
        }
        if (source == null) {
            return;
        }
        try {
            dropSlotOn(source, slotName(database));
        } catch (SQLException e) {
            LOG.errorf("Cannot drop the slot %s on %s (%s); the next start drops it", slotName(database), source.cluster(), e.getMessage());
        }
        try {
            if (source.exists(database)) {
                source.allowConnections(database, true);
                dropPublication(source, database);
            }
        } catch (SQLException e) {
            LOG.errorf("Cannot reopen %s on %s (%s); the next start does", database, source.cluster(), e.getMessage());
        }
    }

    private record Found(boolean real, boolean allowsConnections, boolean hasFinalMark, boolean copy, boolean slot) {
    }

    private static Found find(DatabaseAdmin admin, String database, String moving, String slot) throws SQLException {
        try (Connection c = admin.connect("postgres"); PreparedStatement ps = c.prepareStatement(
                "SELECT d.datname, d.datallowconn, coalesce(shobj_description(d.oid, 'pg_database'), '') LIKE ? "
                        + "FROM pg_database d WHERE d.datname IN (?, ?) "
                        + "UNION ALL SELECT NULL, true, false FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, FINAL_MARK + "%");
            ps.setString(2, database);
            ps.setString(3, moving);
            ps.setString(4, slot);
            boolean real = false;
            boolean allows = true;
            boolean marked = false;
            boolean copy = false;
            boolean hasSlot = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name == null) {
                        hasSlot = true;
                    } else if (name.equals(database)) {
                        real = true;
                        allows = rs.getBoolean(2);
                        marked = rs.getBoolean(3);
                    } else {
                        copy = true;
                    }
                }
            }
            return new Found(real, allows, marked, copy, hasSlot);
        }
    }

    private static boolean isFinal(DatabaseAdmin target, String moving) throws SQLException {
        try (Connection c = target.connect("postgres"); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(shobj_description(oid, 'pg_database'), '') LIKE ? FROM pg_database WHERE datname = ?")) {
            ps.setString(1, FINAL_MARK + "%");
            ps.setString(2, moving);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * The source's audit partitions that the target's template lacks (months before the template was made), so that
     * its audit rows land in their months on the target too, not in the default partition.
     */
    private static void createAuditPartitions(Connection s, Connection t) throws SQLException {
        Map<String, String> bounds = new LinkedHashMap<>();
        try (Statement st = s.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "WHERE i.inhparent = to_regclass('public.ipsc_audit') AND c.relname <> 'ipsc_audit_default'")) {
            while (rs.next()) {
                bounds.put(rs.getString(1), rs.getString(2));
            }
        }
        for (Map.Entry<String, String> partition : bounds.entrySet()) {
            String name = DatabaseAdmin.quote(partition.getKey());
            try (PreparedStatement exists = t.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, "public." + partition.getKey());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        continue;
                    }
                }
            }
            try (Statement st = t.createStatement()) {
                st.execute("CREATE TABLE public." + name + " PARTITION OF ipsc_audit " + partition.getValue());
                st.execute("CREATE TRIGGER ipsc_audit_no_truncate BEFORE TRUNCATE ON public." + name
                        + " FOR EACH STATEMENT EXECUTE FUNCTION ipsc_audit_refuse()");
                st.execute("REVOKE UPDATE, DELETE, TRUNCATE ON public." + name + " FROM PUBLIC");
            }
        }
    }

    /**
     * Empties every table of the copy, so that the source's rows are the only ones (the template's Flyway history,
     * identity row and seed rows would collide with them). As replica, so the audit trail's truncate guard is quiet.
     */
    private static void emptyTables(Connection t) throws SQLException {
        List<String> tables = userTables(t, "c.relkind IN ('r', 'p') AND NOT c.relispartition");
        if (tables.isEmpty()) {
            return;
        }
        boolean autoCommit = t.getAutoCommit();
        t.setAutoCommit(false);
        try (Statement st = t.createStatement()) {
            st.execute("SET LOCAL session_replication_role = replica");
            st.execute("TRUNCATE " + String.join(", ", tables));
            t.commit();
        } catch (SQLException e) {
            t.rollback();
            throw e;
        } finally {
            t.setAutoCommit(autoCommit);
        }
    }

    /**
     * A table without a primary key cannot have its updates and deletes published: the source would refuse them
     * once the publication exists. Such a table (none of the suite's today) gets REPLICA IDENTITY FULL first.
     */
    private static void allowUpdatesToBeReplicated(Connection s) throws SQLException {
        List<String> tables = userTables(s, "c.relkind = 'r' AND c.relreplident = 'd' "
                + "AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)");
        for (String table : tables) {
            try (Statement st = s.createStatement()) {
                st.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
            }
        }
    }

    /** The qualified, quoted names of the database's own tables (not the catalogs') that match {@code condition} on {@code c}. */
    private static List<String> userTables(Connection connection, String condition) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND " + condition)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** How many tables the subscription copies (it lists them at its creation). */
    private static int subscribedTables(DatabaseAdmin target, String moving) throws SQLException {
        try (Connection t = target.connect(moving)) {
            return Integer.parseInt(scalar(t, "SELECT count(*) FROM pg_subscription_rel r JOIN pg_subscription s ON s.oid = r.srsubid "
                    + "WHERE s.subname = '" + SUBSCRIPTION + "' AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"));
        }
    }

    /** Until every table's initial copy is done; fails at the first copy error, or after {@code ipsc.move.copy-timeout}. */
    private void awaitInitialCopy(DatabaseAdmin target, String moving) throws Exception {
        long deadline = System.nanoTime() + copyTimeout.toNanos();
        long sleep = 10;
        try (Connection t = target.connect(moving); PreparedStatement ps = t.prepareStatement(
                "SELECT count(*) FILTER (WHERE r.srsubstate <> 'r'), "
                        + "(SELECT coalesce(sum(st.sync_error_count + st.apply_error_count), 0) FROM pg_stat_subscription_stats st "
                        + " WHERE st.subid = s.oid), "
                        + "string_agg(r.srrelid::regclass::text, ', ') FILTER (WHERE r.srsubstate <> 'r') "
                        + "FROM pg_subscription s JOIN pg_subscription_rel r ON r.srsubid = s.oid "
                        + "WHERE s.subname = ? AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                        + "GROUP BY s.oid")) {
            ps.setString(1, SUBSCRIPTION);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("the subscription of " + moving + " has disappeared");
                    }
                    if (rs.getLong(2) > 0) {
                        throw new IllegalStateException("copying " + (rs.getString(3) == null ? "the changes" : rs.getString(3))
                                + " to cluster " + target.cluster() + " failed (its PostgreSQL log says why)");
                    }
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the initial copy of " + rs.getString(3) + " did not finish within " + copyTimeout);
                    }
                }
                Thread.sleep(sleep);
                sleep = Math.min(sleep * 2, LAST_POLL_MILLIS);
            }
        }
    }

    /** Until the target has confirmed the source's WAL up to {@code lsn}, or the deadline; false if not reached. */
    private static boolean awaitConfirmed(Connection admin, String slot, String lsn, long deadlineNanos) throws Exception {
        long sleep = 1;
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT confirmed_flush_lsn >= ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, lsn);
            ps.setString(2, slot);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("the move's slot " + slot + " has disappeared");
                    }
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
                if (System.nanoTime() > deadlineNanos) {
                    return false;
                }
                Thread.sleep(sleep);
                sleep = Math.min(sleep * 2, 20);
            }
        }
    }

    /** Each of the target's sequences set to where the source's is: ids continue after the source's, none used twice. */
    private static void copySequences(Connection s, Connection t) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement st = s.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences WHERE last_value IS NOT NULL")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        try (PreparedStatement ps = t.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
            for (Map.Entry<String, Long> sequence : values.entrySet()) {
                ps.setString(1, sequence.getKey());
                ps.setLong(2, sequence.getValue());
                ps.execute();
            }
        }
    }

    /** Drops the subscription in the copy without touching its slot (dropped on the source, where it is). */
    private static void dropSubscription(Connection t) throws SQLException {
        try (Statement st = t.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM pg_subscription WHERE subname = '" + SUBSCRIPTION
                        + "' AND subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return;
            }
        }
        try (Statement st = t.createStatement()) {
            st.execute("ALTER SUBSCRIPTION " + SUBSCRIPTION + " DISABLE");
            st.execute("ALTER SUBSCRIPTION " + SUBSCRIPTION + " SET (slot_name = NONE)");
            st.execute("DROP SUBSCRIPTION " + SUBSCRIPTION);
        }
    }

    private static void dropSlotOn(DatabaseAdmin admin, String slot) throws SQLException {
        try (Connection c = admin.connect("postgres")) {
            dropSlot(c, slot);
        }
    }

    /** Drops the slot, ending the walsender still streaming from it (the subscription is gone or going). */
    private static void dropSlot(Connection c, String slot) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = ? AND active_pid IS NOT NULL")) {
                ps.setString(1, slot);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, slot);
                ps.execute();
                return;
            } catch (SQLException e) {
                // 55006: still active for a moment after its walsender was told to end.
                if (!"55006".equals(e.getSQLState()) || attempt >= 50) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void dropPublication(DatabaseAdmin admin, String database) throws SQLException {
        try (Connection c = admin.connect(database); Statement st = c.createStatement()) {
            st.execute("DROP PUBLICATION IF EXISTS " + PUBLICATION);
        }
    }

    /** How the target reaches the source: the source cluster's address as this service knows it. */
    private static String conninfo(DatabaseAdmin source, String database) {
        ClusterAddress a = source.address();
        return "host=" + conninfoValue(a.host()) + " port=" + a.port() + " user=" + conninfoValue(a.user())
                + " password=" + conninfoValue(a.password()) + " dbname=" + conninfoValue(database);
    }

    private static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static void lock(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            ps.setString(1, "ipsc-move:" + database);
            ps.execute();
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        return Integer.parseInt(scalar(c, "SELECT pg_backend_pid()"));
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void halt(String step) {
        if (step.equals(haltAfter)) {
            halted.complete(step);
            throw new Halted(step);
        }
    }

    /** {@code name} + {@code suffix}, the name cut and a hash added when that would pass PostgreSQL's 63 characters. */
    private static String shortened(String name, String suffix) {
        if (name.length() + suffix.length() <= 63) {
            return name + suffix;
        }
        return name.substring(0, 63 - suffix.length() - 9) + "_" + hash(name).substring(0, 8) + suffix;
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
