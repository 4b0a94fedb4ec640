package io.ipsc.tenant.cluster;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.ClusterSnapshot;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which cluster a new tenant goes to. Without a choice: the {@code open} cluster with the most free
 * capacity (capacity − tenants), ties to the first name in alphabetical order, so that the answer
 * is the same on every replica for the same registry. A named cluster must exist, be open and have
 * room. Pure: the caller loads the registry with its tenant counts (and holds it still meanwhile).
 */
public final class PlacementPolicy {

    /** A cluster as the policy weighs it. */
    public record Load(String name, String state, int capacity, long tenants) {

        public long free() {
            return capacity - tenants;
        }

        boolean takesTenants() {
            return ClusterSnapshot.OPEN.equals(state) && free() > 0;
        }
    }

    private PlacementPolicy() {
    }

    /**
     * The cluster for a new tenant: {@code requested} if given (409 {@code CLUSTER_NOT_OPEN} when it
     * is draining, closed or full; 400 at the field {@code cluster} when the registry has no such cluster),
     * else the most free open cluster (409 {@code NO_CLUSTER_CAPACITY} when none has room).
     */
    public static String place(List<Load> clusters, String requested) {
        if (requested != null) {
            Load named = clusters.stream().filter(c -> c.name().equals(requested)).findFirst()
                    .orElseThrow(() -> ApiException.validation(List.of(new ErrorDetail("cluster",
                            "cluster '" + requested + "' is not a registered database cluster (GET /api/database/clusters lists them)"))));
            if (!named.takesTenants()) {
                throw ApiException.conflict("CLUSTER_NOT_OPEN", "Database cluster '" + requested + "' takes no new tenants: it is "
                        + (ClusterSnapshot.OPEN.equals(named.state()) ? "full (" + named.tenants() + " of " + named.capacity() + ")" : named.state()));
            }
            return named.name();
        }
        return mostFree(clusters).map(Load::name).orElseThrow(() -> ApiException.conflict("NO_CLUSTER_CAPACITY",
                "No open database cluster has room for another tenant; raise a cluster's capacity or add a cluster"));
    }

    static Optional<Load> mostFree(List<Load> clusters) {
        return clusters.stream().filter(Load::takesTenants)
                .min(Comparator.comparingLong(Load::free).reversed().thenComparing(Load::name));
    }
}
