package io.ipsc.tenant.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.KafkaClientProperties;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.tenant.TenantService;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes {@code ipsc.tenants} hold every tenant's latest state again when the broker lost it: a Kafka
 * restored without its log (./ipsc restore starts a new, empty broker), a broker that acknowledged and
 * then lost a record in a power cut, a topic deleted by hand. The tenants' rows are the truth; the topic
 * is derived from them. At start and every {@code ipsc.tenants.reconcile-every}, each tenant whose latest
 * snapshot on the topic is missing or older than its row, and that has no event waiting in the outbox,
 * is published again ({@link TenantService#republish}); the services converge to it as to any snapshot.
 */
@ApplicationScoped
public class TenantTopicReconciler {

    private static final Logger LOG = Logger.getLogger(TenantTopicReconciler.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final TenantService tenants;
    private final ObjectMapper json;
    private final String bootstrapServers;

    public TenantTopicReconciler(DataSource dataSource, TenantService tenants, ObjectMapper json,
                                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.tenants = tenants;
        this.json = json;
        this.bootstrapServers = bootstrapServers;
    }

    @Scheduled(every = "${ipsc.tenants.reconcile-every:10m}", delayed = "${ipsc.tenants.reconcile-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            List<String> republished = reconcile();
            if (!republished.isEmpty()) {
                LOG.warnf("ipsc.tenants lacked the latest state of %d tenant(s), published again: %s", republished.size(), republished);
            }
        } catch (Exception e) {
            LOG.warnf("Could not compare ipsc.tenants with the tenants (tried again at the next run): %s", e.getMessage());
        }
    }

    /** Publishes again every tenant the topic is behind on; returns their slugs. Blocking: a worker thread's job. */
    public List<String> reconcile() throws Exception {
        return reconcile(false);
    }

    /**
     * As {@link #reconcile()}; with {@code everyTenant}, every tenant without an event waiting in the outbox is
     * published again even when the topic has its latest version (a consumer that must converge once more, e.g.
     * a service's databases restored from an older backup than tenant-service's).
     */
    public List<String> reconcile(boolean everyTenant) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        Set<String> waiting = new HashSet<>();
        // Read before the topic: a change committed after this read carries a newer version and its own event.
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT slug, version FROM tenants"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT record_key FROM outbox WHERE topic = ? AND published_at IS NULL")) {
                ps.setString(1, Topics.TENANTS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        waiting.add(rs.getString(1));
                    }
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Long> onTopic = everyTenant ? Map.of() : latestVersionsOnTopic();
        List<String> behind = new ArrayList<>();
        rows.forEach((slug, version) -> {
            Long published = onTopic.get(slug);
            if (!waiting.contains(slug) && (published == null || published < version)) {
                behind.add(slug);
            }
        });
        for (String slug : behind) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> tenants.republish(slug));
            } catch (Throwable e) {
                throw new IllegalStateException("Could not publish " + slug + " again: " + e.getMessage(), e);
            }
        }
        return behind;
    }

    /** The highest snapshot version per tenant on the topic, read from its beginning to its current end. */
    public Map<String, Long> latestVersionsOnTopic() {
        Properties props = KafkaClientProperties.of(bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Long> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.TENANTS, READ_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return latest;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (assigned.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ipsc.tenants could not be read to its end within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Long version = version(record.value());
                    if (record.key() != null && version != null) {
                        latest.merge(record.key(), version, Math::max);
                    }
                }
            }
        }
        return latest;
    }

    private Long version(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            JsonNode version = json.readTree(payload).get("version");
            return version == null || !version.canConvertToLong() ? null : version.asLong();
        } catch (Exception unreadable) {
            return null; // not a snapshot this service wrote; the row's own will replace it
        }
    }
}
