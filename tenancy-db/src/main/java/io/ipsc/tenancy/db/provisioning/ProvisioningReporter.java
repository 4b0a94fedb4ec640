package io.ipsc.tenancy.db.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.event.ProvisioningReport;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenancy.db.ServiceIdentity;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import io.ipsc.tenancy.event.ReliableProducer;
import io.ipsc.tenancy.metrics.TenantMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Tells tenant-service, on {@code ipsc.provisioning}, where this service stands with a tenant, and
 * counts each outcome once the broker has it: {@code ipsc_provisioning_outcomes_total{tenant,
 * service, outcome}}. Counted only after the send succeeded, because the caller retries a report
 * that could not be sent and it would otherwise count twice.
 */
@Singleton
public class ProvisioningReporter {

    public static final String OUTCOMES = "ipsc_provisioning_outcomes";
    private static final Logger LOG = Logger.getLogger(ProvisioningReporter.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final ServiceIdentity service;
    private final ObjectMapper json;
    private final TenantMetrics metrics;
    private final KafkaProducer<String, String> producer;
    /** Guards {@link #deferring} and {@link #deferred}. */
    private final Object deferLock = new Object();
    private boolean deferring;
    private final List<Deferred> deferred = new ArrayList<>();
    /** Sends again, one at a time and waiting, what {@link #reportWithoutWaiting} could not deliver. */
    private final ExecutorService resender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "provisioning-report-resender");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean open = true;
    /** Reports sent without waiting that the producer could not deliver, until sent again and acknowledged. */
    private final AtomicInteger unacknowledged = new AtomicInteger();

    @Inject
    public ProvisioningReporter(ServiceIdentity service, ObjectMapper json, TenantMetrics metrics,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this(service, json, metrics, bootstrapServers, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** With the producer's own request and delivery timeouts: a test's broker outage outlasts shorter ones. */
    ProvisioningReporter(ServiceIdentity service, ObjectMapper json, TenantMetrics metrics, String bootstrapServers,
                         Duration requestTimeout, Duration deliveryTimeout) {
        this.service = service;
        this.json = json;
        this.metrics = metrics;
        this.producer = ReliableProducer.create(bootstrapServers, service.name() + "-service-provisioning", requestTimeout, deliveryTimeout);
    }

    /**
     * Sends and waits for the broker's acknowledgement; throws when it cannot (the caller retries). While deferring
     * ({@link #deferAcknowledgements()}), sends and returns at once: {@link #awaitDeferred} then waits for them all.
     */
    public void report(String tenant, ProvisioningReport.Status status, String schemaVersion, String detail, long tenantVersion,
                       String cluster) throws Exception {
        ProducerRecord<String, String> record = record(tenant, status, schemaVersion, detail, tenantVersion, cluster);
        if (sentWhileDeferring(record, tenant, status)) {
            return;
        }
        producer.send(record).get(ACK_WAIT.toSeconds(), TimeUnit.SECONDS);
        counted(tenant, status);
    }

    /**
     * Sends and returns without waiting for the acknowledgement, for a provisioning lane with the next tenant to go on
     * to: that tenant's work overlaps the broker's flush of this report (acks=all, a flush per message: ~20 ms a
     * tenant and lane in a burst of new tenants; issue 19). A report the producer could not deliver within its own
     * retries is sent again from the reporter's thread, waiting, until acknowledged or the service stops; one lost to
     * a crash meanwhile is sent again by the next start, whose replay reports every tenant. Sent again late, it may
     * arrive after a newer report of the same tenant: tenant-service keeps the one with the newer tenant version.
     * While deferring (the start-up replay), as {@link #report}: readiness waits for it.
     */
    public void reportWithoutWaiting(String tenant, ProvisioningReport.Status status, String schemaVersion, String detail,
                                     long tenantVersion, String cluster) throws Exception {
        ProducerRecord<String, String> record = record(tenant, status, schemaVersion, detail, tenantVersion, cluster);
        if (sentWhileDeferring(record, tenant, status)) {
            return;
        }
        producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                counted(tenant, status);
            } else {
                resendLater(record, tenant, status, failure);
            }
        });
    }

    /** Called on the producer's I/O thread, which must not wait: the resend, which does, runs on the reporter's own. */
    private void resendLater(ProducerRecord<String, String> record, String tenant, ProvisioningReport.Status status, Exception failure) {
        unacknowledged.incrementAndGet();
        try {
            resender.execute(() -> {
                try {
                    resend(record, tenant, status, () -> open, failure);
                } finally {
                    unacknowledged.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopping) {
            unacknowledged.decrementAndGet();
            LOG.warnf("Report of %s (%s) not acknowledged while stopping; the next start reports it again", tenant, status);
        }
    }

    private ProducerRecord<String, String> record(String tenant, ProvisioningReport.Status status, String schemaVersion, String detail,
                                                  long tenantVersion, String cluster) throws Exception {
        ProvisioningReport report = new ProvisioningReport(tenant, service.name(), status, schemaVersion, detail, tenantVersion,
                Timestamps.now(), cluster);
        return new ProducerRecord<>(Topics.PROVISIONING, tenant, json.writeValueAsString(report));
    }

    /** While deferring: sends {@code record}, keeps it for {@link #awaitDeferred} and returns true; otherwise sends nothing. */
    private boolean sentWhileDeferring(ProducerRecord<String, String> record, String tenant, ProvisioningReport.Status status) {
        synchronized (deferLock) {
            if (!deferring) {
                return false;
            }
            Future<RecordMetadata> sent = producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    counted(tenant, status);
                }
            });
            deferred.add(new Deferred(record, tenant, status, sent));
            return true;
        }
    }

    /**
     * From now until {@link #awaitDeferred}, {@link #report} does not wait for each acknowledgement. For a start
     * replaying a thousand tenants' snapshots: each of them already converged is reported again, and waiting for the
     * broker's flush of each one in turn (three lanes at a time) held readiness for seconds; sent without waiting,
     * the producer batches them. Readiness still waits for every acknowledgement ({@link #awaitDeferred}).
     */
    public void deferAcknowledgements() {
        synchronized (deferLock) {
            deferring = true;
        }
    }

    /**
     * Stops deferring, then returns once the broker has acknowledged every deferred report; one whose send failed
     * is sent again, waiting for it, until it is acknowledged or {@code running} turns false. Returns how many
     * reports were deferred; a report that could never be sent (stopping) leaves the service unready, as a
     * synchronous report that fails does.
     */
    public int awaitDeferred(BooleanSupplier running) {
        List<Deferred> sent;
        synchronized (deferLock) {
            deferring = false;
            sent = List.copyOf(deferred);
            deferred.clear();
        }
        for (Deferred each : sent) {
            try {
                each.sent().get(ACK_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return sent.size();
            } catch (Exception failed) {
                resend(each.record(), each.tenant(), each.status(), running, failed);
            }
        }
        return sent.size();
    }

    private void resend(ProducerRecord<String, String> record, String tenant, ProvisioningReport.Status status, BooleanSupplier running,
                        Exception failed) {
        Exception last = failed;
        while (running.getAsBoolean()) {
            LOG.warnf("Report of %s (%s) not acknowledged (%s); sending it again", tenant, status, last.getMessage());
            try {
                producer.send(record).get(ACK_WAIT.toSeconds(), TimeUnit.SECONDS);
                counted(tenant, status);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                last = e;
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** How many reports sent without waiting are being sent again, not yet acknowledged. */
    int unacknowledged() {
        return unacknowledged.get();
    }

    private void counted(String tenant, ProvisioningReport.Status status) {
        metrics.increment(OUTCOMES, tenant, "service", service.name(), "outcome", status.name());
    }

    /** A report sent while deferring, kept until its acknowledgement is seen. */
    private record Deferred(ProducerRecord<String, String> record, String tenant, ProvisioningReport.Status status,
                            Future<RecordMetadata> sent) {
    }

    @PreDestroy
    void close() {
        open = false;
        resender.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
