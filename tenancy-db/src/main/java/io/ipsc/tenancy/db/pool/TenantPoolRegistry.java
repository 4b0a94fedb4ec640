package io.ipsc.tenancy.db.pool;

import io.ipsc.tenancy.db.audit.AuditActor;
import io.ipsc.tenancy.db.audit.AuditedPool;
import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.ipsc.tenancy.db.cluster.Clusters;
import io.ipsc.tenancy.db.cluster.UnknownClusterException;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.event.Placement;
import io.ipsc.tenancy.error.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One small reactive PostgreSQL pool per tenant database, opened on first use and closed when idle,
 * with at most {@link PoolSettings#maxOpenPools()} open at once. A PostgreSQL connection serves one
 * database only, so this cap and the small per-tenant size are what bound the connections an
 * instance holds ({@link PoolSettings#maxConnections()}), whatever the number of tenants.
 *
 * <p>Lookups of an open pool take no lock. Opening, evicting and closing take one short lock that
 * never waits on I/O: pools are built without connecting, and closes complete asynchronously.
 * A pool's slot stays taken until its connections are closed, so the bound holds during turnover.
 *
 * <p>A tenant's database moving to another cluster (issue 20) is switched here: {@link #pause} holds the
 * tenant's new work (it waits, at most {@code ipsc.move.pause}, then gets 503 {@code TENANT_MOVING} with
 * {@code Retry-After}), {@link #awaitIdle} lets the work in flight finish, {@link #switchCluster} closes
 * the old cluster's pool and sends every later use, even one naming the old cluster, to the new one, and
 * {@link #resume} lets the held work go on there.
 */
@ApplicationScoped
public class TenantPoolRegistry implements AutoCloseable {

    private static final long MIN_EVICTION_PERIOD_MILLIS = 1000;
    /** How long a caller finding every pool busy waits for one before a 503: the time a pool's work usually takes, many times over. */
    static final String BUSY_WAIT = "ipsc.pool.busy-wait";
    static final Duration DEFAULT_BUSY_WAIT = Duration.ofSeconds(1);
    private static final long FIRST_BUSY_RETRY_MILLIS = 5;
    private static final long LAST_BUSY_RETRY_MILLIS = 100;
    private static final long SHUTDOWN_WAIT_SECONDS = 10;
    /** How long a tenant's new work waits while its database is being switched to another cluster, before a 503. */
    public static final String MOVE_PAUSE = "ipsc.move.pause";
    public static final Duration DEFAULT_MOVE_PAUSE = Duration.ofSeconds(5);
    private static final long LAST_PAUSE_RETRY_MILLIS = 20;

    private final Vertx vertx;
    private final PoolSettings settings;
    private final PoolMetrics metrics;
    private final LongSupplier nanoTime;
    private final Duration busyWait;
    private final Duration movePause;
    /** Tenants whose database is being switched to another cluster: their new work waits. */
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    /** Where a moved tenant's database went: work naming (old cluster, tenant) is sent to the new cluster. */
    private final Map<PoolKey, String> moved = new ConcurrentHashMap<>();
    /** The address of each cluster by name: {@link Clusters} in a service, the settings' one cluster in a plain test. */
    private final Function<String, ClusterAddress> clusters;
    private final Map<PoolKey, TenantPool> pools = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final long evictionTimer;
    /** Open pools plus those still closing. Guarded by {@link #lock}. */
    private int slotsTaken;
    /** Guarded by {@link #lock}. */
    private boolean shutDown;

    public TenantPoolRegistry(Vertx vertx, PoolSettings settings, MeterRegistry meterRegistry) {
        this(vertx, settings, meterRegistry, System::nanoTime, DEFAULT_BUSY_WAIT);
    }

    /** With the main cluster at the settings' address and no other. */
    TenantPoolRegistry(Vertx vertx, PoolSettings settings, MeterRegistry meterRegistry, LongSupplier nanoTime, Duration busyWait) {
        this(vertx, settings, onlyMain(settings), meterRegistry, nanoTime, busyWait, DEFAULT_MOVE_PAUSE);
    }

    /** On {@code clusters}, new work of a tenant being switched to another cluster waiting at most {@code movePause} (tools, tests). */
    public TenantPoolRegistry(Vertx vertx, PoolSettings settings, Clusters clusters, MeterRegistry meterRegistry, Duration movePause) {
        this(vertx, settings, clusters::require, meterRegistry, System::nanoTime, DEFAULT_BUSY_WAIT, movePause);
    }

    /**
     * {@code nanoTime} is the clock idle time is measured by: {@link System#nanoTime()}, which never
     * jumps as a wall clock ({@link java.time.Clock}) may, or a test's own, which moves only when told.
     * {@code busyWait} is how long a caller that finds every pool busy waits for one to free up before
     * it is refused (zero: refused at once). {@code movePause} is how long a paused tenant's work waits.
     */
    TenantPoolRegistry(Vertx vertx, PoolSettings settings, Function<String, ClusterAddress> clusters, MeterRegistry meterRegistry,
                       LongSupplier nanoTime, Duration busyWait, Duration movePause) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.busyWait = Objects.requireNonNull(busyWait, "busyWait");
        this.movePause = Objects.requireNonNull(movePause, "movePause");
        this.metrics = new PoolMetrics(meterRegistry, settings.maxOpenPools(), this::openPools, this::inFlight);
        long period = Math.max(MIN_EVICTION_PERIOD_MILLIS, settings.idleTimeout().toMillis() / 2);
        this.evictionTimer = vertx.setPeriodic(period, timerId -> evictIdle());
    }

    /** For CDI: the settings come from the {@code ipsc.pool.*} keys, each cluster's address from {@link Clusters}. */
    @Inject
    TenantPoolRegistry(Vertx vertx, Clusters clusters, MeterRegistry meterRegistry) {
        this(vertx, PoolSettings.fromConfig(), clusters::require, meterRegistry, System::nanoTime, ConfigProvider.getConfig()
                .getOptionalValue(BUSY_WAIT, String.class).map(PoolSettings::parseDuration).orElse(DEFAULT_BUSY_WAIT),
                ConfigProvider.getConfig().getOptionalValue(MOVE_PAUSE, String.class).map(PoolSettings::parseDuration)
                        .orElse(DEFAULT_MOVE_PAUSE));
    }

    /**
     * Runs {@code work} on the pool of {@code tenantSlug}'s database {@code databaseName}, opening
     * the pool if needed. The pool counts as in use, and cannot be evicted, until the Uni returned
     * by {@code work} terminates (item, failure or cancellation). Opening a pool beyond the cap
     * first evicts the least recently used pool with no work in flight; if every open pool is
     * busy, the call waits for one to free up, at most {@code ipsc.pool.busy-wait} (1 s by default),
     * and then fails with a 503 {@code TOO_BUSY} {@link ApiException} carrying {@code Retry-After: 1}.
     */
    public <T> Uni<T> withPool(String tenantSlug, String databaseName, Function<Pool, Uni<T>> work) {
        return withPool(Placement.MAIN_CLUSTER, tenantSlug, databaseName, AuditActor.SYSTEM, work);
    }

    /** As {@link #withPool(String, String, Function)}, on the tenant's database where the directory says it is. */
    public <T> Uni<T> withPool(TenantEntry tenant, Function<Pool, Uni<T>> work) {
        return withPool(tenant, AuditActor.SYSTEM, work);
    }

    /** As {@link #withPool(String, String, AuditActor, Function)}, on the tenant's database where the directory says it is. */
    public <T> Uni<T> withPool(TenantEntry tenant, AuditActor actor, Function<Pool, Uni<T>> work) {
        Objects.requireNonNull(tenant, "tenant");
        return withPool(tenant.cluster(), tenant.snapshot().slug(), tenant.database(), actor, work);
    }

    /** As {@link #withPool(String, String, AuditActor, Function)}, on the main cluster (tests and single-cluster tools). */
    public <T> Uni<T> withPool(String tenantSlug, String databaseName, AuditActor actor, Function<Pool, Uni<T>> work) {
        return withPool(Placement.MAIN_CLUSTER, tenantSlug, databaseName, actor, work);
    }

    /**
     * As {@link #withPool(String, String, Function)}, with every change {@code work} makes recorded in
     * the tenant's audit trail as {@code actor}'s (a request's user, or the Kafka record being handled).
     */
    public <T> Uni<T> withPool(String cluster, String tenantSlug, String databaseName, AuditActor actor, Function<Pool, Uni<T>> work) {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(tenantSlug, "tenantSlug");
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(work, "work");
        PoolKey key = new PoolKey(cluster, tenantSlug);
        return Uni.createFrom().deferred(() -> {
            long now = System.nanoTime();
            return attempt(key, databaseName, actor, work, now + busyWait.toNanos(), FIRST_BUSY_RETRY_MILLIS, now + movePause.toNanos());
        });
    }

    /**
     * Enters the tenant's pool and runs {@code work}; when every pool is busy, tries again after {@code delayMillis}
     * (doubling, on a Vert.x timer: the caller's context is kept and no thread waits) until {@code deadlineNanos}, then
     * refuses. A moment at capacity (an outbox sweep touching every open pool at once, a burst of new tenants) is waited
     * out instead of failing the request.
     */
    private <T> Uni<T> attempt(PoolKey requested, String database, AuditActor actor, Function<Pool, Uni<T>> work, long deadlineNanos,
                               long delayMillis, long pauseDeadlineNanos) {
        if (paused.contains(requested.tenant())) {
            return waitForSwitch(requested, database, actor, work, delayMillis, pauseDeadlineNanos);
        }
        TenantPool entered = enter(whereNow(requested), database);
        if (entered != null) {
            // Checked again once counted in flight: a switch that began meanwhile either sees this work and waits for it,
            // or this work sees the switch and waits for it (awaitIdle reads the counts after adding to paused).
            if (paused.contains(requested.tenant())) {
                entered.exit();
                return waitForSwitch(requested, database, actor, work, FIRST_BUSY_RETRY_MILLIS, pauseDeadlineNanos);
            }
            return Uni.createFrom().completionStage(entered.ready())
                    .chain(() -> work.apply(AuditedPool.wrap(entered.pool(), actor)))
                    .onTermination().invoke(entered::exit);
        }
        long leftNanos = deadlineNanos - System.nanoTime();
        if (leftNanos <= 0) {
            metrics.rejected();
            return Uni.createFrom().failure(tooBusy());
        }
        // Rounded up: whole milliseconds rounded down refused up to one early (TenantPoolRegistryTest saw 199 ms of 200).
        long delay = Math.min(delayMillis, (leftNanos + 999_999) / 1_000_000);
        return after(delay).chain(() -> Uni.createFrom().deferred(() -> attempt(requested, database, actor, work, deadlineNanos,
                Math.min(delayMillis * 2, LAST_BUSY_RETRY_MILLIS), pauseDeadlineNanos)));
    }

    /** Completes after {@code delayMillis}, on a Vert.x timer: the caller's context is kept and no thread waits. */
    private Uni<Void> after(long delayMillis) {
        return Uni.createFrom().emitter(waited -> {
            long timer = vertx.setTimer(delayMillis, id -> waited.complete(null));
            waited.onTermination(() -> vertx.cancelTimer(timer));
        });
    }

    /**
     * The tenant is paused for a switch: looks again after {@code delayMillis} (on a Vert.x timer, as for a busy
     * instance), refusing with 503 {@code TENANT_MOVING} once the pause has lasted {@code ipsc.move.pause} for this
     * caller. Work that had started before the pause is not affected: the switch waits for it.
     */
    private <T> Uni<T> waitForSwitch(PoolKey requested, String database, AuditActor actor, Function<Pool, Uni<T>> work, long delayMillis,
                                     long pauseDeadlineNanos) {
        long leftNanos = pauseDeadlineNanos - System.nanoTime();
        if (leftNanos <= 0) {
            return Uni.createFrom().failure(tenantMoving(requested.tenant()));
        }
        long delay = Math.min(delayMillis, (leftNanos + 999_999) / 1_000_000);
        return after(delay).chain(() -> Uni.createFrom().deferred(() -> attempt(requested, database, actor, work,
                System.nanoTime() + busyWait.toNanos(), Math.min(delayMillis * 2, LAST_PAUSE_RETRY_MILLIS), pauseDeadlineNanos)));
    }

    /** Where the work naming {@code requested} goes: the cluster the tenant's database was switched to, if it moved. */
    private PoolKey whereNow(PoolKey requested) {
        String to = moved.get(requested);
        return to == null ? requested : new PoolKey(to, requested.tenant());
    }

    /**
     * Holds the tenant's new work (the first step of a move's switch): each new use waits until {@link #resume}, at most
     * {@code ipsc.move.pause}, then gets 503 {@code TENANT_MOVING}. Work already running goes on; see {@link #awaitIdle}.
     */
    public void pause(String tenantSlug) {
        paused.add(Objects.requireNonNull(tenantSlug, "tenantSlug"));
    }

    /** Lets the tenant's held work go on (to the new cluster once {@link #switchCluster} has been called). */
    public void resume(String tenantSlug) {
        paused.remove(tenantSlug);
    }

    /**
     * Waits, at most {@code timeout}, until no work is in flight on any of the tenant's pools; true if none is. Blocks
     * the calling thread (the provisioner's, never an event loop). Meant after {@link #pause}, which stops new work coming.
     */
    public boolean awaitIdle(String tenantSlug, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleepMillis = 1;
        while (true) {
            boolean busy = pools.values().stream().anyMatch(p -> p.slug().equals(tenantSlug) && !p.isIdle());
            if (!busy) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(sleepMillis);
            sleepMillis = Math.min(sleepMillis * 2, LAST_PAUSE_RETRY_MILLIS);
        }
    }

    /**
     * The tenant's database is now on cluster {@code to}, no longer on {@code from}: closes the tenant's pool on
     * {@code from} (waiting for its connections to close) and sends all later work for the tenant on {@code from}, even
     * from a caller that looked the tenant up before the switch, to {@code to}. Called while the tenant is paused.
     */
    public void switchCluster(String tenantSlug, String from, String to) {
        PoolKey old = new PoolKey(from, tenantSlug);
        TenantPool closing;
        lock.lock();
        try {
            closing = pools.remove(old);
            if (closing != null) {
                closing.retire();
            }
            // A tenant moved back: its new home no longer redirects, and an older redirect to `from` now leads to `to`.
            moved.remove(new PoolKey(to, tenantSlug));
            moved.replaceAll((key, target) -> key.tenant().equals(tenantSlug) && target.equals(from) ? to : target);
            moved.put(old, to);
        } finally {
            lock.unlock();
        }
        if (closing != null) {
            try {
                closeAndFreeSlot(closing).get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Its connections are to a database that is archived next, which ends them anyway.
            }
        }
    }

    /**
     * Closes and forgets the tenant's pools, on whichever cluster; the Uni completes once their
     * connections are closed. Work still in flight on them fails, so the caller stops sending new
     * work for the tenant first (as before renaming the tenant's database on deletion). Does
     * nothing if no pool is open.
     */
    public Uni<Void> close(String tenantSlug) {
        Objects.requireNonNull(tenantSlug, "tenantSlug");
        return Uni.createFrom().deferred(() -> {
            List<TenantPool> removed = new ArrayList<>();
            lock.lock();
            try {
                // A deleted tenant created again later starts where its new snapshot places it, not where it once moved.
                moved.keySet().removeIf(key -> key.tenant().equals(tenantSlug));
                for (PoolKey key : List.copyOf(pools.keySet())) {
                    if (key.tenant().equals(tenantSlug)) {
                        TenantPool pool = pools.remove(key);
                        pool.retire();
                        removed.add(pool);
                    }
                }
            } finally {
                lock.unlock();
            }
            return Uni.createFrom().completionStage(CompletableFuture.allOf(
                    removed.stream().map(this::closeAndFreeSlot).toArray(CompletableFuture[]::new)));
        });
    }

    public int openPools() {
        return pools.size();
    }

    /**
     * The state of a tenant's pool in this instance, for the operator's database view.
     *
     * @param open whether a pool is open now (pools open on first use and close when idle)
     * @param inFlight units of work running on it now
     * @param idleSeconds since its last use, when open
     */
    public record PoolState(boolean open, String cluster, String database, int inFlight, Long idleSeconds, int maxConnections,
                            long idleTimeoutSeconds, int openPoolsInInstance, int maxOpenPoolsInInstance) {
    }

    public PoolState state(String tenantSlug) {
        TenantPool pool = pools.values().stream().filter(p -> p.slug().equals(tenantSlug)).findFirst().orElse(null);
        int open = pools.size();
        if (pool == null) {
            return new PoolState(false, null, null, 0, null, settings.maxSizePerTenant(), settings.idleTimeout().toSeconds(), open,
                    settings.maxOpenPools());
        }
        long idle = TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - pool.lastUsedNanos());
        return new PoolState(true, pool.cluster(), pool.database(), pool.inFlight(), idle, settings.maxSizePerTenant(),
                settings.idleTimeout().toSeconds(), open, settings.maxOpenPools());
    }

    /** The tenants with a pool open, on whichever cluster. */
    public Set<String> openTenants() {
        return pools.keySet().stream().map(PoolKey::tenant).collect(Collectors.toSet());
    }

    /** Stops idle eviction and closes every pool; used at shutdown. */
    @PreDestroy
    @Override
    public void close() {
        List<TenantPool> all;
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            shutDown = true;
            vertx.cancelTimer(evictionTimer);
            all = new ArrayList<>(pools.values());
            pools.clear();
            all.forEach(TenantPool::retire);
        } finally {
            lock.unlock();
        }
        CompletableFuture<?>[] closing = all.stream().map(this::closeAndFreeSlot).toArray(CompletableFuture[]::new);
        metrics.remove();
        // Waiting lets the connections end cleanly before Vert.x itself stops; an event loop must not wait.
        if (!Context.isOnEventLoopThread()) {
            try {
                CompletableFuture.allOf(closing).get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Closing is best effort at shutdown: PostgreSQL drops the connections when the process exits.
            }
        }
    }

    /**
     * Returns the tenant's pool with one more unit of work counted on it, opening it if needed; null when the cap is
     * reached and every open pool has work in flight.
     */
    private TenantPool enter(PoolKey key, String database) {
        TenantPool open = pools.get(key);
        if (open != null && open.tryEnter()) {
            return requireDatabase(open, database);
        }
        lock.lock();
        try {
            if (shutDown) {
                throw new IllegalStateException("The tenant pool registry is closed");
            }
            // Under the lock every pool in the map is live: retiring and removing happen together here.
            open = pools.get(key);
            if (open != null && open.tryEnter()) {
                return requireDatabase(open, database);
            }
            // An unknown cluster is refused before a slot is taken: nothing to give back.
            ClusterAddress address = clusters.apply(key.cluster());
            CompletableFuture<Void> slotFree;
            if (slotsTaken < settings.maxOpenPools()) {
                slotsTaken++;
                slotFree = CompletableFuture.completedFuture(null);
            } else {
                TenantPool victim = retireLeastRecentlyUsedIdle();
                if (victim == null) {
                    return null;
                }
                pools.remove(new PoolKey(victim.cluster(), victim.slug()), victim);
                metrics.evictedForCapacity();
                // The victim's slot passes to the new pool, which connects only once the victim's connections are gone.
                slotFree = victim.close();
            }
            TenantPool opened = TenantPool.openEntered(vertx, settings, address, key.tenant(), database, slotFree, nanoTime);
            pools.put(key, opened);
            metrics.opened();
            return opened;
        } finally {
            lock.unlock();
        }
    }

    private static Function<String, ClusterAddress> onlyMain(PoolSettings settings) {
        ClusterAddress main = new ClusterAddress(Placement.MAIN_CLUSTER, settings.host(), settings.port(), settings.user(), settings.password());
        return name -> {
            if (!main.name().equals(name)) {
                throw new UnknownClusterException(name);
            }
            return main;
        };
    }

    private TenantPool requireDatabase(TenantPool entered, String database) {
        if (!entered.database().equals(database)) {
            entered.exit();
            throw new IllegalStateException("The pool of tenant " + entered.slug() + " is open on database "
                    + entered.database() + ", not " + database + "; close it before switching databases");
        }
        return entered;
    }

    /** Called under the lock. Work may enter a pool concurrently, so a candidate can turn busy: then try the next. */
    private TenantPool retireLeastRecentlyUsedIdle() {
        List<TenantPool> candidates = pools.values().stream()
                .filter(TenantPool::isIdle)
                .sorted(Comparator.comparingLong(TenantPool::lastUsedNanos))
                .toList();
        for (TenantPool candidate : candidates) {
            if (candidate.tryRetire()) {
                return candidate;
            }
        }
        return null;
    }

    private ApiException tenantMoving(String tenantSlug) {
        return new ApiException(503, "TENANT_MOVING",
                "Tenant '" + tenantSlug + "' is being switched to another database cluster; retry in a moment",
                List.of(), Map.of("Retry-After", "2"));
    }

    private ApiException tooBusy() {
        return new ApiException(503, "TOO_BUSY",
                "All " + settings.maxOpenPools() + " tenant database pools of this instance are busy; retry shortly",
                List.of(), Map.of("Retry-After", "1"));
    }

    /** Runs on the eviction timer: closes the pools unused for the idle timeout with nothing in flight. */
    void evictIdle() {
        long now = nanoTime.getAsLong();
        long idleNanos = settings.idleTimeout().toNanos();
        List<TenantPool> idle = new ArrayList<>();
        lock.lock();
        try {
            for (TenantPool pool : pools.values()) {
                if (now - pool.lastUsedNanos() >= idleNanos && pool.tryRetire()) {
                    pools.remove(new PoolKey(pool.cluster(), pool.slug()), pool);
                    idle.add(pool);
                }
            }
        } finally {
            lock.unlock();
        }
        for (TenantPool pool : idle) {
            metrics.evictedIdle();
            closeAndFreeSlot(pool);
        }
    }

    private CompletableFuture<Void> closeAndFreeSlot(TenantPool pool) {
        return pool.close().whenComplete((ignored, failure) -> {
            lock.lock();
            try {
                slotsTaken--;
            } finally {
                lock.unlock();
            }
        });
    }

    private int inFlight() {
        int total = 0;
        for (TenantPool pool : pools.values()) {
            total += pool.inFlight();
        }
        return total;
    }
}
