package io.ipsc.manufacturing.stock;

import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.outbox.TenantOutboxRelay;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.event.Topics;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Publishes a tenant's pending stock movements ({@code stock_outbox}, written in the completion's transaction, see
 * {@link StockOutbox}) to {@link Topics#STOCK}: the shared relay, on this table. The stable movement id lets
 * invoicing-service apply each movement once, however often it is sent.
 */
@Singleton
public class StockRelay extends TenantOutboxRelay {

    public StockRelay(TenantPoolRegistry pools, TenantDirectory directory, Vertx vertx,
                      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                      @ConfigProperty(name = "ipsc.outbox.sweep-interval", defaultValue = "PT1M") Duration sweepInterval) {
        super(new Outbox("stock_outbox", Topics.STOCK, "manufacturing-service-stock"), pools, directory, vertx, bootstrapServers, sweepInterval);
    }

    void start(@Observes StartupEvent event) {
        startSweeping();
    }

    @PreDestroy
    void stop() {
        close();
    }
}
