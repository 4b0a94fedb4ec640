package io.ipsc.local;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The database clusters of a local run (issue 20): {@code main} always, and {@code second} with
 * {@code IPSC_PG_CLUSTERS=2}, each its own embedded PostgreSQL. The services learn them as they would in
 * production: tenant-service's registry from {@code IPSC_CLUSTERS}, each service a cluster's address and
 * credentials from {@code IPSC_CLUSTERS_<NAME>_HOST|PORT|USER|PASSWORD}.
 */
public final class LocalClusters {

    /** How many embedded clusters a local run starts: 1 (the default) or 2. */
    public static final String VARIABLE = "IPSC_PG_CLUSTERS";
    /** The cluster every deployment has; its address is also the services' {@code IPSC_PG_*}. */
    public static final String MAIN = "main";
    public static final String SECOND = "second";
    private static final List<String> NAMES = List.of(MAIN, SECOND);

    private LocalClusters() {
    }

    /** The clusters' names for {@code IPSC_PG_CLUSTERS}: unset means one; anything but 1 or 2 is refused. */
    static List<String> parse(Optional<String> count) {
        if (count.isEmpty()) {
            return List.of(MAIN);
        }
        String raw = count.get().strip();
        if (raw.equals("1") || raw.equals("2")) {
            return NAMES.subList(0, Integer.parseInt(raw));
        }
        throw new IllegalArgumentException(VARIABLE + " must be 1 (one embedded PostgreSQL, cluster 'main') or 2 (also "
                + "cluster 'second'), not '" + raw + "'");
    }

    /**
     * The clusters whose data is in {@code state} but that this run does not start: an earlier run had
     * {@code IPSC_PG_CLUSTERS=2} (or a backup of two was restored), and tenants placed there would be unreachable.
     */
    static List<String> leftOut(StateDir state, List<String> started) {
        return NAMES.stream().filter(name -> !started.contains(name))
                .filter(name -> Files.isRegularFile(state.postgresData(name).resolve("PG_VERSION"))).toList();
    }

    /** {@code IPSC_CLUSTERS_SECOND_HOST} for ({@code second}, {@code HOST}). */
    public static String variable(String cluster, String key) {
        return "IPSC_CLUSTERS_" + cluster.toUpperCase(Locale.ROOT) + "_" + key;
    }

    /**
     * What every service gets: the names in {@code IPSC_CLUSTERS} (set even for {@code main} alone, so that a
     * value left in the shell cannot name a cluster that does not run), and the address of each cluster but
     * {@code main}, which the services take from {@code IPSC_PG_*}.
     */
    static Map<String, String> serviceEnvironment(Map<String, PostgresAddress> clusters) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IPSC_CLUSTERS", String.join(",", clusters.keySet()));
        clusters.forEach((name, address) -> {
            if (!name.equals(MAIN)) {
                env.put(variable(name, "HOST"), address.host());
                env.put(variable(name, "PORT"), Integer.toString(address.port()));
                env.put(variable(name, "USER"), address.user());
                env.put(variable(name, "PASSWORD"), address.password());
            }
        });
        return env;
    }
}
