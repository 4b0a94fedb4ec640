package io.ipsc.tenancy.event;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.function.Consumer;

/** Follows {@link Topics#TENANTS} from its beginning: every tenant's latest snapshot, then each change. */
public final class TenantSnapshotFollower extends CompactedTopicFollower<TenantSnapshot> {

    public TenantSnapshotFollower(String bootstrapServers, String clientId, ObjectMapper json, Consumer<TenantSnapshot> onSnapshot) {
        super(bootstrapServers, Topics.TENANTS, TenantSnapshot.class, clientId, json, onSnapshot);
    }
}
