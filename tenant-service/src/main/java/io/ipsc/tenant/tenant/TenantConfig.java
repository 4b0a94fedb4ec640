package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.event.PlanLimits;

import java.util.List;
import java.util.Map;

/**
 * A tenant's effective configuration: its features, its plan's limits, its database in each service
 * and the database cluster each service keeps it on.
 */
public record TenantConfig(String slug, String organizationType, String status, Map<String, Boolean> features,
                           PlanLimits subscription, Map<String, String> databases, List<ServiceCluster> clusters) {

    /** Where one service keeps the tenant: the cluster it reported provisioning on, or the tenant's placement until it reports. */
    public record ServiceCluster(String service, String cluster) {
    }
}
