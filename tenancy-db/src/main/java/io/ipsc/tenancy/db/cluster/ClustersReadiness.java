package io.ipsc.tenancy.db.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Set;

/**
 * Down while the registry names a database cluster this service has no address for (a tenant placed
 * there could not be served), and until the registry has been read at start.
 */
@Readiness
@ApplicationScoped
public class ClustersReadiness implements HealthCheck {

    private final Clusters clusters;
    private final ClusterRegistryFollower registry;

    public ClustersReadiness(Clusters clusters, ClusterRegistryFollower registry) {
        this.clusters = clusters;
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        Set<String> missing = clusters.missing();
        return HealthCheckResponse.named("database-clusters")
                .status(missing.isEmpty() && registry.caughtUp())
                .withData("reachable", String.join(",", clusters.reachable().stream().map(ClusterAddress::name).toList()))
                .withData("missing", String.join(",", missing))
                .build();
    }
}
