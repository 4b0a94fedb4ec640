package io.ipsc.tenant.outbox;

import io.ipsc.tenancy.event.KafkaClientProperties;
import io.ipsc.tenancy.event.ReliableProducer;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.config.TenantServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox to Kafka in id order, at least once: rows are marked published only after
 * the broker acknowledged them (acks=all, idempotent producer). A crash or a broker outage between
 * commit and publish leaves the rows unpublished, and they go out on a later pass.
 *
 * <p>When it publishes: right after a commit that wrote events ({@link #wakeUp}, on a Vert.x worker
 * thread), and in a sweep every second of the Quarkus scheduler, which also catches rows left by an
 * earlier process or a broker outage. Both go through one single-flight path ({@link #publishPasses}):
 * one pass at a time in this process, and a wake-up that arrives during a pass makes that pass go round
 * once more, so no commit waits for the next sweep. Passes use JDBC (blocking is fine on those threads,
 * never on the event loop). A transaction-scoped advisory lock lets several replicas run it while only
 * one publishes at a time, which keeps each tenant's events in order.
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
    private final Vertx vertx;
    private final int retentionDays;
    private final String bootstrapServers;
    private final int partitions;
    private final short replicationFactor;
    /** A pass is running in this process. */
    private final AtomicBoolean passRunning = new AtomicBoolean();
    /** A pass was asked for (by a wake-up or the sweep) and has not started yet. */
    private final AtomicBoolean passAsked = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile KafkaProducer<String, String> producer;
    private volatile boolean topicsReady;
    /**
     * Only for logging an outage once and its end. Deliberately not a readiness check: while the relay
     * cannot publish, tenant-service still answers (its writes wait in the outbox), so taking it out of
     * rotation would turn late events into refused sign-ins; the broker's reachability is already in
     * readiness through Quarkus' Kafka check.
     */
    private volatile boolean lastPassFailed;

    public OutboxRelay(DataSource dataSource, Vertx vertx, TenantServiceConfig config,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "ipsc.outbox.retention-days", defaultValue = "7") int retentionDays) {
        this.dataSource = dataSource;
        this.vertx = vertx;
        this.retentionDays = retentionDays;
        this.bootstrapServers = bootstrapServers;
        this.partitions = config.kafka().partitions();
        this.replicationFactor = config.kafka().replicationFactor();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        KafkaProducer<String, String> open = producer;
        if (open != null) {
            open.close(Duration.ofSeconds(5));
        }
    }

    /** The safety net: events a wake-up did not send (an earlier process's, a broker outage's) go out within a second. */
    @Scheduled(identity = "outbox-relay-sweep", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        publishPasses();
    }

    /** Asks for a pass now (after a commit) instead of at the next sweep; never blocks the caller. */
    public void wakeUp() {
        passAsked.set(true);
        if (!passRunning.get()) {
            vertx.executeBlocking(() -> {
                publishPasses();
                return null;
            }, false).subscribe().with(nothing -> { }, failure -> LOG.warn("Outbox relay pass failed", failure));
        }
    }

    /**
     * The single-flight path of the sweep and the wake-ups: runs passes until none is asked for. A caller
     * that finds a pass running leaves its request to that pass's loop and returns at once; the running
     * loop looks for a request only after it has let go of {@code passRunning}, so none is lost between.
     */
    void publishPasses() {
        passAsked.set(true);
        while (!stopped && passAsked.get() && passRunning.compareAndSet(false, true)) {
            try {
                passAsked.set(false);
                publishPendingSafely();
            } finally {
                passRunning.set(false);
            }
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

    @Scheduled(identity = "outbox-prune", every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneSafely() {
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
            old.close(Duration.ZERO);
        }
    }

    /** Creates the suite's topics ({@link Topics#SETTINGS}) with this service's partitions, if they do not exist yet. */
    private void ensureTopics() throws InterruptedException, ExecutionException {
        if (topicsReady) {
            return;
        }
        Properties props = KafkaClientProperties.of(bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(props)) {
            Topics.createMissing(admin, partitions, replicationFactor);
        }
        topicsReady = true;
    }
}
