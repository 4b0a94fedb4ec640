package io.ipsc.tenancy.db.pool;

import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * One tenant's open pool, with the count of work in flight on it and when it was last used.
 *
 * <p>The in-flight count doubles as the pool's state: a negative value means retired. Entering
 * and retiring are both compare-and-set on that one counter, so a pool can never be retired
 * between a caller finding it and starting work on it.
 */
final class TenantPool {

    /** {@code SELECT *}, {@code SELECT t.*}, {@code RETURNING *}. */
    private static final Pattern WHOLE_ROW = Pattern.compile("(?i)\\b(SELECT|RETURNING)\\s+(\\w+\\.)?\\*");
    private static final int PREPARED_SQL_LIMIT = 2048;

    private static final int RETIRED = Integer.MIN_VALUE;
    /** How long a caller waits for a free connection, and for PostgreSQL to accept a new one. */
    private static final int CONNECTION_TIMEOUT_SECONDS = 5;

    private final String cluster;
    private final String slug;
    private final String database;
    private final Pool pool;
    /** Completes once this pool may connect: when the pool whose slot it took has finished closing. */
    private final CompletableFuture<Void> ready;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The registry's clock, in nanoseconds of {@link System#nanoTime()} or a test's own. */
    private final LongSupplier nanoTime;
    private volatile long lastUsedNanos;

    private TenantPool(String cluster, String slug, String database, Pool pool, CompletableFuture<Void> ready, LongSupplier nanoTime) {
        this.cluster = cluster;
        this.slug = slug;
        this.database = database;
        this.pool = pool;
        this.ready = ready;
        this.nanoTime = nanoTime;
        this.lastUsedNanos = nanoTime.getAsLong();
    }

    /** Builds the pool (no connection is made until first use) with one unit of work already in flight. */
    static TenantPool openEntered(Vertx vertx, PoolSettings settings, ClusterAddress cluster, String slug, String database,
                                  CompletableFuture<Void> ready, LongSupplier nanoTime) {
        PoolOptions poolOptions = new PoolOptions()
                .setName("tenant-" + slug)
                .setMaxSize(settings.maxSizePerTenant())
                // A burst can fill the pool; its connections go back once unused for this long.
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setConnectionTimeout(CONNECTION_TIMEOUT_SECONDS)
                .setConnectionTimeoutUnit(TimeUnit.SECONDS);
        PgConnectOptions connectOptions = new PgConnectOptions()
                .setHost(cluster.host())
                .setPort(cluster.port())
                .setUser(cluster.user())
                .setPassword(cluster.password())
                .setDatabase(database)
                .setConnectTimeout(CONNECTION_TIMEOUT_SECONDS * 1000)
                // Each connection keeps its statements prepared (named, parsed and planned once) instead of sending
                // every statement unnamed, which PostgreSQL parses and plans again each time (issue 19).
                .setCachePreparedStatements(true)
                .setPreparedStatementCacheSqlFilter(TenantPool::keepsPrepared);
        Pool pool = PgBuilder.pool().with(poolOptions).connectingTo(connectOptions).using(vertx).build();
        TenantPool tenantPool = new TenantPool(cluster.name(), slug, database, pool, ready, nanoTime);
        tenantPool.inFlight.set(1);
        return tenantPool;
    }

    /**
     * Whether a connection keeps {@code sql} prepared. Not a statement that selects or returns {@code *}: a migration
     * that adds a column (a new release's, while this one still serves) would change its rows, and PostgreSQL refuses
     * to run a prepared statement whose result type changed ("cached plan must not change result type"); a statement
     * that names its columns is planned again without a word. Very long statements (a generated IN list) are not kept.
     */
    static boolean keepsPrepared(String sql) {
        // Asked on every execution: most statements have no '*' at all and skip the pattern.
        return sql.length() < PREPARED_SQL_LIMIT && (sql.indexOf('*') < 0 || !WHOLE_ROW.matcher(sql).find());
    }

    String cluster() {
        return cluster;
    }

    String slug() {
        return slug;
    }

    String database() {
        return database;
    }

    Pool pool() {
        return pool;
    }

    /** A copy per caller: a caller that cancels its wait cancels its copy, not the others' waits. */
    CompletableFuture<Void> ready() {
        return ready.copy();
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    int inFlight() {
        return Math.max(0, inFlight.get());
    }

    boolean isIdle() {
        return inFlight.get() == 0;
    }

    /** Counts one more unit of work, unless the pool is retired. */
    boolean tryEnter() {
        while (true) {
            int current = inFlight.get();
            if (current < 0) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                lastUsedNanos = nanoTime.getAsLong();
                return true;
            }
        }
    }

    void exit() {
        inFlight.updateAndGet(current -> current > 0 ? current - 1 : current);
        // A long query ending is use too: idle time counts from the end of the last work.
        lastUsedNanos = nanoTime.getAsLong();
    }

    /** Retires the pool only if no work is in flight; after that nobody can enter it. */
    boolean tryRetire() {
        return inFlight.compareAndSet(0, RETIRED);
    }

    /** Retires the pool whatever is in flight. */
    void retire() {
        inFlight.set(RETIRED);
    }

    /**
     * Closes the pool's connections; the stage completes once they are closed, successfully or not.
     * It also waits for {@link #ready()}: a pool evicted before it could connect still stands for the
     * slot of the pool it replaced, which may not have finished closing yet.
     */
    CompletableFuture<Void> close() {
        return ready
                .handle((ignored, failure) -> null)
                .thenCompose(ignored -> pool.close()
                        .onFailure().recoverWithNull()
                        .subscribeAsCompletionStage());
    }
}
