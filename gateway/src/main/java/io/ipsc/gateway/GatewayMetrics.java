package io.ipsc.gateway;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A tenant tag multiplies series: beyond this many tenants, per-tenant request counters are dropped rather than grow without end. */
public class GatewayMetrics {

    @Produces
    @Singleton
    MeterFilter capTenantTag(@ConfigProperty(name = "ipsc.metrics.max-tenants", defaultValue = "1000") int maxTenants) {
        return MeterFilter.maximumAllowableTags("ipsc_gateway_requests", "tenant", maxTenants, MeterFilter.deny());
    }
}
