package io.ipsc.tenancy.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Reads work keyed by tenant (the record key is the tenant's slug) and applies it record by record, so that no
 * tenant stalls another. A record whose tenant cannot take it yet (not provisioned, its database away) is parked
 * with that tenant's later records — their order is kept — and retried with back-off, while the partition goes on
 * for every other tenant. Parked records stay in Kafka: the group's committed offset never passes the first of
 * them, so a crash reads them again (and the records after them, which apply idempotently).
 *
 * <p>Everything here runs on the listener's one thread; nothing needs locking.
 */
public abstract class TenantWorkListener extends CommittingTopicListener {

    private static final Logger LOG = Logger.getLogger(TenantWorkListener.class);
    static final long FIRST_RETRY_MILLIS = 1_000;
    static final long LAST_RETRY_MILLIS = 60_000;
    /** Past this many parked records fetching stops until some are applied: memory stays bounded. */
    static final int MOST_PARKED = 10_000;

    /** What became of one record. */
    public enum Outcome {
        /** Applied, or nothing to apply (a deleted tenant's work, an unreadable record — the handler logs which). */
        DONE,
        /** Not now: the tenant cannot take it yet; retried later. */
        NOT_YET
    }

    /** One tenant's parked records, oldest first, and when to try them again. */
    private static final class Parked {
        final Deque<ConsumerRecord<String, String>> records = new ArrayDeque<>();
        long retryAtNanos;
        long backOffMillis = FIRST_RETRY_MILLIS;
    }

    private final String service;
    private final MeterRegistry meters;
    private final LongSupplier nanoTime;
    private final Map<String, Parked> parked = new LinkedHashMap<>();
    private final AtomicInteger parkedCount = new AtomicInteger();
    private boolean fetchingHeld;

    protected TenantWorkListener(List<String> topics, String service, String groupId, String bootstrapServers, MeterRegistry meters) {
        this(topics, service, groupId, bootstrapServers, meters, System::nanoTime);
    }

    TenantWorkListener(List<String> topics, String service, String groupId, String bootstrapServers, MeterRegistry meters,
                       LongSupplier nanoTime) {
        super(topics, groupId, service + "-tenant-work", bootstrapServers);
        this.service = service;
        this.meters = meters;
        this.nanoTime = nanoTime;
        meters.gauge("ipsc_kafka_parked_records", io.micrometer.core.instrument.Tags.of("service", service), parkedCount);
    }

    /** Applies one record for its tenant (the key); {@link Outcome#NOT_YET} when the tenant cannot take it now. */
    protected abstract Outcome apply(ConsumerRecord<String, String> record);

    @Override
    protected final void handle(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            Parked waiting = parked.get(tenantOf(record));
            if (waiting != null) {
                // Behind this tenant's parked work: keep its order.
                park(record, waiting);
            } else if (apply(record) == Outcome.NOT_YET) {
                Parked first = new Parked();
                first.retryAtNanos = nanoTime.getAsLong() + first.backOffMillis * 1_000_000;
                parked.put(tenantOf(record), first);
                park(record, first);
                LOG.warnf("%s work for tenant %s parked at %s-%d offset %d: the tenant cannot take it yet; other tenants go on",
                        record.topic(), tenantOf(record), record.topic(), record.partition(), record.offset());
            }
        }
    }

    @Override
    protected final void afterPoll() {
        long now = nanoTime.getAsLong();
        for (Iterator<Map.Entry<String, Parked>> it = parked.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Parked> entry = it.next();
            Parked waiting = entry.getValue();
            if (waiting.retryAtNanos - now > 0) {
                continue;
            }
            while (!waiting.records.isEmpty() && apply(waiting.records.peekFirst()) == Outcome.DONE) {
                waiting.records.removeFirst();
                parkedCount.decrementAndGet();
            }
            if (waiting.records.isEmpty()) {
                it.remove();
                LOG.infof("Parked work for tenant %s applied; it is caught up", entry.getKey());
            } else {
                waiting.backOffMillis = Math.min(LAST_RETRY_MILLIS, waiting.backOffMillis * 2);
                waiting.retryAtNanos = nanoTime.getAsLong() + waiting.backOffMillis * 1_000_000;
            }
        }
        boolean hold = parkedCount.get() >= MOST_PARKED;
        if (hold != fetchingHeld) {
            fetchingHeld = hold;
            holdFetching(hold);
            if (hold) {
                LOG.warnf("%d records parked: fetching stops until parked tenants catch up", parkedCount.get());
            }
        }
    }

    @Override
    protected final Map<TopicPartition, Long> committable(Map<TopicPartition, Long> handledUpTo) {
        Map<TopicPartition, Long> offsets = new HashMap<>(handledUpTo);
        for (Parked waiting : parked.values()) {
            for (ConsumerRecord<String, String> record : waiting.records) {
                offsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
            }
        }
        return offsets;
    }

    @Override
    protected final void revoked(Collection<TopicPartition> partitions) {
        // Another consumer reads them again from the committed offset, which is no later than the first parked record.
        for (Iterator<Parked> it = parked.values().iterator(); it.hasNext(); ) {
            Parked waiting = it.next();
            int before = waiting.records.size();
            waiting.records.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            parkedCount.addAndGet(waiting.records.size() - before);
            if (waiting.records.isEmpty()) {
                it.remove();
            }
        }
    }

    /** How many records are parked now (all tenants). */
    public int parkedRecords() {
        return parkedCount.get();
    }

    private void park(ConsumerRecord<String, String> record, Parked waiting) {
        waiting.records.addLast(record);
        parkedCount.incrementAndGet();
        Counter.builder("ipsc_kafka_parked").description("Records set aside because their tenant could not take them yet")
                .tag("service", service).tag("topic", record.topic()).register(meters).increment();
    }

    private static String tenantOf(ConsumerRecord<String, String> record) {
        return record.key() == null ? "" : record.key();
    }
}
