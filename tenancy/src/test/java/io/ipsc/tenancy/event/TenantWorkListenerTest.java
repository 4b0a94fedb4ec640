package io.ipsc.tenancy.event;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The parking rules on their own: which records apply when, in which order, and what may be committed. */
class TenantWorkListenerTest {

    private static final String TOPIC = "ipsc.billing";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    /** A listener whose tenants in {@code away} cannot take work; it records what it applied, in order. */
    private static final class Recording extends TenantWorkListener {
        final Set<String> away = new HashSet<>();
        final List<String> applied = new ArrayList<>();
        final long[] now;
        int attempts;

        Recording(long[] now, SimpleMeterRegistry meters) {
            super(List.of(TOPIC), "test-service", "test-group", "127.0.0.1:9", meters, () -> now[0]);
            this.now = now;
        }

        @Override
        protected Outcome apply(ConsumerRecord<String, String> record) {
            attempts++;
            if (away.contains(record.key())) {
                return Outcome.NOT_YET;
            }
            applied.add(record.value());
            return Outcome.DONE;
        }

        void poll(ConsumerRecord<String, String>... records) {
            handle(new ConsumerRecords<>(Map.of(P0, List.of(records))));
            afterPoll();
        }
    }

    private static ConsumerRecord<String, String> at(long offset, String tenant, String value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, tenant, value);
    }

    private static Map<TopicPartition, Long> upTo(long next) {
        Map<TopicPartition, Long> handled = new HashMap<>();
        handled.put(P0, next);
        return handled;
    }

    @Test
    void anotherTenantsWorkGoesOnWhileTheCommitWaitsAtTheFirstParkedRecord() {
        long[] now = {0};
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Recording listener = new Recording(now, meters);
        listener.away.add("a");

        listener.poll(at(10, "a", "a1"), at(11, "b", "b1"), at(12, "a", "a2"), at(13, "b", "b2"));

        assertEquals(List.of("b1", "b2"), listener.applied);
        assertEquals(2, listener.parkedRecords());
        // Everything up to 13 was handled, but a1 (offset 10) is not applied: a restart must read from 10.
        assertEquals(10L, listener.committable(upTo(14)).get(P0));
        assertEquals(2.0, meters.get("ipsc_kafka_parked").tag("topic", TOPIC).counter().count());

        // Back before its first retry is due (1 s): nothing is tried.
        listener.away.clear();
        now[0] += 500_000_000L;
        listener.poll();
        assertEquals(List.of("b1", "b2"), listener.applied);

        now[0] += 600_000_000L;
        listener.poll();
        assertEquals(List.of("b1", "b2", "a1", "a2"), listener.applied, "the tenant's own order is kept");
        assertEquals(0, listener.parkedRecords());
        assertEquals(14L, listener.committable(upTo(14)).get(P0));
    }

    @Test
    void aTenantsLaterWorkWaitsBehindItsParkedWorkEvenOnceItCouldBeApplied() {
        long[] now = {0};
        Recording listener = new Recording(now, new SimpleMeterRegistry());
        listener.away.add("a");
        listener.poll(at(1, "a", "a1"));
        listener.away.clear();
        // a2 arrives before a1's retry is due: applying it first would reorder the tenant's work.
        listener.poll(at(2, "a", "a2"));
        assertEquals(List.of(), listener.applied);
        now[0] += 1_000_000_000L;
        listener.poll();
        assertEquals(List.of("a1", "a2"), listener.applied);
    }

    @Test
    void retriesBackOffDoublingToAMinute() {
        long[] now = {0};
        Recording listener = new Recording(now, new SimpleMeterRegistry());
        listener.away.add("a");
        listener.poll(at(1, "a", "a1"));
        // Tried at 1 s, then 2 s later, 4 s later, … at most 60 s apart: at 1, 3, 7, 15, 31, 63, 123, 183 s.
        long[] tries = {1, 3, 7, 15, 31, 63, 123};
        for (int i = 0; i < tries.length; i++) {
            now[0] = tries[i] * 1_000_000_000L - 1;
            listener.poll();
            assertEquals(1 + i, listener.attempts, "not due before " + tries[i] + " s");
            now[0] = tries[i] * 1_000_000_000L;
            listener.poll();
            assertEquals(2 + i, listener.attempts, "tried at " + tries[i] + " s");
        }
        listener.away.clear();
        now[0] = 183 * 1_000_000_000L - 1;
        listener.poll();
        assertEquals(List.of(), listener.applied, "not due before 183 s");
        now[0] = 183 * 1_000_000_000L;
        listener.poll();
        assertEquals(List.of("a1"), listener.applied);
    }

    @Test
    void revokedPartitionsForgetTheirParkedRecords() {
        long[] now = {0};
        Recording listener = new Recording(now, new SimpleMeterRegistry());
        listener.away.add("a");
        listener.poll(at(5, "a", "a1"));
        listener.revoked(List.of(P0));
        assertEquals(0, listener.parkedRecords());
        listener.away.clear();
        now[0] += 120_000_000_000L;
        listener.poll();
        assertEquals(List.of(), listener.applied, "the partition's new owner applies it, from the committed offset");
    }
}
