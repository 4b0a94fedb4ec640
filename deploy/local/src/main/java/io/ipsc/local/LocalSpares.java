package io.ipsc.local;

import java.util.Map;

/**
 * How many spare databases ({@code IPSC_PROVISIONING_SPARE_DATABASES}, tenancy-db's {@code SpareDatabases}) each domain
 * service keeps per cluster when the launcher starts the suite: enough that a burst of {@link #BURST} new tenants, spread
 * over the clusters, is renamed spares instead of template copies (issue 19: 100 tenants active in 10 s; 300 copies
 * were about 10 s of a 2-core machine on their own). The services make them while idle, after they are ready. The
 * cost, per spare: a template's disk (8 MB for invoicing, dental, manufacturing and branding alike, so 3.2 GB for
 * 100 on each of the four) and, once, its copy's WAL. A value in the environment is kept; the services' own default
 * (2, for a deployment where disk is paid for) applies outside this launcher.
 */
public final class LocalSpares {

    public static final String VARIABLE = "IPSC_PROVISIONING_SPARE_DATABASES";
    /** The burst the local default is sized for. */
    static final int BURST = 100;

    private LocalSpares() {
    }

    /** Spares per service and cluster: the environment's value, else {@link #BURST} shared among {@code clusters}. */
    public static int perServiceAndCluster(Map<String, String> environment, int clusters) {
        String set = environment.get(VARIABLE);
        if (set != null && !set.isBlank()) {
            try {
                return Math.max(0, Integer.parseInt(set.strip()));
            } catch (NumberFormatException e) {
                // The services refuse it at start with their own message; the launcher's default stands here.
            }
        }
        int n = Math.max(1, clusters);
        return (BURST + n - 1) / n;
    }
}
