package io.ipsc.tenant.move;

import java.time.Instant;
import java.util.Map;

/**
 * A move as the API shows it, with each service the tenant needs: {@code moving} until it reports on the
 * move's snapshot, then {@code copying}, {@code catching_up}, and {@code switched} or {@code failed}.
 */
public record MoveView(long id, String fromCluster, String toCluster, String state, long placementVersion,
                       long tenantVersion, Instant startedAt, Instant finishedAt, String error,
                       Map<String, ServiceMove> services) {

    /** One service's progress on the move. */
    public record ServiceMove(String state, String detail, Instant updatedAt) {
    }
}
