package io.ipsc.gateway.performance;

import io.ipsc.gateway.routing.Module;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantPerformanceTest {

    private static final long MINUTE = 60_000;
    private final AtomicLong now = new AtomicLong(1_000 * MINUTE);
    private final TenantPerformance performance = new TenantPerformance(null, 3, now::get);

    @Test
    void percentilesErrorsAndModulesOfTheLastFiveMinutes() {
        // 100 invoicing requests: 90 at ~1 ms, 9 at ~20 ms, 1 at ~500 ms; 2 of them failed, 5 refused.
        for (int i = 0; i < 100; i++) {
            long nanos = i < 90 ? 1_000_000 : i < 99 ? 20_000_000 : 500_000_000;
            int status = i < 2 ? 502 : i < 7 ? 403 : 200;
            performance.record("acme", Module.INVOICING, status, nanos);
        }
        performance.record("acme", Module.BRANDING, 200, 3_000_000);

        WindowFigures invoicing = module(performance.figures("acme"), "last_5_minutes", "invoicing");
        assertEquals(100, invoicing.requests());
        assertEquals(2, invoicing.serverErrors());
        assertEquals(5, invoicing.clientErrors());
        assertEquals(0.02, invoicing.errorRate());
        assertEquals(0.05, invoicing.clientErrorRate());
        // Bucket edges err high by at most 25 %.
        assertBetween(1.0, 1.25, invoicing.p50Ms());
        assertBetween(20.0, 25.0, invoicing.p95Ms());
        assertBetween(20.0, 25.0, invoicing.p99Ms());
        WindowFigures total = total(performance.figures("acme"), "last_5_minutes");
        assertEquals(101, total.requests());
    }

    @Test
    void minutesLeaveTheShortWindowThenTheHour() {
        performance.record("acme", Module.DENTAL, 200, 2_000_000);
        now.addAndGet(10 * MINUTE);
        performance.record("acme", Module.DENTAL, 200, 2_000_000);
        Map<String, Object> figures = performance.figures("acme");
        assertEquals(1, module(figures, "last_5_minutes", "dental").requests());
        assertEquals(2, module(figures, "last_60_minutes", "dental").requests());

        now.addAndGet(55 * MINUTE);
        assertEquals(1, module(performance.figures("acme"), "last_60_minutes", "dental").requests());
        now.addAndGet(10 * MINUTE);
        assertEquals(0, total(performance.figures("acme"), "last_60_minutes").requests());
        assertNull(total(performance.figures("acme"), "last_60_minutes").p99Ms());
        performance.forgetQuietTenants();
        assertEquals(0, performance.followedTenants());
    }

    @Test
    void followsNoMoreTenantsThanItsCap() {
        for (int i = 0; i < 10; i++) {
            performance.record("tenant-" + i, Module.INVOICING, 200, 1_000_000);
        }
        assertEquals(3, performance.followedTenants());
        assertEquals(1, total(performance.figures("tenant-0"), "last_5_minutes").requests());
        assertEquals(0, total(performance.figures("tenant-9"), "last_5_minutes").requests());
    }

    @SuppressWarnings("unchecked")
    private static WindowFigures module(Map<String, Object> figures, String window, String module) {
        Map<String, Object> w = (Map<String, Object>) figures.get(window);
        return ((Map<String, WindowFigures>) w.get("modules")).get(module);
    }

    @SuppressWarnings("unchecked")
    private static WindowFigures total(Map<String, Object> figures, String window) {
        return (WindowFigures) ((Map<String, Object>) figures.get(window)).get("total");
    }

    private static void assertBetween(double low, double high, Double value) {
        assertTrue(value != null && value >= low && value <= high, value + " not in [" + low + ", " + high + "]");
    }
}
