package io.ipsc.tenancy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cap on tenant values holds with more tenants than it allows, and the tenants within it still count. */
class TenantTagCapTest {

    private static final int CAP = 3;

    private SimpleMeterRegistry registry;
    private TenantTagCap cap;
    private TenantMetrics metrics;

    @BeforeEach
    void registry() {
        registry = new SimpleMeterRegistry();
        cap = new TenantTagCap(CAP);
        registry.config().meterFilter(cap);
        metrics = new TenantMetrics(registry);
    }

    @Test
    void moreTenantsThanTheCapLeaveOnlyTheFirstOnesInTheRegistry() {
        for (int round = 0; round < 2; round++) {
            for (int t = 1; t <= 10; t++) {
                metrics.increment("ipsc_invoices_issued", "tenant-" + t);
                metrics.increment("ipsc_requests", "tenant-" + t, "service", "invoicing", "method", "GET", "status", "2xx");
            }
        }

        assertEquals(Set.of("tenant-1", "tenant-2", "tenant-3"), tenantsOf("ipsc_invoices_issued"));
        // The cap is on tenants across all IPSC meters, not per meter: the same three, not three more.
        assertEquals(Set.of("tenant-1", "tenant-2", "tenant-3"), tenantsOf("ipsc_requests"));
        assertEquals(CAP, cap.admittedTenants());
        assertEquals(2.0, count("ipsc_invoices_issued", "tenant-2"));
        assertNull(registry.find("ipsc_invoices_issued").tag("tenant", "tenant-4").counter());
        assertNull(registry.find("ipsc_requests").tag("tenant", "tenant-10").counter());
    }

    @Test
    void tenantsAdmittedBeforeTheCapKeepCountingOnNewMeters() {
        IntStream.rangeClosed(1, 5).forEach(t -> metrics.increment("ipsc_appointments_booked", "clinic-" + t));

        metrics.increment("ipsc_treatments_completed", "clinic-1");
        metrics.increment("ipsc_treatments_completed", "clinic-1");
        metrics.increment("ipsc_treatments_completed", "clinic-5");

        assertEquals(2.0, count("ipsc_treatments_completed", "clinic-1"));
        assertNull(registry.find("ipsc_treatments_completed").tag("tenant", "clinic-5").counter());
    }

    @Test
    void metersWithoutATenantOrOutsideIpscAreNotCapped() {
        IntStream.rangeClosed(1, 10).forEach(t -> metrics.increment("ipsc_invoices_issued", "tenant-" + t));

        Counter pools = registry.counter("ipsc_tenant_pools_opened");
        pools.increment();
        Counter foreign = registry.counter("http_requests", "tenant", "tenant-9");
        foreign.increment();

        assertEquals(1.0, registry.get("ipsc_tenant_pools_opened").counter().count());
        assertEquals(1.0, registry.get("http_requests").tag("tenant", "tenant-9").counter().count());
    }

    @Test
    void requestsWithoutATenantCountAsNone() {
        metrics.increment("ipsc_requests", null, "service", "dental", "method", "POST", "status", "4xx");
        metrics.increment("ipsc_requests", " ", "service", "dental", "method", "POST", "status", "4xx");

        assertEquals(2.0, registry.get("ipsc_requests").tag("tenant", TenantMetrics.NO_TENANT).tag("status", "4xx").counter().count());
        assertEquals(TenantMetrics.NO_TENANT, TenantRequestCounter.tenantOf(null));
        assertEquals(TenantMetrics.NO_TENANT, TenantRequestCounter.tenantOf("Not A Slug!"));
        assertEquals("smile-dental", TenantRequestCounter.tenantOf(" smile-dental "));
        assertEquals("5xx", TenantRequestCounter.statusClass(503));
    }

    @Test
    void tagsMustComeInPairsAndTheCapMustAllowOneTenant() {
        assertThrows(IllegalArgumentException.class, () -> metrics.increment("ipsc_requests", "a-tenant", "service"));
        assertThrows(IllegalArgumentException.class, () -> new TenantTagCap(0));
    }

    private Set<String> tenantsOf(String name) {
        return registry.find(name).meters().stream().map(Meter::getId).map(id -> id.getTag("tenant")).collect(Collectors.toSet());
    }

    private double count(String name, String tenant) {
        Counter counter = registry.find(name).tag("tenant", tenant).counter();
        assertNotNull(counter, name + " of " + tenant);
        return counter.count();
    }
}
