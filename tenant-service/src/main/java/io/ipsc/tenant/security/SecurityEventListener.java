package io.ipsc.tenant.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.SecurityEvent;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenancy.event.CommittingTopicListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores what every service reports on {@code ipsc.security} in {@code security_events}, batch by
 * batch (a redelivered event is stored once: its id is the key), and drops events older than the
 * retention once an hour.
 */
@Singleton
public class SecurityEventListener extends CommittingTopicListener {

    private static final Logger LOG = Logger.getLogger(SecurityEventListener.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final long PRUNE_EVERY_MILLIS = Duration.ofHours(1).toMillis();

    private final Pool pool;
    private final ObjectMapper json;
    private final int retentionDays;
    private long lastPruneMillis;

    public SecurityEventListener(Pool pool, ObjectMapper json,
                                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                 @ConfigProperty(name = "ipsc.security.retention-days", defaultValue = "90") int retentionDays) {
        super(Topics.SECURITY, "tenant-service-security", "tenant-service-security", bootstrapServers);
        this.pool = pool;
        // Events from newer services may carry fields this version does not know.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.retentionDays = retentionDays;
    }

    void start(@Observes StartupEvent event) {
        startListening();
    }

    void stop(@Observes ShutdownEvent event) {
        stopListening();
    }

    @Override
    protected void handle(ConsumerRecords<String, String> records) {
        List<Tuple> rows = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            SecurityEvent e;
            try {
                e = json.readValue(record.value(), SecurityEvent.class);
                UUID.fromString(e.id());
            } catch (Exception ex) {
                LOG.errorf("Unreadable security event at offset %d skipped: %s", record.offset(), ex.getMessage());
                continue;
            }
            if (e.tenant() == null || e.kind() == null || e.occurredAt() == null || e.occurrences() < 1) {
                LOG.errorf("Incomplete security event at offset %d skipped", record.offset());
                continue;
            }
            rows.add(Tuple.tuple().addValue(UUID.fromString(e.id())).addValue(clip(e.tenant(), 63)).addValue(e.kind().name())
                    .addValue(clip(orNone(e.service()), 64)).addValue(clip(orNone(e.caller()), 320)).addValue(clip(orNone(e.route()), 320))
                    .addValue(clip(e.detail(), 320)).addValue(e.occurrences()).addValue(e.occurredAt().atOffset(ZoneOffset.UTC)));
        }
        if (!rows.isEmpty()) {
            pool.preparedQuery("INSERT INTO security_events (id, tenant, kind, service, caller, route, detail, occurrences, occurred_at) "
                            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING")
                    .executeBatch(rows).await().atMost(WRITE_TIMEOUT);
        }
    }

    @Override
    protected void afterPoll() {
        long now = System.currentTimeMillis();
        if (now - lastPruneMillis < PRUNE_EVERY_MILLIS) {
            return;
        }
        lastPruneMillis = now;
        try {
            pool.preparedQuery("DELETE FROM security_events WHERE occurred_at < now() - make_interval(days => $1)")
                    .execute(Tuple.of(retentionDays)).await().atMost(WRITE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("Old security events not pruned this time: %s", e.getMessage());
        }
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
