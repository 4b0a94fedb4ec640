package io.ipsc.tenancy.event;

import java.time.Instant;

/**
 * The value of every record on {@link Topics#PROVISIONING}: one service's word on one tenant's
 * database. {@code tenantVersion} is the snapshot version the service had converged to.
 */
public record ProvisioningReport(
        String tenant,
        String service,
        Status status,
        String schemaVersion,
        String detail,
        long tenantVersion,
        Instant reportedAt) {

    public enum Status {
        PROVISIONED, FAILED, DEPROVISIONED
    }
}
