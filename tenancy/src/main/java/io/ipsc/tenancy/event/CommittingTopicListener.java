package io.ipsc.tenancy.event;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads topics in a consumer group on its own thread (never the event loop) and commits an offset only once
 * everything before it has been applied: a crash re-reads what was not, so handlers must be idempotent. A broken
 * connection or a failing batch is read again from the last commit after a pause. Every service reads Kafka
 * through this class or {@link TenantWorkListener}; none writes its own poll loop.
 */
public abstract class CommittingTopicListener {

    private static final Logger LOG = Logger.getLogger(CommittingTopicListener.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long RETRY_PAUSE_MILLIS = 2000;

    private final List<String> topics;
    private final String groupId;
    private final String clientId;
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    /** What was last committed per partition, so that an unchanged position is not committed again. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    protected CommittingTopicListener(String topic, String groupId, String clientId, String bootstrapServers) {
        this(List.of(topic), groupId, clientId, bootstrapServers);
    }

    protected CommittingTopicListener(List<String> topics, String groupId, String clientId, String bootstrapServers) {
        this.topics = List.copyOf(topics);
        this.groupId = groupId;
        this.clientId = clientId;
        this.bootstrapServers = bootstrapServers;
    }

    /** Applies one polled batch; throwing makes the batch be read again. */
    protected abstract void handle(ConsumerRecords<String, String> records) throws Exception;

    /** Called after every poll, batch or not, on the listener's thread: room for periodic upkeep. */
    protected void afterPoll() {
    }

    /**
     * The offset to commit per partition: by default the one after the last record handled. A subclass that sets
     * records aside to apply later commits no further than the first of them.
     */
    protected Map<TopicPartition, Long> committable(Map<TopicPartition, Long> handledUpTo) {
        return handledUpTo;
    }

    /** The group took these partitions away: whatever this listener held of them is another consumer's now. */
    protected void revoked(Collection<TopicPartition> partitions) {
    }

    /** Extra consumer settings (batch size, say). */
    protected void configure(Properties props) {
    }

    protected void startListening() {
        running = true;
        Thread thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    protected void stopListening() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Stops fetching (true) or fetches again (false) from every partition held, without leaving the group. */
    protected void holdFetching(boolean hold) {
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            if (hold) {
                c.pause(c.assignment());
            } else {
                c.resume(c.assignment());
            }
        }
    }

    private void run() {
        Properties props = KafkaClientProperties.of(bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        configure(props);
        Map<TopicPartition, Long> handledUpTo = new HashMap<>();
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                c.subscribe(topics, new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        forget(partitions, handledUpTo);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        forget(partitions, handledUpTo);
                    }
                });
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(POLL);
                    if (!records.isEmpty()) {
                        handle(records);
                        for (TopicPartition partition : records.partitions()) {
                            List<ConsumerRecord<String, String>> in = records.records(partition);
                            handledUpTo.put(partition, in.get(in.size() - 1).offset() + 1);
                        }
                    }
                    afterPoll();
                    commit(c, committable(Map.copyOf(handledUpTo)));
                }
            } catch (WakeupException e) {
                return;
            } catch (Exception e) {
                // Read again from the last commit: what was handled since is applied again, idempotently.
                handledUpTo.clear();
                committed.clear();
                revokedAll();
                if (running) {
                    LOG.warnf("Listener of %s interrupted (%s); reading again from the last commit", topics, e.getMessage());
                    pause();
                }
            }
        }
    }

    private void forget(Collection<TopicPartition> partitions, Map<TopicPartition, Long> handledUpTo) {
        revoked(partitions);
        partitions.forEach(p -> {
            handledUpTo.remove(p);
            committed.remove(p);
        });
    }

    private void revokedAll() {
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            try {
                revoked(c.assignment());
            } catch (RuntimeException closed) {
                revoked(List.of());
            }
        }
    }

    private void commit(KafkaConsumer<String, String> c, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> changed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (!offset.equals(committed.get(partition))) {
                changed.put(partition, new OffsetAndMetadata(offset));
            }
        });
        if (!changed.isEmpty()) {
            c.commitSync(changed);
            changed.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
