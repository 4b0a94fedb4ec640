package io.ipsc.tenant.outbox;

import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.config.TenantServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import io.ipsc.tenancy.event.KafkaClientProperties;
import io.ipsc.tenancy.event.ReliableProducer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox to Kafka in id order, at least once: rows are marked published only after
 * the broker acknowledged them (acks=all, idempotent producer). A crash or a broker outage between
 * commit and publish leaves the rows unpublished, and they go out on a later pass.
 *
 * <p>Runs on its own thread with JDBC (blocking is fine here, never on the event loop). A
 * transaction-scoped advisory lock lets several replicas run it while only one publishes at a time,
 * which keeps each tenant's events in order.
 *
 * <p>Published rows are kept for {@code ipsc.outbox.retention-days} (7) for an operator's
 * inquiries, then deleted, so the table holds days of history, not years. Unpublished rows are
 * never deleted, however old.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant naming "the outbox relay" among PostgreSQL advisory locks. */
    private static final long RELAY_LOCK = 0x1B5C_0001L;
    private static final int BATCH = 200;

    private final DataSource dataSource;
    private final int retentionDays;
    private final String bootstrapServers;
    private final int partitions;
    private final short replicationFactor;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile KafkaProducer<String, String> producer;
    private volatile boolean topicsReady;
    /**
     * Only for logging an outage once and its end. Deliberately not a readiness check: while the relay
     * cannot publish, tenant-service still answers (its writes wait in the outbox), so taking it out of
     * rotation would turn late events into refused sign-ins; the broker's reachability is already in
     * readiness through Quarkus' Kafka check.
     */
    private volatile boolean lastPassFailed;

    public OutboxRelay(DataSource dataSource, TenantServiceConfig config,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "ipsc.outbox.retention-days", defaultValue = "7") int retentionDays) {
        this.dataSource = dataSource;
        this.retentionDays = retentionDays;
        this.bootstrapServers = bootstrapServers;
        this.partitions = config.kafka().partitions();
        this.replicationFactor = config.kafka().replicationFactor();
    }

    void start(@Observes StartupEvent event) {
        executor.scheduleWithFixedDelay(this::publishPendingSafely, 0, 1, TimeUnit.SECONDS);
        executor.scheduleWithFixedDelay(this::pruneSafely, 1, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Asks for a pass now (after a commit) instead of at the next tick; never blocks the caller. */
    public void wakeUp() {
        if (wakeUpPending.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakeUpPending.set(false);
                publishPendingSafely();
            });
        }
    }

    private void publishPendingSafely() {
        try {
            ensureTopics();
            int published;
            do {
                published = publishBatch();
            } while (published == BATCH);
            if (lastPassFailed) {
                LOG.info("Outbox relay recovered: events are being published again");
            }
            lastPassFailed = false;
        } catch (Exception e) {
            if (!lastPassFailed) {
                LOG.warnf("Outbox relay cannot publish yet (%s); events stay in the outbox and are retried", e.getMessage());
            }
            lastPassFailed = true;
            resetProducerAfter(e);
        }
    }

    /** Publishes up to one batch; returns how many rows it marked published. */
    int publishBatch() throws SQLException, InterruptedException, ExecutionException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return 0;
                }
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, topic, record_key, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT " + BATCH);
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        acks.add(producer().send(new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getString(4))));
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                producer().flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
                    Array array = c.createArrayOf("bigint", ids.toArray());
                    ps.setArray(1, array);
                    ps.executeUpdate();
                }
                c.commit();
                return ids.size();
            } catch (SQLException | InterruptedException | ExecutionException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void pruneSafely() {
        try {
            int pruned = prunePublished();
            if (pruned > 0) {
                LOG.infof("Outbox: deleted %d events published more than %d days ago", pruned, retentionDays);
            }
        } catch (SQLException e) {
            LOG.warnf("Outbox: old published events not deleted this hour (%s)", e.getMessage());
        }
    }

    /** Deletes the events published more than the retention ago; returns how many. */
    public int prunePublished() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < now() - make_interval(days => ?)")) {
            c.setAutoCommit(true);
            ps.setInt(1, retentionDays);
            return ps.executeUpdate();
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = ReliableProducer.create(bootstrapServers, "tenant-service-outbox", Duration.ofSeconds(5), Duration.ofSeconds(15));
        }
        return producer;
    }

    /** A producer whose sends timed out may hold a stale view of the cluster; start afresh next time. */
    private void resetProducerAfter(Exception e) {
        KafkaProducer<String, String> old = producer;
        producer = null;
        if (old != null) {
            old.close(java.time.Duration.ZERO);
        }
    }

    /** Creates the topics with the configuration the design fixes, if they do not exist yet. */
    private void ensureTopics() throws InterruptedException, ExecutionException {
        if (topicsReady) {
            return;
        }
        Properties props = KafkaClientProperties.of(bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = List.of(
                    new NewTopic(Topics.TENANTS, partitions, replicationFactor).configs(Map.of(
                            "cleanup.policy", "compact",
                            "min.compaction.lag.ms", "0",
                            "segment.ms", "3600000")),
                    // The database cluster registry, by name: a service reads it whole at start (no credentials on it).
                    new NewTopic(Topics.CLUSTERS, 1, replicationFactor).configs(Map.of(
                            "cleanup.policy", "compact",
                            "min.compaction.lag.ms", "0",
                            "segment.ms", "3600000")),
                    new NewTopic(Topics.PROVISIONING, partitions, replicationFactor).configs(Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(7)))),
                    // Work handed between modules: kept long enough to survive a long outage of the consumer.
                    new NewTopic(Topics.BILLING, partitions, replicationFactor).configs(Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(30)))),
                    new NewTopic(Topics.STOCK, partitions, replicationFactor).configs(Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(30)))),
                    // Read into ipsc_platform as they arrive; a week covers an outage of tenant-service.
                    new NewTopic(Topics.SECURITY, partitions, replicationFactor).configs(Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", Long.toString(TimeUnit.DAYS.toMillis(7)))));
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        topicsReady = true;
    }
}
