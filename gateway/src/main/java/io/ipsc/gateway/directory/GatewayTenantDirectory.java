package io.ipsc.gateway.directory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.ipsc.tenancy.event.TenantSnapshotFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every tenant's latest snapshot, in memory, rebuilt from the compacted {@code ipsc.tenants} topic
 * at start-up and kept current from it: the gateway never asks tenant-service per request, and a
 * tenant is routable as soon as its event arrives.
 */
@Singleton
public class GatewayTenantDirectory {

    private final Map<String, TenantSnapshot> tenants = new ConcurrentHashMap<>();
    private final TenantSnapshotFollower follower;

    public GatewayTenantDirectory(ObjectMapper json, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.follower = new TenantSnapshotFollower(bootstrapServers, "gateway-tenant-directory", json, this::apply);
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    /** Keeps the newest version: a late, older snapshot never overwrites a newer one. */
    void apply(TenantSnapshot snapshot) {
        tenants.merge(snapshot.slug(), snapshot, (known, incoming) -> incoming.version() >= known.version() ? incoming : known);
    }

    public Optional<TenantSnapshot> find(String slug) {
        return Optional.ofNullable(tenants.get(slug));
    }

    /** True once every snapshot that was on the topic when the gateway started has been applied. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    public int size() {
        return tenants.size();
    }

    public Map<String, Integer> countsByStatus() {
        Map<String, Integer> counts = new TreeMap<>();
        tenants.values().forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        return counts;
    }
}
