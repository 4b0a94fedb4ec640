package io.ipsc.tenancy.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.ReliableProducer;
import io.ipsc.tenancy.event.SecurityEvent;
import io.ipsc.tenancy.event.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every service's way of reporting a refused or suspicious request for the operator's security
 * view ({@code /api/security/metrics/{slug}}, kept by tenant-service). Safe to call on the event
 * loop: {@link #record} only logs and queues; one background thread coalesces what arrived in the
 * last second (a flood of the same refusal becomes one event with a count) and sends it to
 * {@link Topics#SECURITY}. The queue is bounded: when Kafka is away long enough to fill it, further
 * events are dropped and counted ({@code ipsc_security_events_dropped_total}) rather than held in
 * memory without end; the log line of each cross-tenant attempt is written regardless. A sender that
 * fails starts again with a new producer a few seconds later (logged once per outage, counted in
 * {@code ipsc_security_events_sender_failures_total}), so one failure never silences the later events.
 */
@ApplicationScoped
public class SecurityEventRecorder {

    /** Its own category, so an operator can route these lines to an audit sink. */
    private static final Logger AUDIT = Logger.getLogger("io.ipsc.security");
    private static final int QUEUE_CAPACITY = 10_000;
    private static final Duration FLUSH_PERIOD = Duration.ofSeconds(1);
    private static final int MAX_TEXT = 300;
    private static final Duration RESTART_DELAY = Duration.ofSeconds(5);

    private final BlockingQueue<SecurityEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final String service;
    private final Supplier<Producer<String, String>> producers;
    private final Duration restartDelay;
    private final ObjectMapper json;
    private final Counter dropped;
    private final Counter senderFailures;
    private final Map<SecurityEvent.Kind, Counter> anonymousRefusals = new EnumMap<>(SecurityEvent.Kind.class);
    private Thread sender;
    private volatile boolean running = true;
    /** Set by a failure of the sender, cleared by its next batch sent: the failure is logged once, not once a restart. */
    private volatile boolean failing;

    @Inject
    public SecurityEventRecorder(@ConfigProperty(name = "quarkus.application.name") String service,
                                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                 ObjectMapper json, MeterRegistry metrics) {
        this(service, json, metrics, () -> ReliableProducer.create(bootstrapServers, service + "-security",
                Duration.ofSeconds(5), Duration.ofSeconds(30)), RESTART_DELAY);
    }

    /** {@code producers} makes the sender's producer, again after each failure of the sender, {@code restartDelay} later. */
    SecurityEventRecorder(String service, ObjectMapper json, MeterRegistry metrics,
                          Supplier<Producer<String, String>> producers, Duration restartDelay) {
        this.service = service;
        this.producers = producers;
        this.restartDelay = restartDelay;
        this.json = json;
        this.dropped = metrics.counter("ipsc_security_events_dropped");
        this.senderFailures = metrics.counter("ipsc_security_events_sender_failures", "service", service);
        for (SecurityEvent.Kind kind : SecurityEvent.Kind.values()) {
            anonymousRefusals.put(kind, metrics.counter("ipsc_security_anonymous_refusals", "service", service, "kind", kind.name()));
        }
    }

    /**
     * Notes one refusal concerning {@code tenant}. Cross-tenant attempts are also logged at WARN with
     * the caller, the tenant asked for and the route. Does nothing without a tenant to attribute it to.
     */
    public void record(SecurityEvent.Kind kind, String tenant, String caller, String method, String path, String detail) {
        if (tenant == null || tenant.isBlank()) {
            return;
        }
        String who = caller == null || caller.isBlank() ? "anonymous" : clip(caller);
        String route = clip((method == null ? "" : method + " ") + (path == null ? "" : path));
        if (kind == SecurityEvent.Kind.CROSS_TENANT) {
            AUDIT.warnf("Refused cross-tenant request: caller=%s tenant=%s route=%s service=%s (%s)", who, tenant, route, service, detail);
        } else {
            AUDIT.debugf("Refused %s: caller=%s tenant=%s route=%s (%s)", kind, who, tenant, route, detail);
        }
        SecurityEvent event = new SecurityEvent(null, clip(tenant), kind, service, who, route, clip(detail), 1, Instant.now());
        if (!queue.offer(event)) {
            dropped.increment();
            return;
        }
        startSenderOnce();
    }

    /**
     * A refusal of a request with, or without, a valid token. Only an authenticated caller's refusal
     * counts against the tenant: without a token anyone can name any tenant, and such noise would
     * drown the figures a tenant's operator reads. Those are counted apart, by kind and without a
     * tenant ({@code ipsc_security_anonymous_refusals_total{service,kind}}).
     */
    public void record(SecurityEvent.Kind kind, String tenant, Caller caller, String method, String path, String detail) {
        if (caller == null) {
            anonymousRefusals.get(kind).increment();
            return;
        }
        record(kind, tenant, describe(caller), method, path, detail);
    }

    /** Events waiting to be sent. */
    int pending() {
        return queue.size();
    }

    public static String describe(Caller caller) {
        if (caller == null) {
            return "anonymous";
        }
        return caller.email() == null || caller.email().isBlank() ? "user " + caller.userId() : caller.email();
    }

    /**
     * Merges events that differ only in time and detail: one per tenant, kind, caller and route,
     * with their occurrences summed, the latest time and detail kept, and a fresh id.
     */
    static List<SecurityEvent> coalesce(List<SecurityEvent> events) {
        Map<String, SecurityEvent> merged = new LinkedHashMap<>();
        for (SecurityEvent e : events) {
            String key = e.tenant() + '\n' + e.kind() + '\n' + e.caller() + '\n' + e.route();
            merged.merge(key, e, (a, b) -> new SecurityEvent(null, a.tenant(), a.kind(), a.service(), a.caller(), a.route(),
                    b.detail(), a.occurrences() + b.occurrences(), b.occurredAt().isAfter(a.occurredAt()) ? b.occurredAt() : a.occurredAt()));
        }
        List<SecurityEvent> out = new ArrayList<>(merged.size());
        for (SecurityEvent e : merged.values()) {
            out.add(new SecurityEvent(UUID.randomUUID().toString(), e.tenant(), e.kind(), e.service(), e.caller(), e.route(),
                    e.detail(), e.occurrences(), e.occurredAt()));
        }
        return out;
    }

    /** Starts the sender thread if none runs: the first event starts it, and a sender that died is replaced. */
    private synchronized void startSenderOnce() {
        if ((sender == null || !sender.isAlive()) && running) {
            sender = new Thread(this::sendUntilStopped, "security-events");
            sender.setDaemon(true);
            sender.start();
        }
    }

    /**
     * Sends until stopped, starting over with a new producer after any failure: a sender that died on
     * its first failure (a broker address not resolvable yet, say) silently dropped every later event.
     * Events keep waiting in the bounded queue meanwhile.
     */
    private void sendUntilStopped() {
        while (running || !queue.isEmpty()) {
            try {
                // Made here, off the caller's thread: creating a producer resolves addresses and may take a moment.
                try (Producer<String, String> producer = producers.get()) {
                    sendWith(producer);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                senderFailures.increment();
                if (!failing) {
                    AUDIT.errorf("Security events stopped being sent (%s); the sender starts again every %d ms and the events wait",
                            e.toString(), restartDelay.toMillis());
                    failing = true;
                }
                if (!running) {
                    return;
                }
                try {
                    Thread.sleep(restartDelay.toMillis());
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void sendWith(Producer<String, String> producer) throws InterruptedException {
        while (running || !queue.isEmpty()) {
            List<SecurityEvent> batch = new ArrayList<>();
            SecurityEvent first = queue.poll(FLUSH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                continue;
            }
            batch.add(first);
            if (running) {
                // Let a burst gather, so that it leaves as one event per distinct refusal.
                Thread.sleep(FLUSH_PERIOD.toMillis());
            }
            queue.drainTo(batch);
            for (SecurityEvent event : coalesce(batch)) {
                send(producer, event);
            }
            if (failing) {
                AUDIT.info("Security events are being sent again");
                failing = false;
            }
        }
        producer.flush();
    }

    private void send(Producer<String, String> producer, SecurityEvent event) {
        String value;
        try {
            value = json.writeValueAsString(event);
        } catch (Exception e) {
            dropped.increment();
            return;
        }
        try {
            producer.send(new ProducerRecord<>(Topics.SECURITY, event.tenant(), value), (metadata, failure) -> {
                if (failure != null) {
                    dropped.increment(event.occurrences());
                    AUDIT.warnf("A security event of tenant %s could not be sent: %s", event.tenant(), failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            dropped.increment(event.occurrences());
            AUDIT.warnf("A security event of tenant %s could not be sent: %s", event.tenant(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = sender;
        }
        if (t != null) {
            try {
                // Gives the last second's events their chance to leave; the thread is a daemon either way.
                t.join(FLUSH_PERIOD.toMillis() * 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String clip(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
