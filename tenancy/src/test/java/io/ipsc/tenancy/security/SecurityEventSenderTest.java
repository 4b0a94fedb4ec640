package io.ipsc.tenancy.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ipsc.tenancy.event.ReliableProducer;
import io.ipsc.tenancy.event.SecurityEvent.Kind;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sender thread against the real broker: it outlives a failure of its own. */
class SecurityEventSenderTest {

    @Test
    void aSenderThatFailedStartsAgainAndLaterEventsAreDelivered() throws Exception {
        String bootstrap = EmbeddedServers.get().kafkaBootstrapServers();
        TenantEventsPublisher.createTopics(bootstrap);
        String tenant = "sender-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger made = new AtomicInteger();
        // The first three producers cannot be made, as when the broker's address does not resolve yet.
        Supplier<Producer<String, String>> producers = () -> {
            if (made.incrementAndGet() <= 3) {
                throw new KafkaException("No resolvable bootstrap urls given in bootstrap.servers");
            }
            return ReliableProducer.create(bootstrap, "sender-test", Duration.ofSeconds(5), Duration.ofSeconds(30));
        };
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SecurityEventRecorder recorder = new SecurityEventRecorder("gateway", new ObjectMapper().registerModule(new JavaTimeModule()),
                metrics, producers, Duration.ofMillis(100));
        CountingHandler log = CountingHandler.on("io.ipsc.security", "stopped being sent");
        try (TopicReader reader = new TopicReader(Topics.SECURITY)) {
            recorder.record(Kind.CROSS_TENANT, tenant, "a@x.in", "GET", "/api/before", "refused");
            await().atMost(Duration.ofSeconds(30)).until(() -> made.get() > 3);

            recorder.record(Kind.RATE_LIMITED, tenant, "a@x.in", "GET", "/api/after", "refused");

            List<String> routes = reader.await(r -> tenant.equals(r.key()), 2, Duration.ofSeconds(60)).stream()
                    .map(r -> r.value().contains("/api/after") ? "after" : "before").sorted().toList();
            assertEquals(List.of("after", "before"), routes, "the event recorded after the failures arrives, and the one waiting too");
            assertEquals(3.0, metrics.get("ipsc_security_events_sender_failures").counter().count());
            assertEquals(1, log.count(), "three failures in a row are one outage: logged once");
        } finally {
            log.remove();
            recorder.stop();
        }
    }

    /** Counts the warnings and errors of one logger whose message holds a phrase. */
    static final class CountingHandler extends Handler {
        private final Logger logger;
        private final String phrase;
        private final AtomicInteger count = new AtomicInteger();

        private CountingHandler(Logger logger, String phrase) {
            this.logger = logger;
            this.phrase = phrase;
        }

        static CountingHandler on(String category, String phrase) {
            Logger logger = Logger.getLogger(category);
            CountingHandler handler = new CountingHandler(logger, phrase);
            logger.addHandler(handler);
            return handler;
        }

        int count() {
            return count.get();
        }

        void remove() {
            logger.removeHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue() && String.valueOf(record.getMessage()).contains(phrase)) {
                count.incrementAndGet();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
