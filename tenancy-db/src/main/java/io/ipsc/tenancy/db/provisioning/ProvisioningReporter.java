package io.ipsc.tenancy.db.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.event.ProvisioningReport;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenancy.db.ServiceIdentity;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Tells tenant-service, on {@code ipsc.provisioning}, where this service stands with a tenant. */
@Singleton
public class ProvisioningReporter {

    private final ServiceIdentity service;
    private final ObjectMapper json;
    private final KafkaProducer<String, String> producer;

    public ProvisioningReporter(ServiceIdentity service, ObjectMapper json,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.service = service;
        this.json = json;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, service.name() + "-service-provisioning");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Sends and waits for the broker's acknowledgement; throws when it cannot (the caller retries). */
    public void report(String tenant, ProvisioningReport.Status status, String schemaVersion, String detail, long tenantVersion)
            throws Exception {
        ProvisioningReport report = new ProvisioningReport(tenant, service.name(), status, schemaVersion, detail, tenantVersion,
                Timestamps.now());
        producer.send(new ProducerRecord<>(Topics.PROVISIONING, tenant, json.writeValueAsString(report))).get(30, TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
