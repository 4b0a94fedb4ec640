package io.ipsc.tenancy.event;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads a compacted topic of snapshots ({@code ipsc.tenants}, {@code ipsc.clusters}) from its
 * beginning and then follows it, handing each snapshot to a callback on its own thread. No consumer
 * group: every instance rebuilds its whole view at start-up, which the compaction keeps small (one
 * record per key). {@link #caughtUp()} turns true once everything that was on the topic at start
 * has been handled.
 */
public class CompactedTopicFollower<T> {

    private static final Logger LOG = Logger.getLogger(CompactedTopicFollower.class);

    private final String bootstrapServers;
    private final String topic;
    private final Class<T> type;
    private final String clientId;
    private final Consumer<T> onSnapshot;
    private final ObjectMapper json;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, String> consumer;

    public CompactedTopicFollower(String bootstrapServers, String topic, Class<T> type, String clientId, ObjectMapper json,
                                  Consumer<T> onSnapshot) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.type = type;
        this.clientId = clientId;
        // Snapshots from a newer tenant-service may carry fields this version does not know yet.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.onSnapshot = onSnapshot;
    }

    /** Follows on a new daemon thread until {@link #stop()}. */
    public void start() {
        running = true;
        Thread thread = new Thread(this::runUntilStopped, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Follows on the calling thread until {@link #stop()}; returns after stopping. */
    public void runUntilStopped() {
        running = true;
        while (running) {
            try {
                follow();
            } catch (WakeupException e) {
                return;
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("%s lost %s (%s); reconnecting", clientId, topic, e.getMessage());
                    sleep(Duration.ofSeconds(2));
                }
            }
        }
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    private void follow() {
        Properties props = KafkaClientProperties.of(bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only tenant-service creates the topic, compacted; a reader must never create it plain.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer = c;
            List<TopicPartition> partitions = awaitPartitions(c);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> startupEnd = c.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                    deliver(record);
                }
                if (!caughtUp && startupEnd.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                }
            }
        }
    }

    private void deliver(ConsumerRecord<String, String> record) {
        T snapshot;
        try {
            snapshot = json.readValue(record.value(), type);
        } catch (Exception e) {
            LOG.errorf("Unreadable snapshot at %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        onSnapshot.accept(snapshot);
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> c) {
        while (running) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            // No topic yet means nothing published yet: nothing to catch up with.
            caughtUp = true;
            sleep(Duration.ofSeconds(1));
        }
        throw new WakeupException();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
