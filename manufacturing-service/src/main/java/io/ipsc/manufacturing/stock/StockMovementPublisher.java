package io.ipsc.manufacturing.stock;

import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.event.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import io.ipsc.tenancy.event.ReliableProducer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes a tenant's pending stock movements from its outbox to {@code ipsc.stock}, then marks them sent.
 *
 * <p>Why an outbox and not a send in the request: the completion and its movements must agree. A
 * send before the commit could announce stock for a completion that then rolls back; a send after
 * it is lost if Kafka is down or the process dies. Rows written in the completion's transaction
 * survive both, and are published right after the commit and again, on a timer, until Kafka takes
 * them. Delivery is at least once (a crash between the broker's acknowledgement and the "sent"
 * update, or a record written during an outage whose acknowledgement never arrived, is sent again);
 * the stable movement id lets invoicing-service apply each movement once.
 *
 * <p>Sending runs on this class's own thread: {@code KafkaProducer.send} can block while it fetches
 * metadata, which an event loop must never do. Passes for one tenant never overlap (a pass asked for
 * during another runs right after it), so one instance does not send a row twice.
 */
@ApplicationScoped
public class StockMovementPublisher {

    private static final Logger LOG = Logger.getLogger(StockMovementPublisher.class);
    private static final int BATCH = 100;
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long MAX_RETRY_MILLIS = 30_000;

    private final TenantPoolRegistry pools;
    private final TenantDirectory directory;
    private final Vertx vertx;
    private final String bootstrapServers;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stock-movement-sender");
        t.setDaemon(true);
        return t;
    });
    /** Per tenant with a pass running: whether another pass was asked for meanwhile. */
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    /** Tenants whose leftovers from before this process started have been looked for. */
    private final Set<String> leftoversChecked = ConcurrentHashMap.newKeySet();
    /** Per tenant waiting on a retry timer: the delay of the next retry after that. */
    private final Map<String, Long> retryDelays = new ConcurrentHashMap<>();
    private volatile KafkaProducer<String, String> producer;

    public StockMovementPublisher(TenantPoolRegistry pools, TenantDirectory directory, Vertx vertx,
                                  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.pools = pools;
        this.directory = directory;
        this.vertx = vertx;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a pass over the tenant's pending movements without waiting for it; failures schedule a retry. */
    public void publishPending(String slug) {
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

    /** The first time this process serves {@code slug}: publishes what an earlier process left pending. */
    public void publishPendingOnce(String slug) {
        if (leftoversChecked.add(slug)) {
            publishPending(slug);
        }
    }

    private void runPass(String slug) {
        pass(slug).subscribe().with(outcome -> {
            retryDelays.remove(slug);
            finish(slug, outcome.read() == BATCH);
        }, failure -> {
            LOG.warnf("Stock movements of tenant %s stay in the outbox for now (%s); retrying", slug, failure.getMessage());
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
        retryDelays.put(slug, Math.min(delay * 2, MAX_RETRY_MILLIS));
        vertx.setTimer(delay, id -> publishPending(slug));
    }

    /** One batch: read pending rows, send them on the sender thread, mark those the broker acknowledged. */
    private Uni<Outcome> pass(String slug) {
        TenantEntry entry = directory.find(slug).orElse(null);
        if (entry == null || entry.snapshot().isDeleted()) {
            return Uni.createFrom().item(new Outcome(0));
        }
        String database = entry.database();
        return pools.withPool(slug, database, pool -> pool.preparedQuery(
                        "SELECT id, payload FROM stock_outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1").execute(Tuple.of(BATCH)))
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (Row row : rows) {
                        pending.add(new Pending(row.getLong("id"), row.getString("payload")));
                    }
                    return pending;
                })
                .chain(pending -> pending.isEmpty()
                        ? Uni.createFrom().item(new Outcome(0))
                        : Uni.createFrom().item(() -> send(slug, pending)).runSubscriptionOn(sender)
                                .chain(delivery -> markSent(slug, database, delivery.ids()).map(done -> {
                                    if (delivery.failure() != null) {
                                        throw new IllegalStateException("Kafka did not acknowledge " + (pending.size() - delivery.ids().size())
                                                + " stock movement(s): " + delivery.failure().getMessage(), delivery.failure());
                                    }
                                    return new Outcome(pending.size());
                                })));
    }

    private Uni<Void> markSent(String slug, String database, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pools.withPool(slug, database, pool -> pool.preparedQuery("UPDATE stock_outbox SET sent_at = now() WHERE id = ANY ($1)")
                .execute(Tuple.of(ids.toArray(new Long[0])))).replaceWithVoid();
    }

    /**
     * Blocking: sends in order and waits for the acknowledgements (acks=all). Stops at the first
     * record that cannot even be handed over (no metadata: the broker is away), so later rows do not
     * overtake it. Every acknowledged row counts as delivered, wherever it stands in the batch, so
     * that a retry repeats only what Kafka did not confirm.
     */
    private Delivery send(String slug, List<Pending> pending) {
        KafkaProducer<String, String> kafka = producer();
        List<Future<?>> acks = new ArrayList<>();
        for (Pending row : pending) {
            Future<?> ack = kafka.send(new ProducerRecord<>(Topics.STOCK, slug, row.payload()));
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

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = ReliableProducer.create(bootstrapServers, "manufacturing-service-stock", Duration.ofSeconds(5), Duration.ofSeconds(15));
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

    @PreDestroy
    void close() {
        sender.shutdown();
        KafkaProducer<String, String> open = producer;
        if (open != null) {
            open.close(Duration.ofSeconds(5));
        }
    }

    private record Pending(long id, String payload) {
    }

    /** How many pending rows a pass read: a full batch means more may wait. */
    private record Outcome(int read) {
    }

    private record Delivery(List<Long> ids, Exception failure) {
    }
}
