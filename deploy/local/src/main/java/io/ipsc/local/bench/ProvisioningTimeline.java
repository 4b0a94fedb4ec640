package io.ipsc.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one tenant's provisioning time goes, read from outside: the records on {@code ipsc.tenants}
 * and {@code ipsc.provisioning} carry the time their producer sent them (Kafka's CreateTime, the same
 * clock as this machine's), so with the moment of the POST and the moment {@code active} was seen the
 * path splits into its hops: tenant-service's outbox to Kafka; each service's consumer, database copy,
 * migration and report; tenant-service applying the reports.
 *
 * <p>A follower reads both topics from their ends on a thread of its own while the benchmark runs.
 */
final class ProvisioningTimeline implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first snapshot of a tenant on ipsc.tenants, in epoch milliseconds, by slug. */
    private final Map<String, Long> snapshotAt = new ConcurrentHashMap<>();
    /** Each service's first PROVISIONED report of a tenant, by slug and then service. */
    private final Map<String, Map<String, Long>> reportedAt = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread follower;
    private volatile boolean running = true;

    private ProvisioningTimeline(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of("ipsc.tenants", "ipsc.provisioning")) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);  // fixes the start now, before any tenant is created
        follower = new Thread(this::follow, "provisioning-timeline");
        follower.setDaemon(true);
        follower.start();
    }

    /** Follows the suite's broker ({@code KAFKA_BOOTSTRAP_SERVERS} in the run's endpoints file). */
    static ProvisioningTimeline follow(SuiteClient suite) throws IOException {
        String bootstrap = ServiceResources.endpoints(suite.state()).getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        return new ProvisioningTimeline(bootstrap);
    }

    private void follow() {
        while (running) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                try {
                    JsonNode value = JSON.readTree(r.value());
                    if ("ipsc.tenants".equals(r.topic())) {
                        snapshotAt.putIfAbsent(value.path("slug").asText(), r.timestamp());
                    } else if ("PROVISIONED".equals(value.path("status").asText())) {
                        reportedAt.computeIfAbsent(value.path("tenant").asText(), t -> new ConcurrentHashMap<>())
                                .putIfAbsent(value.path("service").asText(), r.timestamp());
                    }
                } catch (IOException | RuntimeException e) {
                    // A record this reader does not understand is not a hop of the tenants measured.
                }
            }
        }
    }

    /**
     * One tenant's hops in milliseconds, from the POST sent at {@code postedAtMillis} to {@code active}
     * seen at {@code activeAtMillis}; {@code activatedAtMillis} is tenant-service's own record of the
     * moment (its {@code activated_at}), -1 if unknown.
     */
    Hops hops(String slug, long postedAtMillis, long activatedAtMillis, long activeAtMillis) {
        Long snapshot = snapshotAt.get(slug);
        Map<String, Long> reports = new TreeMap<>(reportedAt.getOrDefault(slug, Map.of()));
        long lastReport = reports.values().stream().mapToLong(Long::longValue).max().orElse(activeAtMillis);
        Map<String, Long> perService = new TreeMap<>();
        reports.forEach((service, at) -> perService.put(service, snapshot == null ? -1 : at - snapshot));
        return new Hops(snapshot == null ? -1 : snapshot - postedAtMillis, perService,
                activatedAtMillis < 0 ? -1 : activatedAtMillis - lastReport,
                activatedAtMillis < 0 ? -1 : activeAtMillis - activatedAtMillis,
                activeAtMillis - lastReport, activeAtMillis - postedAtMillis);
    }

    /**
     * {@code toSnapshot}: POST to the tenant's snapshot on Kafka (the request, the outbox, its relay);
     * {@code services}: from that snapshot to each service's report (consumer, database, migration);
     * {@code toActivated}: from the last report to tenant-service's {@code activated_at} (its consumer,
     * the transaction that records the report); {@code activatedToSeen}: from there to {@code active}
     * seen (the commit, the answer to this benchmark's polling); {@code toActive}: the two together.
     * -1 where a record was not seen.
     */
    record Hops(long toSnapshot, Map<String, Long> services, long toActivated, long activatedToSeen, long toActive, long total) {
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        follower.join(2_000);
        consumer.close(Duration.ofSeconds(2));
    }
}
