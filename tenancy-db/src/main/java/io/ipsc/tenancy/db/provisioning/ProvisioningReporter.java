package io.ipsc.tenancy.db.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.event.ProvisioningReport;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenancy.db.ServiceIdentity;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import io.ipsc.tenancy.event.ReliableProducer;
import io.ipsc.tenancy.metrics.TenantMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tells tenant-service, on {@code ipsc.provisioning}, where this service stands with a tenant, and
 * counts each outcome once the broker has it: {@code ipsc_provisioning_outcomes_total{tenant,
 * service, outcome}}. Counted only after the send succeeded, because the caller retries a report
 * that could not be sent and it would otherwise count twice.
 */
@Singleton
public class ProvisioningReporter {

    public static final String OUTCOMES = "ipsc_provisioning_outcomes";

    private final ServiceIdentity service;
    private final ObjectMapper json;
    private final TenantMetrics metrics;
    private final KafkaProducer<String, String> producer;

    public ProvisioningReporter(ServiceIdentity service, ObjectMapper json, TenantMetrics metrics,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.service = service;
        this.json = json;
        this.metrics = metrics;
        this.producer = ReliableProducer.create(bootstrapServers, service.name() + "-service-provisioning", Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    /** Sends and waits for the broker's acknowledgement; throws when it cannot (the caller retries). */
    public void report(String tenant, ProvisioningReport.Status status, String schemaVersion, String detail, long tenantVersion,
                       String cluster) throws Exception {
        ProvisioningReport report = new ProvisioningReport(tenant, service.name(), status, schemaVersion, detail, tenantVersion,
                Timestamps.now(), cluster);
        producer.send(new ProducerRecord<>(Topics.PROVISIONING, tenant, json.writeValueAsString(report))).get(30, TimeUnit.SECONDS);
        metrics.increment(OUTCOMES, tenant, "service", service.name(), "outcome", status.name());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
