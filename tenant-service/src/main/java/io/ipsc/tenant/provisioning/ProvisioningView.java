package io.ipsc.tenant.provisioning;

import java.time.Instant;

/** One service's provisioning state for a tenant, as {@code GET /api/tenants/{slug}} shows it. */
public record ProvisioningView(String status, String schemaVersion, String detail, Instant updatedAt) {

    static final ProvisioningView PENDING = new ProvisioningView("pending", null, null, null);
}
