package io.ipsc.tenancy.event;

import java.time.Instant;

/**
 * The value of every record on {@link Topics#PROVISIONING}: one service's word on one tenant's
 * database. {@code tenantVersion} is the snapshot version the service had converged to;
 * {@code cluster} the database cluster it provisioned on (a report from before placement has none,
 * and means {@code main}).
 */
public record ProvisioningReport(
        String tenant,
        String service,
        Status status,
        String schemaVersion,
        String detail,
        long tenantVersion,
        Instant reportedAt,
        String cluster) {

    @Override
    public String cluster() {
        return cluster == null ? Placement.MAIN_CLUSTER : cluster;
    }

    public enum Status {
        PROVISIONED, FAILED, DEPROVISIONED
    }
}
