package io.ipsc.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The suite's topics, created on the embedded broker before any service starts. The broker does not
 * create topics on first use ({@code auto.create.topics.enable=false} in {@link LocalKafka}), so a
 * misspelt name fails instead of quietly creating a topic that nobody reads; and because every topic
 * exists from the start, the domain services can start side by side with tenant-service instead of
 * after it (a consumer subscribed to a missing topic would notice it only at its next metadata
 * refresh, minutes later).
 *
 * <p>tenant-service creates the same topics on a broker of its own (its outbox relay, with the
 * partitions of {@code ipsc.kafka.partitions}); an existing topic is left as it is by both.
 */
public final class SuiteTopics {

    /** tenant-service's default ({@code ipsc.kafka.partitions}). */
    static final int PARTITIONS = 3;
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

    /** Name → topic configuration: compacted snapshots, the rest kept for as long as an outage of their reader may last. */
    static final Map<String, Map<String, String>> TOPICS = topics();

    private SuiteTopics() {
    }

    private static Map<String, Map<String, String>> topics() {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        Map<String, String> compacted = Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "segment.ms", "3600000");
        topics.put("ipsc.tenants", compacted);
        // The database clusters' registry (issue 20), a snapshot per cluster name, read from the start by every domain service.
        topics.put("ipsc.clusters", compacted);
        topics.put("ipsc.provisioning", retention(7));
        topics.put("ipsc.billing", retention(30));
        topics.put("ipsc.stock", retention(30));
        topics.put("ipsc.security", retention(7));
        return Collections.unmodifiableMap(topics);
    }

    private static Map<String, String> retention(int days) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(days * DAY_MS));
    }

    /** Creates whichever of {@link #TOPICS} the broker lacks; returns the names created. */
    public static Set<String> create(String bootstrapServers) throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            Set<String> created = new TreeSet<>();
            for (Map.Entry<String, Map<String, String>> topic : TOPICS.entrySet()) {
                if (existing.contains(topic.getKey())) {
                    continue;
                }
                try {
                    admin.createTopics(List.of(new NewTopic(topic.getKey(), PARTITIONS, (short) 1).configs(topic.getValue())))
                            .all().get();
                    created.add(topic.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return created;
        }
    }
}
