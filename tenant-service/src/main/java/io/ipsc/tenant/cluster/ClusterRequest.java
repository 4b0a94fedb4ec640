package io.ipsc.tenant.cluster;

/**
 * The body of {@code POST /api/database/clusters} (name and capacity required, state {@code open}
 * unless given) and {@code PUT /api/database/clusters/{name}} (state and/or capacity; the name is
 * the path's). {@link ClusterService} checks it, reporting every problem at its field.
 */
public record ClusterRequest(String name, String state, Integer capacity) {
}
