package io.ipsc.tenancy.db.outbox;

import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.db.directory.TenantState;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.event.ReliableProducer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Sends a tenant database's outbox table to a Kafka topic (key = the tenant's slug) and marks each row sent once the
 * broker has acknowledged it. Every service with an outbox has one of these, configured with its table and topic, and
 * none writes its own relay.
 *
 * <p>Why an outbox: a row written in the business transaction exists if and only if that transaction committed; a send
 * before the commit could announce what then rolls back, and a send after it is lost if Kafka is away or the process
 * dies. When rows are sent:
 * <ul>
 *   <li>right after the commit that wrote them ({@link #trigger});</li>
 *   <li>for rows an earlier process left behind, when the provisioner's start-up catch-up finds them in the tenant's
 *       database ({@link #hasPending}, on the connection the catch-up holds anyway: no pool is opened for tenants
 *       with nothing to send);</li>
 *   <li>again with back-off (1 s doubling to a minute) for a tenant whose last pass failed;</li>
 *   <li>and by a periodic sweep of the tenants this instance is serving (open pools), a safety net for a row whose
 *       trigger was lost between the commit and the call.</li>
 * </ul>
 *
 * <p>Passes for one tenant never overlap (a pass asked for during another runs right after it), so this instance does
 * not send a row twice; a crash between the acknowledgement and the "sent" update sends it again, which the row's stable
 * key lets the consumer apply once. Sending runs on one thread of this relay's own: {@code KafkaProducer.send} can block
 * while it fetches metadata, which an event loop must never do.
 */
public class TenantOutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TenantOutboxRelay.class);
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    static final int BATCH = 100;
    static final long FIRST_RETRY_MILLIS = 1_000;
    static final long LAST_RETRY_MILLIS = 60_000;

    /** The outbox: its table (columns {@code id}, {@code payload}, {@code sent_at}), the topic it feeds, the producer's client id. */
    public record Outbox(String table, String topic, String clientId) {
        public Outbox {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("Not a table name: " + table);
            }
        }
    }

    private final Outbox outbox;
    private final TenantPoolRegistry pools;
    private final TenantDirectory directory;
    private final Vertx vertx;
    private final String bootstrapServers;
    private final Duration sweepInterval;
    private final String pendingQuery;
    private final String markSent;
    private final ExecutorService sender;
    /** Per tenant with a pass running: whether another pass was asked for meanwhile. */
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    /** Per tenant waiting on a retry timer: the delay of the retry after that one. */
    private final Map<String, Long> retryDelays = new ConcurrentHashMap<>();
    private volatile KafkaProducer<String, String> producer;
    private volatile long sweepTimer = -1;

    public TenantOutboxRelay(Outbox outbox, TenantPoolRegistry pools, TenantDirectory directory, Vertx vertx, String bootstrapServers,
                             Duration sweepInterval) {
        this.outbox = outbox;
        this.pools = pools;
        this.directory = directory;
        this.vertx = vertx;
        this.bootstrapServers = bootstrapServers;
        this.sweepInterval = sweepInterval;
        this.pendingQuery = "SELECT id, payload FROM " + outbox.table() + " WHERE sent_at IS NULL ORDER BY id LIMIT $1";
        this.markSent = "UPDATE " + outbox.table() + " SET sent_at = now() WHERE id = ANY ($1)";
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, outbox.clientId() + "-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /** A service's relay, as a bean: its outbox, and what every relay shares. */
    protected TenantOutboxRelay(Outbox outbox, OutboxRelayContext context) {
        this(outbox, context.pools, context.directory, context.vertx, context.bootstrapServers, context.sweepInterval);
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Starts the periodic sweep; {@link OutboxRelays} calls it once at start-up (a relay that is a bean). */
    public void startSweeping() {
        if (sweepTimer < 0 && !sweepInterval.isZero() && !sweepInterval.isNegative()) {
            sweepTimer = vertx.setPeriodic(sweepInterval.toMillis(), id -> pools.openTenants().forEach(this::trigger));
        }
    }

    /** Starts a pass over the tenant's unsent rows without waiting for it; a failure schedules a retry. */
    public void trigger(String slug) {
        AtomicBoolean start = new AtomicBoolean();
        running.compute(slug, (key, asked) -> {
            if (asked == null) {
                start.set(true);
                return false;
            }
            return true;
        });
        if (start.get()) {
            runPass(slug);
        }
    }

    /**
     * Whether the database on {@code connection} holds unsent rows: asked by the provisioner's start-up catch-up, which
     * then triggers a pass once the tenant is served. A database whose schema has no outbox yet has none.
     */
    public boolean hasPending(Connection connection) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + outbox.table() + " WHERE sent_at IS NULL)")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private void runPass(String slug) {
        pass(slug).subscribe().with(read -> {
            retryDelays.remove(slug);
            finish(slug, read == BATCH);
        }, failure -> {
            LOG.warnf("%s rows of tenant %s stay unsent for now (%s); retrying", outbox.table(), slug, failure.getMessage());
            resetProducer();
            scheduleRetry(slug);
            finish(slug, false);
        });
    }

    /** Ends a pass, and runs another at once when more rows may wait or a pass was asked for meanwhile. */
    private void finish(String slug, boolean more) {
        AtomicBoolean again = new AtomicBoolean();
        running.compute(slug, (key, asked) -> {
            if (more || Boolean.TRUE.equals(asked)) {
                again.set(true);
                return false;
            }
            return null;
        });
        if (again.get()) {
            runPass(slug);
        }
    }

    private void scheduleRetry(String slug) {
        long delay = retryDelays.getOrDefault(slug, FIRST_RETRY_MILLIS);
        retryDelays.put(slug, Math.min(delay * 2, LAST_RETRY_MILLIS));
        vertx.setTimer(delay, id -> trigger(slug));
    }

    /** One batch: read unsent rows, send them on the sender thread, mark those the broker acknowledged. Answers how many were read. */
    private Uni<Integer> pass(String slug) {
        TenantEntry entry = directory.find(slug).orElse(null);
        if (entry == null || entry.state() != TenantState.READY) {
            // Not served here (yet, or any more): its rows stay in its database until it is.
            return Uni.createFrom().item(0);
        }
        return pools.withPool(entry, pool -> pool.preparedQuery(pendingQuery).execute(Tuple.of(BATCH)))
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), row.getString("payload")));
                    }
                    return pending;
                })
                .chain(pending -> pending.isEmpty()
                        ? Uni.createFrom().item(0)
                        : Uni.createFrom().item(() -> send(slug, pending)).runSubscriptionOn(sender)
                                .chain(delivery -> markSent(entry, delivery.ids()).map(done -> {
                                    if (delivery.failure() != null) {
                                        throw new IllegalStateException("Kafka did not acknowledge " + (pending.size() - delivery.ids().size())
                                                + " row(s): " + delivery.failure().getMessage(), delivery.failure());
                                    }
                                    return pending.size();
                                })));
    }

    private Uni<Void> markSent(TenantEntry entry, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pools.withPool(entry, pool -> pool.preparedQuery(markSent).execute(Tuple.of(ids.toArray(new Long[0]))))
                .replaceWithVoid();
    }

    /**
     * Blocking: sends in order and waits for the acknowledgements (acks=all). Stops at the first record that cannot even
     * be handed over (no metadata: the broker is away), so later rows do not overtake it. Every acknowledged row counts as
     * delivered, wherever it stands in the batch, so that a retry repeats only what Kafka did not confirm.
     */
    private Delivery send(String slug, List<Pending> pending) {
        KafkaProducer<String, String> kafka = producer();
        List<Future<?>> acks = new ArrayList<>();
        for (Pending row : pending) {
            Future<?> ack = kafka.send(new ProducerRecord<>(outbox.topic(), slug, row.payload()));
            acks.add(ack);
            if (ack.isDone() && failed(ack)) {
                break;
            }
        }
        kafka.flush();
        List<Long> delivered = new ArrayList<>();
        Exception failure = null;
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(30, TimeUnit.SECONDS);
                delivered.add(pending.get(i).id());
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure == null && acks.size() < pending.size()) {
            failure = new IllegalStateException("sending stopped early");
        }
        return new Delivery(delivered, failure);
    }

    private static boolean failed(Future<?> ack) {
        try {
            ack.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    // Created on first use, so that an instance that never writes to its outbox never connects.
    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = ReliableProducer.create(bootstrapServers, outbox.clientId(), Duration.ofSeconds(5), Duration.ofSeconds(15));
        }
        return producer;
    }

    /** After a failure the producer may hold a stale view of the cluster; the next pass starts a fresh one. */
    private synchronized void resetProducer() {
        KafkaProducer<String, String> old = producer;
        producer = null;
        if (old != null) {
            sender.execute(() -> old.close(Duration.ZERO));
        }
    }

    @Override
    public void close() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        sender.shutdown();
        KafkaProducer<String, String> open = producer;
        if (open != null) {
            open.close(Duration.ofSeconds(5));
        }
    }

    private record Pending(long id, String payload) {
    }

    private record Delivery(List<Long> ids, Exception failure) {
    }
}
