package io.ipsc.tenant.provisioning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.ProvisioningReport;
import io.ipsc.tenant.audit.AuditCause;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.outbox.OutboxRelay;
import io.ipsc.tenancy.event.CommittingTopicListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code ipsc.provisioning} and applies each report in a transaction; offsets are committed
 * only afterwards, so a crash re-reads reports, which apply idempotently.
 */
@Singleton
public class ProvisioningListener extends CommittingTopicListener {

    private static final Logger LOG = Logger.getLogger(ProvisioningListener.class);

    private final ProvisioningService service;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    public ProvisioningListener(ProvisioningService service, OutboxRelay relay, ObjectMapper json,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        super(Topics.PROVISIONING, "tenant-service", "tenant-service-provisioning", bootstrapServers);
        this.service = service;
        this.relay = relay;
        // Reports from newer services may carry fields this version does not know.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    void start(@Observes StartupEvent event) {
        startListening();
    }

    void stop(@Observes ShutdownEvent event) {
        stopListening();
    }

    @Override
    protected void handle(ConsumerRecords<String, String> records) {
        boolean tenantChanged = false;
        for (ConsumerRecord<String, String> record : records) {
            tenantChanged |= apply(record);
        }
        if (tenantChanged) {
            relay.wakeUp();
        }
    }

    private boolean apply(ConsumerRecord<String, String> record) {
        ProvisioningReport report;
        try {
            report = json.readValue(record.value(), ProvisioningReport.class);
        } catch (Exception e) {
            LOG.errorf("Unreadable provisioning report at offset %d skipped: %s", record.offset(), e.getMessage());
            return false;
        }
        try {
            // The report is applied by reactive Hibernate code; this thread waits for it, off the event loop.
            return Boolean.TRUE.equals(VertxContextSupport.subscribeAndAwait(() -> AuditCause.kafka(record, () -> service.record(report))));
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot record the provisioning report of " + report.tenant(), e);
        }
    }
}
