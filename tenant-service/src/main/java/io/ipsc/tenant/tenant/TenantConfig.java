package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.event.PlanLimits;

import java.util.Map;

/** A tenant's effective configuration: its features, its plan's limits and its database in each service. */
public record TenantConfig(String slug, String organizationType, String status, Map<String, Boolean> features,
                           PlanLimits subscription, Map<String, String> databases) {
}
