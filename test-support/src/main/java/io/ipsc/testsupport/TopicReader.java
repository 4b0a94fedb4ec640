package io.ipsc.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads a topic from the beginning, for tests that check what a service published. It assigns itself every
 * partition instead of joining a consumer group: a new group's join and rebalance cost each reader (one per
 * provisioning report awaited) a round of coordinator requests before its first record, and nothing here needs a
 * group's committed offsets.
 */
public final class TopicReader implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServers.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        // A topic created a moment ago may not be in the broker's metadata yet: it answers no partitions until it is.
        List<TopicPartition> partitions = Awaitility.await("the partitions of " + topic).atMost(Duration.ofSeconds(30))
                .until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(10)), found -> !found.isEmpty()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits up to {@code timeout} for records matching {@code match}; returns all matching seen so far. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (seen.stream().filter(match).count() >= count) {
                break;
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen.stream().filter(match).toList();
    }

    /**
     * "Exactly these, and no more", without waiting out a timeout: sends a marker record on {@code key} (so onto the
     * partition of every record with that key) and reads up to it. Returns the records matching {@code match} that
     * stand before the marker on that partition: all that was sent on {@code key} before this call. A caller first
     * makes sure nothing is still on its way (an outbox drained, say), then asks.
     */
    public List<ConsumerRecord<String, String>> awaitAllBeforeMarker(String key, Predicate<ConsumerRecord<String, String>> match,
                                                                   Duration timeout) {
        String marker = "{\"test_marker\":\"" + UUID.randomUUID() + "\"}";
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServers.get().kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, marker)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send the marker to " + topic, e);
        }
        List<ConsumerRecord<String, String>> found = await(r -> marker.equals(r.value()), 1, timeout);
        if (found.isEmpty()) {
            throw new AssertionError("The marker sent to " + topic + " did not come back within " + timeout);
        }
        ConsumerRecord<String, String> at = found.get(0);
        return seen.stream().filter(r -> r.partition() == at.partition() && r.offset() < at.offset()).filter(match).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
