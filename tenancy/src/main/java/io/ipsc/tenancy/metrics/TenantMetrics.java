package io.ipsc.tenancy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.noop.NoopCounter;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant counters for business events ({@code ipsc_invoices_issued} and the like): one call at
 * the place where the thing has happened, after its transaction committed. Counters are looked up
 * once per name, tenant and tags and then reused. Register names without {@code _total}: the
 * Prometheus registry adds it to counters.
 */
@Singleton
public class TenantMetrics {

    /** The tenant value of requests that named none. */
    public static final String NO_TENANT = "none";

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public TenantMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Adds one to {@code name{tenant=..., extraTags...}}; {@code extraTags} are key, value pairs.
     * Past the cap on tenants ({@link TenantTagCap}) the count is dropped for a new tenant.
     */
    public void increment(String name, String tenant, String... extraTags) {
        counter(name, tenant, extraTags).increment();
    }

    private Counter counter(String name, String tenant, String... extraTags) {
        if (extraTags.length % 2 != 0) {
            throw new IllegalArgumentException("Tags come in key, value pairs: " + Arrays.toString(extraTags));
        }
        String t = tenant == null || tenant.isBlank() ? NO_TENANT : tenant;
        List<String> key = new ArrayList<>(extraTags.length + 2);
        key.add(name);
        key.add(t);
        key.addAll(Arrays.asList(extraTags));
        Counter known = counters.get(key);
        if (known != null) {
            return known;
        }
        Counter counter = Counter.builder(name).tag(TenantTagCap.TENANT_TAG, t).tags(extraTags).register(registry);
        // A denied (no-op) counter is not kept: caching one per refused tenant would grow without end, which the cap is there to prevent.
        if (!(counter instanceof NoopCounter)) {
            counters.putIfAbsent(key, counter);
        }
        return counter;
    }
}
