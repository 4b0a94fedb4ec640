package io.ipsc.tenancy.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the number of distinct {@code tenant} tag values across all IPSC meters ({@code ipsc_*}).
 * A tenant tag multiplies series by the number of tenants; past {@code maxTenants} distinct values a
 * meter for yet another tenant is denied (Micrometer hands back a no-op meter), so a runaway number
 * of tenants, or of made-up {@code X-Tenant-ID} values sent straight to a service, cannot exhaust
 * memory. The tenants seen first keep counting. Meters without a tenant tag, and meters that are not
 * IPSC's, are left alone.
 * <p>
 * Like Micrometer's {@code MeterFilter.maximumAllowableTags}, but the check and the admission are one
 * step, so concurrent registrations cannot slip past the cap, and the first refusal is logged.
 */
public final class TenantTagCap implements MeterFilter {

    public static final String METER_PREFIX = "ipsc_";
    public static final String TENANT_TAG = "tenant";

    private static final Logger LOG = Logger.getLogger(TenantTagCap.class);

    private final int maxTenants;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean warned = new AtomicBoolean();

    public TenantTagCap(int maxTenants) {
        if (maxTenants < 1) {
            throw new IllegalArgumentException("ipsc.metrics.max-tenants must be at least 1, not " + maxTenants);
        }
        this.maxTenants = maxTenants;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        if (!id.getName().startsWith(METER_PREFIX)) {
            return MeterFilterReply.NEUTRAL;
        }
        String tenant = id.getTag(TENANT_TAG);
        if (tenant == null || admitted.contains(tenant) || admit(tenant)) {
            return MeterFilterReply.NEUTRAL;
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warnf("Metrics already carry %d tenants (ipsc.metrics.max-tenants); meters for further tenants, such as '%s', are dropped",
                    maxTenants, tenant);
        }
        return MeterFilterReply.DENY;
    }

    /** How many tenant values have been admitted so far. */
    public int admittedTenants() {
        return admitted.size();
    }

    private synchronized boolean admit(String tenant) {
        if (admitted.contains(tenant)) {
            return true;
        }
        if (admitted.size() >= maxTenants) {
            return false;
        }
        admitted.add(tenant);
        return true;
    }
}
