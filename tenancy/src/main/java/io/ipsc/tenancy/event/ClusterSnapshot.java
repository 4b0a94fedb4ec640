package io.ipsc.tenancy.event;

import java.time.Instant;

/**
 * The value of every record on {@link Topics#CLUSTERS} (key = cluster name): a database cluster as
 * tenant-service's registry has it after a change. It names the cluster, never its address or
 * credentials: each service reads those from its own configuration by the name.
 */
public record ClusterSnapshot(
        String name,
        String state,
        int capacity,
        long version,
        Instant occurredAt) {

    public static final String OPEN = "open";
    public static final String DRAINING = "draining";
    public static final String CLOSED = "closed";
}
