package io.ipsc.tenancy.event;

/**
 * Where a tenant's databases live: the name of a database cluster (each service finds its address
 * in its own configuration under {@code ipsc.clusters.<name>.*}) and a version that grows each time
 * the tenant's cluster changes, so that a service can tell a move from a replayed old snapshot.
 */
public record Placement(String cluster, long version) {

    /** The cluster every deployment has; where every tenant created before placement existed lives. */
    public static final String MAIN_CLUSTER = "main";
    /** The placement of a snapshot written before snapshots carried one. */
    public static final Placement MAIN = new Placement(MAIN_CLUSTER, 0);

    /** Cluster names map to environment variables ({@code IPSC_CLUSTERS_<NAME>_HOST}), hence no dashes. */
    public static final String CLUSTER_NAME_PATTERN = "^[a-z][a-z0-9]{0,30}$";

    public static boolean isClusterName(String name) {
        return name != null && name.matches(CLUSTER_NAME_PATTERN);
    }
}
