package io.ipsc.tenancy.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The meter filters every service applies the same way; Quarkus hands each MeterFilter bean to its registries. */
public class MeterFilters {

    /** {@code IPSC_METRICS_MAX_TENANTS}: how many tenants the per-tenant series may cover in one instance. */
    @Produces
    @Singleton
    MeterFilter capTenantTag(@ConfigProperty(name = "ipsc.metrics.max-tenants", defaultValue = "1000") int maxTenants) {
        return new TenantTagCap(maxTenants);
    }
}
