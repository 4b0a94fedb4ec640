package io.ipsc.tenant.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.ClusterSnapshot;
import io.ipsc.tenancy.event.Placement;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.config.TenantServiceConfig;
import io.ipsc.tenant.outbox.OutboxRelay;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Registers the clusters {@code IPSC_CLUSTERS} names ({@code main} always) that the registry lacks,
 * as open with {@code ipsc.cluster-capacity}, and records each one's snapshot for {@code ipsc.clusters}
 * in the same transaction. Clusters already registered are left as the operator set them (the API
 * changes them from then on). Runs at start-up on the main thread, so plain JDBC.
 */
@ApplicationScoped
public class DatabaseClusterBootstrap {

    private static final Logger LOG = Logger.getLogger(DatabaseClusterBootstrap.class);

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final OutboxRelay relay;
    private final List<String> configured;
    private final int capacity;

    public DatabaseClusterBootstrap(DataSource dataSource, ObjectMapper json, OutboxRelay relay, TenantServiceConfig config) {
        this.dataSource = dataSource;
        this.json = json;
        this.relay = relay;
        this.configured = config.clusters();
        this.capacity = config.clusterCapacity();
    }

    void registerConfiguredClusters(@Observes StartupEvent event) throws Exception {
        Set<String> names = clusterNames(configured);
        int added = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (String name : names) {
                if (register(c, name)) {
                    added++;
                    LOG.infof("Registered database cluster %s (open, capacity %d)", name, capacity);
                }
            }
            c.commit();
        }
        if (added > 0) {
            relay.wakeUp();
        }
    }

    /** {@code main} first, then the configured names in order; a name a service could not configure stops the start. */
    static Set<String> clusterNames(List<String> configured) {
        Set<String> names = new LinkedHashSet<>();
        names.add(Placement.MAIN_CLUSTER);
        for (String raw : configured) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!Placement.isClusterName(name)) {
                throw new IllegalStateException("IPSC_CLUSTERS names '" + name + "': a cluster name is 1 to 31 lower-case letters"
                        + " and digits starting with a letter (it becomes IPSC_CLUSTERS_<NAME>_HOST)");
            }
            names.add(name);
        }
        return names;
    }

    private boolean register(Connection c, String name) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO database_clusters (name, state, capacity) VALUES (?, ?, ?) "
                + "ON CONFLICT (name) DO NOTHING RETURNING version")) {
            insert.setString(1, name);
            insert.setString(2, ClusterSnapshot.OPEN);
            insert.setInt(3, capacity);
            try (ResultSet rs = insert.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                long version = rs.getLong(1);
                try (PreparedStatement outbox = c.prepareStatement(
                        "INSERT INTO outbox (topic, record_key, event_type, payload) VALUES (?, ?, ?, ?)")) {
                    outbox.setString(1, Topics.CLUSTERS);
                    outbox.setString(2, name);
                    outbox.setString(3, ClusterEvents.CLUSTER_CHANGED);
                    outbox.setString(4, ClusterEvents.payload(json, name, ClusterSnapshot.OPEN, capacity, version));
                    outbox.executeUpdate();
                }
                return true;
            }
        }
    }
}
