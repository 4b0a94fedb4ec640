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

    /**
     * PROVISIONED, FAILED and DEPROVISIONED end a convergence. COPYING and CATCHING_UP are a move's
     * progress (the snapshot placed the tenant on another cluster): {@code cluster} is then still the
     * cluster the service serves the tenant from, {@code detail} what the copy has done. A move ends
     * with PROVISIONED on the new cluster (switched), or FAILED on the old one (rolled back, nothing lost).
     */
    public enum Status {
        PROVISIONED, FAILED, DEPROVISIONED, COPYING, CATCHING_UP
    }
}
