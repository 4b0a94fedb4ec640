package io.ipsc.tenant.provisioning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.ProvisioningReport;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.outbox.OutboxRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Reads {@code ipsc.provisioning} on its own thread, applies each report in a transaction, and
 * commits the offset only afterwards: a crash re-reads reports, which apply idempotently.
 */
@ApplicationScoped
public class ProvisioningListener {

    private static final Logger LOG = Logger.getLogger(ProvisioningListener.class);

    private final ProvisioningService service;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final String bootstrapServers;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private Thread thread;

    public ProvisioningListener(ProvisioningService service, OutboxRelay relay, ObjectMapper json,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.service = service;
        this.relay = relay;
        // Reports from newer services may carry fields this version does not know.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "provisioning-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "tenant-service");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tenant-service-provisioning");
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                c.subscribe(List.of(Topics.PROVISIONING));
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    boolean tenantChanged = false;
                    for (ConsumerRecord<String, String> record : records) {
                        tenantChanged |= apply(record);
                    }
                    if (!records.isEmpty()) {
                        c.commitSync();
                    }
                    if (tenantChanged) {
                        relay.wakeUp();
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("Provisioning listener interrupted (%s); reconnecting", e.getMessage());
                    sleep(2000);
                }
            }
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
            return Boolean.TRUE.equals(VertxContextSupport.subscribeAndAwait(() -> service.record(report)));
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot record the provisioning report of " + report.tenant(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
