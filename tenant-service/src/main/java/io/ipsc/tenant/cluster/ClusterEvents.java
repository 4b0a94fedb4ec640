package io.ipsc.tenant.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.event.ClusterSnapshot;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.tenant.outbox.OutboxEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records a registry change in the outbox, for {@link Topics#CLUSTERS}. Call inside the transaction
 * that changed the cluster, after a flush (so that its version is final).
 */
@ApplicationScoped
public class ClusterEvents {

    /** The outbox's event type for every record on {@link Topics#CLUSTERS}. */
    public static final String CLUSTER_CHANGED = "CLUSTER_CHANGED";

    private final ObjectMapper json;

    public ClusterEvents(ObjectMapper json) {
        this.json = json;
    }

    public Uni<OutboxEvent> record(DatabaseCluster cluster) {
        OutboxEvent event = new OutboxEvent();
        event.topic = Topics.CLUSTERS;
        event.recordKey = cluster.name;
        event.eventType = CLUSTER_CHANGED;
        event.createdAt = Timestamps.now();
        try {
            event.payload = payload(json, cluster.name, cluster.state, cluster.capacity, cluster.version);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return event.persist();
    }

    /** The record's value; also what the start-up bootstrap writes over JDBC. */
    static String payload(ObjectMapper json, String name, String state, int capacity, long version) throws JsonProcessingException {
        return json.writeValueAsString(new ClusterSnapshot(name, state, capacity, version, Timestamps.now()));
    }
}
