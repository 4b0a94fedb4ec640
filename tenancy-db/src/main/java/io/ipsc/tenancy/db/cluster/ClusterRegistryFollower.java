package io.ipsc.tenancy.db.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.event.ClusterSnapshot;
import io.ipsc.tenancy.event.CompactedTopicFollower;
import io.ipsc.tenancy.event.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows tenant-service's registry on {@link Topics#CLUSTERS}: each cluster named there becomes
 * known to {@link Clusters}, and one this service has no address for is logged at once (and keeps
 * the service unready, {@link ClustersReadiness}) rather than found when a tenant placed there fails.
 */
@ApplicationScoped
public class ClusterRegistryFollower {

    private static final Logger LOG = Logger.getLogger(ClusterRegistryFollower.class);

    private final Clusters clusters;
    private final CompactedTopicFollower<ClusterSnapshot> follower;

    public ClusterRegistryFollower(Clusters clusters, ServiceIdentity service, ObjectMapper json,
                                   @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.clusters = clusters;
        this.follower = new CompactedTopicFollower<>(bootstrapServers, Topics.CLUSTERS, ClusterSnapshot.class,
                service.name() + "-service-clusters", json, this::heard);
    }

    void start(@Observes StartupEvent event) {
        clusters.missing().forEach(name -> LOG.errorf("ipsc.clusters names database cluster %s, and this service has no address"
                + " for it (IPSC_CLUSTERS_%s_HOST): not ready", name, name.toUpperCase(java.util.Locale.ROOT)));
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    /** True once every cluster registered when the service started has been heard of. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    void heard(ClusterSnapshot cluster) {
        clusters.registered(cluster.name());
        if (clusters.address(cluster.name()).isEmpty()) {
            LOG.errorf("The registry has database cluster %s (%s), and this service has no address for it"
                    + " (IPSC_CLUSTERS_%s_HOST): not ready until it is configured", cluster.name(), cluster.state(),
                    cluster.name().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
