package io.ipsc.tenancy.db.cluster;

/** A tenant or the registry names a cluster this service has no address or credentials for. */
public class UnknownClusterException extends IllegalStateException {

    public UnknownClusterException(String cluster) {
        super("This service has no address for database cluster '" + cluster + "': set ipsc.clusters." + cluster
                + ".host (IPSC_CLUSTERS_" + cluster.toUpperCase(java.util.Locale.ROOT) + "_HOST) and its _PORT, _USER, _PASSWORD");
    }
}
