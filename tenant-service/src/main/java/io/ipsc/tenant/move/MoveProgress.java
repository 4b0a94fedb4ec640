package io.ipsc.tenant.move;

import io.ipsc.tenancy.event.ProvisioningReport;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the services' reports add up to a move's state. Pure: {@link MoveService} loads the move, the reports and
 * the services the tenant needs. A move is switched when every needed service serves the tenant from the target
 * cluster, and failed as soon as one needed service reports it rolled back; until then it is moving.
 */
public final class MoveProgress {

    public static final String MOVING = "moving";
    public static final String COPYING = "copying";
    public static final String CATCHING_UP = "catching_up";
    public static final String SWITCHED = "switched";
    public static final String FAILED = "failed";

    private MoveProgress() {
    }

    /**
     * What a service's report about the move's snapshot (or a later one) says of its progress; empty when it says
     * nothing of the move: the database archived (the tenant deleted meanwhile), or provisioned on a cluster other
     * than the target (a service that does not move tenants answers the move with FAILED, so this is not one).
     */
    public static Optional<String> stateOf(ProvisioningReport.Status status, String reportedCluster, String toCluster) {
        return switch (status) {
            case COPYING -> Optional.of(COPYING);
            case CATCHING_UP -> Optional.of(CATCHING_UP);
            case FAILED -> Optional.of(FAILED);
            case PROVISIONED -> toCluster.equals(reportedCluster) ? Optional.of(SWITCHED) : Optional.empty();
            case DEPROVISIONED -> Optional.empty();
        };
    }

    /**
     * The move's state from each service's progress ({@code states}, service → state; a service not in it has not
     * reported yet): failed when any needed service failed, switched when every needed one switched, else moving.
     * Services the tenant does not need (their feature off) do not count: they keep no database to move.
     */
    public static String outcome(Set<String> needed, Map<String, String> states) {
        if (needed.stream().anyMatch(service -> FAILED.equals(states.get(service)))) {
            return TenantMove.FAILED;
        }
        if (needed.stream().allMatch(service -> SWITCHED.equals(states.get(service)))) {
            return TenantMove.SWITCHED;
        }
        return TenantMove.MOVING;
    }
}
