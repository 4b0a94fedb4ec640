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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    public ProvisioningReporter(ServiceIdentity service, ObjectMapper json, TenantMetrics metrics,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.service = service;
        this.json = json;
        this.metrics = metrics;
        this.producer = ReliableProducer.create(bootstrapServers, service.name() + "-service-provisioning", Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    /**
     * Sends and waits for the broker's acknowledgement; throws when it cannot (the caller retries). While deferring
     * ({@link #deferAcknowledgements()}), sends and returns at once: {@link #awaitDeferred} then waits for them all.
     */
    public void report(String tenant, ProvisioningReport.Status status, String schemaVersion, String detail, long tenantVersion,
                       String cluster) throws Exception {
        ProvisioningReport report = new ProvisioningReport(tenant, service.name(), status, schemaVersion, detail, tenantVersion,
                Timestamps.now(), cluster);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.PROVISIONING, tenant, json.writeValueAsString(report));
        synchronized (deferLock) {
            if (deferring) {
                Future<RecordMetadata> sent = producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        counted(tenant, status);
                    }
                });
                deferred.add(new Deferred(record, tenant, status, sent));
                return;
            }
        }
        producer.send(record).get(ACK_WAIT.toSeconds(), TimeUnit.SECONDS);
        counted(tenant, status);
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
                resend(each, running, failed);
            }
        }
        return sent.size();
    }

    private void resend(Deferred each, BooleanSupplier running, Exception failed) {
        Exception last = failed;
        while (running.getAsBoolean()) {
            LOG.warnf("Report of %s (%s) not acknowledged (%s); sending it again", each.tenant(), each.status(), last.getMessage());
            try {
                producer.send(each.record()).get(ACK_WAIT.toSeconds(), TimeUnit.SECONDS);
                counted(each.tenant(), each.status());
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

    private void counted(String tenant, ProvisioningReport.Status status) {
        metrics.increment(OUTCOMES, tenant, "service", service.name(), "outcome", status.name());
    }

    /** A report sent while deferring, kept until its acknowledgement is seen. */
    private record Deferred(ProducerRecord<String, String> record, String tenant, ProvisioningReport.Status status,
                            Future<RecordMetadata> sent) {
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
