package io.ipsc.dental.billing;

import io.ipsc.dental.clinic.Sql;
import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.db.directory.TenantState;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.event.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.ipsc.tenancy.event.ReliableProducer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the tenants' queued billable items to {@link Topics#BILLING} (key = tenant slug) and marks
 * them sent. When it runs: right after a completion commits ({@link #trigger}), on a tenant's first
 * request after start-up (items a crash left behind), and every few seconds for the tenants whose
 * last attempt failed (Kafka down). A sweep over every tenant was the alternative; it would open a
 * pool per tenant every few seconds to find nothing, so only tenants known to have work are visited.
 *
 * <p>At most one drain per tenant runs at a time, so one item is not sent twice by two drains; a
 * crash between sending and marking can still send it again, which the item's idempotency key
 * makes harmless downstream.
 */
@ApplicationScoped
public class BillingRelay {

    private static final Logger LOG = Logger.getLogger(BillingRelay.class);
    static final int BATCH = 100;
    static final long RETRY_INTERVAL_MS = 5_000;
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final TenantPoolRegistry pools;
    private final TenantDirectory directory;
    private final Vertx vertx;
    private final String bootstrapServers;
    // Tenants with work not yet drained, tenants being drained, tenants whose last drain failed.
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final Set<String> seenSinceStart = ConcurrentHashMap.newKeySet();
    private KafkaProducer<String, String> producer;
    private long retryTimer = -1;

    public BillingRelay(TenantPoolRegistry pools, TenantDirectory directory, Vertx vertx,
                        @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.pools = pools;
        this.directory = directory;
        this.vertx = vertx;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        retryTimer = vertx.setPeriodic(RETRY_INTERVAL_MS, id -> retryFailed());
    }

    @PreDestroy
    void stop() {
        if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }
    }

    /** Asks for the tenant's queued items to be sent; returns at once. */
    public void trigger(String tenantSlug) {
        dirty.add(tenantSlug);
        tryDrain(tenantSlug);
    }

    /** The first request of a tenant since start-up sends whatever an earlier run left queued. */
    public void firstRequest(String tenantSlug) {
        if (seenSinceStart.add(tenantSlug)) {
            trigger(tenantSlug);
        }
    }

    private void retryFailed() {
        for (String slug : List.copyOf(failed)) {
            failed.remove(slug);
            trigger(slug);
        }
    }

    // A trigger that finds a drain running leaves the tenant dirty; the running drain looks again
    // when it ends, and since it marked itself running before that look, no trigger is lost.
    private void tryDrain(String slug) {
        if (!running.add(slug)) {
            return;
        }
        if (!dirty.remove(slug)) {
            finished(slug);
            return;
        }
        drain(slug).subscribe().with(
                sent -> finished(slug),
                failure -> {
                    LOG.warnf("Billing items of tenant %s not sent yet, retrying in %d ms: %s", slug, RETRY_INTERVAL_MS, failure.toString());
                    failed.add(slug);
                    finished(slug);
                });
    }

    private void finished(String slug) {
        running.remove(slug);
        if (dirty.contains(slug)) {
            tryDrain(slug);
        }
    }

    private record Pending(long id, String payload) {
    }

    /** Sends the tenant's pending items in order, batch after batch; answers how many were sent. */
    Uni<Integer> drain(String slug) {
        Optional<TenantEntry> entry = directory.find(slug);
        if (entry.isEmpty() || entry.get().state() != TenantState.READY) {
            // Not served here (or archived): its queued items stay in its database until it is.
            return Uni.createFrom().item(0);
        }
        return pools.withPool(slug, entry.get().database(), pool -> sendBatch(slug, pool))
                .chain(sent -> sent == BATCH ? drain(slug).map(more -> sent + more) : Uni.createFrom().item(sent));
    }

    private Uni<Integer> sendBatch(String slug, Pool pool) {
        return pool.preparedQuery("SELECT id, payload FROM billing_outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1")
                .execute(Sql.args(BATCH))
                .chain(rows -> Multi.createFrom().iterable(Sql.list(rows, row -> new Pending(row.getLong("id"), row.getString("payload"))))
                        .onItem().transformToUniAndConcatenate(item -> send(slug, item.payload())
                                .chain(() -> pool.preparedQuery("UPDATE billing_outbox SET sent_at = now() WHERE id = $1")
                                        .execute(Sql.args(item.id()))))
                        .collect().asList()
                        .map(List::size));
    }

    // KafkaProducer.send blocks while it fetches metadata (up to max.block.ms), so never on the event loop.
    private Uni<Void> send(String slug, String payload) {
        return Uni.createFrom().<Void>item(() -> {
                    try {
                        producer().send(new ProducerRecord<>(Topics.BILLING, slug, payload)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        return null;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while sending a billing item", e);
                    } catch (ExecutionException | TimeoutException e) {
                        throw new IllegalStateException("Kafka did not take the billing item of tenant " + slug, e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    // Created on first use, so that an instance that never completes a treatment never connects.
    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = ReliableProducer.create(bootstrapServers, "dental-billing-relay", Duration.ofSeconds(10), Duration.ofSeconds(25));
        }
        return producer;
    }
}
