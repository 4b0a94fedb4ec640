package io.ipsc.tenancy.db.pool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * The registry's meters. None carries a tenant tag: with hundreds of tenants per instance a
 * per-tenant series would multiply, and what an operator needs here is the instance-wide picture.
 */
final class PoolMetrics {

    static final String OPEN = "ipsc_tenant_pools_open";
    static final String MAX = "ipsc_tenant_pools_max";
    static final String IN_FLIGHT = "ipsc_tenant_pool_in_flight";
    static final String OPENED = "ipsc_tenant_pools_opened_total";
    static final String EVICTED = "ipsc_tenant_pools_evicted_total";
    static final String REJECTED = "ipsc_tenant_pools_rejected_total";

    private final MeterRegistry registry;
    private final Counter opened;
    private final Counter evictedIdle;
    private final Counter evictedForCapacity;
    private final Counter rejected;
    private final List<Meter> meters;

    PoolMetrics(MeterRegistry registry, int maxOpenPools, IntSupplier openPools, IntSupplier inFlight) {
        this.registry = registry;
        Gauge open = Gauge.builder(OPEN, openPools, supplier -> supplier.getAsInt())
                .description("Tenant database pools open in this instance")
                .strongReference(true)
                .register(registry);
        Gauge max = Gauge.builder(MAX, () -> maxOpenPools)
                .description("Most tenant database pools this instance keeps open at once")
                .register(registry);
        Gauge working = Gauge.builder(IN_FLIGHT, inFlight, supplier -> supplier.getAsInt())
                .description("Units of work running on tenant database pools, all tenants together")
                .strongReference(true)
                .register(registry);
        this.opened = Counter.builder(OPENED)
                .description("Tenant database pools opened")
                .register(registry);
        this.evictedIdle = evicted(registry, "idle");
        this.evictedForCapacity = evicted(registry, "capacity");
        this.rejected = Counter.builder(REJECTED)
                .description("Requests refused because every open tenant database pool was busy")
                .register(registry);
        this.meters = List.of(open, max, working, opened, evictedIdle, evictedForCapacity, rejected);
    }

    private static Counter evicted(MeterRegistry registry, String reason) {
        return Counter.builder(EVICTED)
                .description("Tenant database pools closed by the registry, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    void opened() {
        opened.increment();
    }

    void evictedIdle() {
        evictedIdle.increment();
    }

    void evictedForCapacity() {
        evictedForCapacity.increment();
    }

    void rejected() {
        rejected.increment();
    }

    /** Unregisters the meters, so that a registry built again on the same MeterRegistry reports its own state. */
    void remove() {
        meters.forEach(registry::remove);
    }
}
