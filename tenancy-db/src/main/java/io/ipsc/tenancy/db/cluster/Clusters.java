package io.ipsc.tenancy.db.cluster;

import io.ipsc.tenancy.db.pool.PoolSettings;
import io.ipsc.tenancy.db.provisioning.DatabaseAdmin;
import io.ipsc.tenancy.event.Placement;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The database clusters this service can reach, by name, from its own configuration: credentials
 * never travel on Kafka. A cluster {@code <name>} is {@code ipsc.clusters.<name>.host|port|user|password}
 * (environment {@code IPSC_CLUSTERS_<NAME>_HOST}, ...); it exists here when its host is set. For
 * {@code main} each key defaults to {@code ipsc.pg.*}, so a one-cluster installation configures
 * nothing new; for another cluster port, user and password default to main's.
 *
 * <p>Which clusters exist is tenant-service's registry: the names in {@code ipsc.clusters} (the same
 * list tenant-service is started with) and those heard on the {@code ipsc.clusters} topic. A name
 * among them without an address here is {@link #missing() missing}, and the service is not ready.
 */
@Singleton
public class Clusters {

    public static final String NAMES = "ipsc.clusters";

    private final Function<String, Optional<ClusterAddress>> lookup;
    private final Set<String> configured;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Map<String, DatabaseAdmin> admins = new ConcurrentHashMap<>();

    public Clusters() {
        this(ConfigProvider.getConfig());
    }

    Clusters(Config config) {
        this(config.getOptionalValues(NAMES, String.class).orElse(List.of(Placement.MAIN_CLUSTER)), name -> fromConfig(config, name));
    }

    /** Exactly these clusters (tests and tools), all of them named by the registry. */
    public Clusters(List<ClusterAddress> addresses) {
        this(addresses.stream().map(ClusterAddress::name).toList(),
                name -> addresses.stream().filter(a -> a.name().equals(name)).findFirst());
    }

    private Clusters(List<String> names, Function<String, Optional<ClusterAddress>> lookup) {
        this.lookup = lookup;
        this.configured = names.stream().map(String::trim).filter(name -> !name.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        this.configured.add(Placement.MAIN_CLUSTER);
    }

    /** The address of {@code cluster}, if this service is configured for it. */
    public Optional<ClusterAddress> address(String cluster) {
        return Placement.isClusterName(cluster) ? lookup.apply(cluster) : Optional.empty();
    }

    private static Optional<ClusterAddress> fromConfig(Config config, String cluster) {
        String prefix = NAMES + "." + cluster + ".";
        boolean main = Placement.MAIN_CLUSTER.equals(cluster);
        Optional<String> host = config.getOptionalValue(prefix + "host", String.class)
                .or(() -> main ? Optional.of(mainValue(config, PoolSettings.HOST, "127.0.0.1")) : Optional.empty());
        return host.map(h -> new ClusterAddress(cluster, h,
                config.getOptionalValue(prefix + "port", Integer.class)
                        .orElseGet(() -> config.getOptionalValue(PoolSettings.PORT, Integer.class).orElse(15432)),
                config.getOptionalValue(prefix + "user", String.class).orElseGet(() -> mainValue(config, PoolSettings.USER, "postgres")),
                config.getOptionalValue(prefix + "password", String.class).orElseGet(() -> mainValue(config, PoolSettings.PASSWORD, "postgres"))));
    }

    /** The address of {@code cluster}; a clear refusal naming the settings when this service has none. */
    public ClusterAddress require(String cluster) {
        return address(cluster).orElseThrow(() -> new UnknownClusterException(cluster));
    }

    /** Creating and archiving databases on {@code cluster} (one instance per cluster). */
    public DatabaseAdmin admin(String cluster) {
        return admins.computeIfAbsent(cluster, name -> new DatabaseAdmin(require(name)));
    }

    /** The main cluster's, for what is not (yet) per tenant: the tenant migrations' default, the audit sweep's template. */
    @Produces
    @Singleton
    DatabaseAdmin mainAdmin() {
        return admin(Placement.MAIN_CLUSTER);
    }

    /** Every cluster the registry names (configured or heard of) that this service can reach, in name order. */
    public List<ClusterAddress> reachable() {
        return known().stream().map(this::address).flatMap(Optional::stream).toList();
    }

    /** Clusters the registry names that this service has no address for: while any, it must not serve. */
    public Set<String> missing() {
        return known().stream().filter(name -> address(name).isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A cluster heard of on {@code ipsc.clusters}. */
    public void registered(String cluster) {
        registered.add(cluster);
    }

    private Set<String> known() {
        Set<String> all = new TreeSet<>(configured);
        all.addAll(registered);
        return all;
    }

    private static String mainValue(Config config, String key, String fallback) {
        return config.getOptionalValue(key, String.class).orElse(fallback);
    }
}
