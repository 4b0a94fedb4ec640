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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** Threads that wait for reports being applied (the reactive work itself runs on Vert.x). */
    private final ExecutorService appliers;

    public ProvisioningListener(ProvisioningService service, OutboxRelay relay, ObjectMapper json,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                @ConfigProperty(name = "ipsc.provisioning.apply-parallelism", defaultValue = "8") int parallelism) {
        super(Topics.PROVISIONING, "tenant-service", "tenant-service-provisioning", bootstrapServers);
        this.service = service;
        this.relay = relay;
        // Reports from newer services may carry fields this version does not know.
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        AtomicInteger threads = new AtomicInteger();
        this.appliers = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r, "provisioning-apply-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void start(@Observes StartupEvent event) {
        startListening();
    }

    void stop(@Observes ShutdownEvent event) {
        stopListening();
        appliers.shutdownNow();
    }

    /**
     * Applies a polled batch: each tenant's reports in their order, different tenants side by side.
     * One report at a time made a burst wait on itself (300 reports of 100 new tenants, each its own
     * transaction and commit, took about 14 s); tenants do not share rows, so their reports need no
     * order between them. The batch's offsets are committed only when every report is applied.
     */
    @Override
    protected void handle(ConsumerRecords<String, String> records) throws Exception {
        Map<String, List<ConsumerRecord<String, String>>> byTenant = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            byTenant.computeIfAbsent(record.key() == null ? "" : record.key(), k -> new ArrayList<>()).add(record);
        }
        List<Future<Boolean>> applied = new ArrayList<>();
        for (List<ConsumerRecord<String, String>> ofOneTenant : byTenant.values()) {
            applied.add(appliers.submit(() -> {
                boolean changed = false;
                for (ConsumerRecord<String, String> record : ofOneTenant) {
                    changed |= apply(record);
                }
                return changed;
            }));
        }
        boolean tenantChanged = false;
        for (Future<Boolean> result : applied) {
            try {
                tenantChanged |= result.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
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
