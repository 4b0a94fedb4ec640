package io.ipsc.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Sends reports on {@code ipsc.provisioning} as the domain services do, keyed by tenant (so in order per tenant). */
final class ServiceReports implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProducer<String, String> producer;

    ServiceReports() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedServers.get().kafkaBootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** A report from before placement (no cluster: main). */
    void send(String slug, String service, String status, long version, String detail) {
        send(slug, service, status, version, null, detail);
    }

    void send(String slug, String service, String status, long version, String cluster, String detail) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("tenant", slug);
        report.put("service", service);
        report.put("status", status);
        report.put("schema_version", "PROVISIONED".equals(status) ? "1" : null);
        report.put("detail", detail);
        report.put("tenant_version", version);
        report.put("reported_at", Instant.now().toString());
        if (cluster != null) {
            report.put("cluster", cluster);
        }
        try {
            producer.send(new ProducerRecord<>(Topics.PROVISIONING, slug, JSON.writeValueAsString(report))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
