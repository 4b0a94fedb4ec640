package io.ipsc.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipsc.tenancy.event.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Plays tenant-service in the other services' tests: creates the topics as it does, publishes
 * tenant snapshots, and waits for the services' provisioning reports.
 */
public final class TenantEventsPublisher implements AutoCloseable {

    public static final String TENANTS = Topics.TENANTS;
    public static final String PROVISIONING = Topics.PROVISIONING;
    public static final String BILLING = Topics.BILLING;
    public static final String STOCK = Topics.STOCK;
    public static final String SECURITY = Topics.SECURITY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;

    public TenantEventsPublisher() {
        String bootstrap = EmbeddedServers.get().kafkaBootstrapServers();
        createTopics(bootstrap);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Creates the topics as tenant-service does, with the suite's one set of topic settings; harmless when they exist. */
    public static void createTopics(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Topics.createMissing(admin, 3, (short) 1);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the topics", e);
        }
    }

    /** A snapshot as tenant-service would publish it; adjust with {@link Snapshot} methods. */
    public static Snapshot snapshot(String slug, String organizationType) {
        return new Snapshot(slug, organizationType);
    }

    public void publish(Snapshot snapshot) {
        try {
            producer.send(new ProducerRecord<>(TENANTS, snapshot.slug, JSON.writeValueAsString(snapshot.toJson()))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish the snapshot of " + snapshot.slug, e);
        }
    }

    /** Waits for {@code service}'s report with {@code status} about {@code slug} for at least {@code version}. */
    public static JsonNode awaitReport(String slug, String service, String status, long version, Duration timeout) {
        try (TopicReader reader = new TopicReader(PROVISIONING)) {
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> found = reader.await(r -> {
                JsonNode report = read(r.value());
                return slug.equals(report.path("tenant").asText()) && service.equals(report.path("service").asText())
                        && status.equals(report.path("status").asText()) && report.path("tenant_version").asLong() >= version;
            }, 1, timeout);
            if (found.isEmpty()) {
                throw new AssertionError("No " + status + " report from " + service + " for " + slug + " within " + timeout);
            }
            return read(found.get(found.size() - 1).value());
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A tenant's snapshot, built fluently. */
    public static final class Snapshot {
        private final String slug;
        private final String organizationType;
        private String status = "provisioning";
        private String eventType = "TENANT_CREATED";
        private long version = 0;
        private final Map<String, Boolean> features = new LinkedHashMap<>();
        private final Map<String, String> members = new LinkedHashMap<>();
        private String plan = "basic";
        private Integer maxProducts = 1000;
        private Integer maxTransactions = 5000;
        private String gstin = "27AAPFU0939F1ZV";
        private String state = "Maharashtra";
        /** The database cluster the tenant is placed on; null: none said, as a snapshot from before placement (main). */
        private String cluster;
        private long placementVersion;

        Snapshot(String slug, String organizationType) {
            this.slug = slug;
            this.organizationType = organizationType;
            features.put("dental_management", "dental_clinic".equals(organizationType));
            features.put("manufacturing_management", "manufacturing".equals(organizationType));
            features.put("inventory_management", true);
            features.put("advanced_reporting", false);
            features.put("api_access", true);
            features.put("gst_compliance", true);
        }

        public String slug() {
            return slug;
        }

        public long version() {
            return version;
        }

        public Snapshot member(long userId, String role) {
            members.put(Long.toString(userId), role);
            return this;
        }

        public Snapshot withoutMember(long userId) {
            members.remove(Long.toString(userId));
            return next("TENANT_UPDATED");
        }

        /** The tenant's own GSTIN and state (default: a valid Maharashtra GSTIN). */
        public Snapshot gst(String newGstin, String newState) {
            gstin = newGstin;
            state = newState;
            return this;
        }

        /** The plan's product and monthly-transaction limits (null: unlimited). */
        public Snapshot limits(Integer products, Integer transactionsPerMonth) {
            maxProducts = products;
            maxTransactions = transactionsPerMonth;
            return this;
        }

        /** Placed on {@code newCluster} (placement version 0: a new tenant's first placement). */
        public Snapshot placedOn(String newCluster) {
            cluster = newCluster;
            return this;
        }

        /** Moved to {@code newCluster}, as tenant-service's move publishes it: the next placement version, the next version. */
        public Snapshot movedTo(String newCluster) {
            cluster = newCluster;
            placementVersion++;
            return next("TENANT_UPDATED");
        }

        public Snapshot plan(String newPlan) {
            plan = newPlan;
            return next("TENANT_UPDATED");
        }

        public Snapshot feature(String name, boolean on) {
            features.put(name, on);
            return next("TENANT_UPDATED");
        }

        public Snapshot status(String newStatus, String type) {
            status = newStatus;
            return next(type);
        }

        /** The next version of this snapshot, as the next event would carry it. */
        public Snapshot next(String type) {
            eventType = type;
            version++;
            return this;
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("event_type", eventType);
            json.put("id", Math.abs(slug.hashCode()));
            json.put("slug", slug);
            json.put("name", slug + " Pvt Ltd");
            json.put("organization_type", organizationType);
            json.put("status", status);
            json.put("features", new LinkedHashMap<>(features));
            Map<String, Object> subscription = new LinkedHashMap<>();
            subscription.put("plan", plan);
            subscription.put("max_users", 10);
            subscription.put("max_products", maxProducts);
            subscription.put("max_transactions_per_month", maxTransactions);
            json.put("subscription", subscription);
            json.put("members", new LinkedHashMap<>(members));
            json.put("gstin", gstin);
            json.put("state", state);
            json.put("version", version);
            json.put("occurred_at", Instant.now().toString());
            if (cluster != null) {
                json.put("placement", Map.of("cluster", cluster, "version", placementVersion));
            }
            return json;
        }
    }
}
