package io.ipsc.tenancy.event;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Kafka topics of the suite (design §4). Tests and services use these constants, never literals.
 * <p>
 * Each topic's settings are defined here once ({@link #SETTINGS}), and {@link #createMissing} is the one
 * way they are created: by tenant-service's outbox relay on whatever broker it is given, and by the local
 * launcher on its embedded broker before any service starts. Only the partitions and the replication
 * factor differ between the two, and they are the caller's.
 */
public final class Topics {

    /** Compacted, key = tenant slug, value = the tenant's full snapshot. */
    public static final String TENANTS = "ipsc.tenants";
    /** Each service's report on a tenant's databases. */
    public static final String PROVISIONING = "ipsc.provisioning";
    /** Billable items for invoicing-service (key = tenant slug), e.g. a completed dental treatment. */
    public static final String BILLING = "ipsc.billing";
    /** Stock movements for invoicing-service (key = tenant slug), e.g. a completed production order. */
    public static final String STOCK = "ipsc.stock";
    /** Refused and suspicious requests from every service (key = tenant slug), kept by tenant-service for the operator. */
    public static final String SECURITY = "ipsc.security";
    /** Compacted, key = database cluster name, value = the cluster's {@code ClusterSnapshot} (no credentials). */
    public static final String CLUSTERS = "ipsc.clusters";

    /**
     * Name → topic configuration, in the order the topics are created: the tenants' snapshots compacted
     * (the newest per tenant, or per database cluster, is what a new reader needs), the rest kept for as long as an outage of their
     * reader may last.
     */
    public static final Map<String, Map<String, String>> SETTINGS = settings();

    private Topics() {
    }

    private static Map<String, Map<String, String>> settings() {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        Map<String, String> compacted = Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "segment.ms", "3600000");
        topics.put(TENANTS, compacted);
        // The database clusters' registry (issue 20): a snapshot per cluster, read whole by every domain service at start.
        topics.put(CLUSTERS, compacted);
        topics.put(PROVISIONING, retention(7));
        // Work handed between modules: kept long enough to survive a long outage of the consumer.
        topics.put(BILLING, retention(30));
        topics.put(STOCK, retention(30));
        // Read into ipsc_platform as they arrive; a week covers an outage of tenant-service.
        topics.put(SECURITY, retention(7));
        return Collections.unmodifiableMap(topics);
    }

    private static Map<String, String> retention(int days) {
        return Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(days)));
    }

    /**
     * Creates whichever of the suite's topics the broker lacks, with {@link #SETTINGS}; a topic that exists
     * (or that another client creates meanwhile) is left as it is. Waits as long as the admin client's
     * {@code default.api.timeout.ms}.
     *
     * @return the names it created
     */
    public static Set<String> createMissing(Admin admin, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        Set<String> created = new TreeSet<>();
        for (Map.Entry<String, Map<String, String>> topic : SETTINGS.entrySet()) {
            if (existing.contains(topic.getKey())) {
                continue;
            }
            try {
                admin.createTopics(List.of(new NewTopic(topic.getKey(), partitions, replicationFactor).configs(topic.getValue())))
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
