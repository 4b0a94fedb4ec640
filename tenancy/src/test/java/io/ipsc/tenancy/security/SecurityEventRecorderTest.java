package io.ipsc.tenancy.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.SecurityEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ipsc.tenancy.event.SecurityEvent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class SecurityEventRecorderTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aFloodOfTheSameRefusalLeavesAsOneEventWithItsCount() {
        List<SecurityEvent> burst = List.of(
                event("acme", Kind.RATE_LIMITED, "a@x.in", "GET /api/products", T0),
                event("acme", Kind.RATE_LIMITED, "a@x.in", "GET /api/products", T0.plusMillis(300)),
                event("acme", Kind.RATE_LIMITED, "a@x.in", "GET /api/products", T0.plusMillis(100)),
                event("acme", Kind.CROSS_TENANT, "a@x.in", "GET /api/products", T0),
                event("acme", Kind.RATE_LIMITED, "b@x.in", "GET /api/products", T0),
                event("other", Kind.RATE_LIMITED, "a@x.in", "GET /api/products", T0));

        List<SecurityEvent> sent = SecurityEventRecorder.coalesce(burst);

        assertEquals(4, sent.size());
        SecurityEvent flood = sent.get(0);
        assertEquals(3, flood.occurrences());
        assertEquals(T0.plusMillis(300), flood.occurredAt(), "the latest time is kept");
        sent.forEach(e -> assertNotNull(e.id(), "every event sent has an id, so a redelivery is stored once"));
        assertNotEquals(sent.get(0).id(), sent.get(1).id());
        assertEquals(1, sent.get(1).occurrences());
    }

    @Test
    void refusalCodesMapToKinds() {
        assertEquals(Kind.CROSS_TENANT, Kind.forRefusal("NOT_A_MEMBER"));
        assertEquals(Kind.CROSS_TENANT, Kind.forRefusal("TENANT_MISMATCH"));
        assertEquals(Kind.ROLE_REFUSED, Kind.forRefusal("INSUFFICIENT_ROLE"));
        assertEquals(Kind.FEATURE_REFUSED, Kind.forRefusal("FEATURE_DISABLED"));
        assertEquals(Kind.RATE_LIMITED, Kind.forRefusal("RATE_LIMITED"));
        assertNull(Kind.forRefusal("VALIDATION_ERROR"));
        assertNull(Kind.forRefusal(null));
    }

    @Test
    void aRefusalWithoutAValidTokenIsCountedApartAndNotAgainstTheTenant() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SecurityEventRecorder recorder = new SecurityEventRecorder("gateway", "127.0.0.1:1", new ObjectMapper(), metrics);

        recorder.record(Kind.CROSS_TENANT, "acme", (Caller) null, "GET", "/api/tenants/acme/products", "not a member");
        recorder.record(Kind.CROSS_TENANT, null, (Caller) null, "GET", "/api/products", "two tenants named");

        assertEquals(0, recorder.pending(), "nothing is sent to ipsc.security for acme");
        assertEquals(2.0, metrics.get("ipsc_security_anonymous_refusals").tags("service", "gateway", "kind", "CROSS_TENANT")
                .counter().count());
    }

    private static SecurityEvent event(String tenant, Kind kind, String caller, String route, Instant at) {
        return new SecurityEvent(null, tenant, kind, "gateway", caller, route, "refused", 1, at);
    }
}
