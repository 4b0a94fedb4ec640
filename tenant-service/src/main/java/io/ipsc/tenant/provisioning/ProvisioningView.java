package io.ipsc.tenant.provisioning;

import java.time.Instant;

/**
 * One service's provisioning state for a tenant, as {@code GET /api/tenants/{slug}} shows it, with the
 * database cluster the service provisioned it on (before it reports: the cluster the tenant is placed on).
 */
public record ProvisioningView(String status, String schemaVersion, String detail, Instant updatedAt, String cluster) {

    static ProvisioningView pending(String cluster) {
        return new ProvisioningView("pending", null, null, null, cluster);
    }
}
