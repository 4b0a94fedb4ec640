package io.ipsc.tenancy.db.outbox;

import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * What every {@link TenantOutboxRelay} of a service shares: the tenants' pools and directory, Vert.x, the broker and
 * the periodic sweep's interval ({@code ipsc.outbox.sweep-interval}). One bean, so that a service's relay names only
 * its outbox; {@link OutboxRelays} starts and stops every relay.
 */
@Singleton
public class OutboxRelayContext {

    final TenantPoolRegistry pools;
    final TenantDirectory directory;
    final Vertx vertx;
    final String bootstrapServers;
    final Duration sweepInterval;

    public OutboxRelayContext(TenantPoolRegistry pools, TenantDirectory directory, Vertx vertx,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                              @ConfigProperty(name = "ipsc.outbox.sweep-interval", defaultValue = "PT1M") Duration sweepInterval) {
        this.pools = pools;
        this.directory = directory;
        this.vertx = vertx;
        this.bootstrapServers = bootstrapServers;
        this.sweepInterval = sweepInterval;
    }
}
