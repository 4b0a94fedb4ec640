package io.ipsc.dental.billing;

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

/** Sends the tenants' queued billable items ({@code billing_outbox}) to {@link Topics#BILLING}: the shared relay, on this table. */
@Singleton
public class BillingRelay extends TenantOutboxRelay {

    public BillingRelay(TenantPoolRegistry pools, TenantDirectory directory, Vertx vertx,
                        @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                        @ConfigProperty(name = "ipsc.outbox.sweep-interval", defaultValue = "PT1M") Duration sweepInterval) {
        super(new Outbox("billing_outbox", Topics.BILLING, "dental-billing-relay"), pools, directory, vertx, bootstrapServers, sweepInterval);
    }

    void start(@Observes StartupEvent event) {
        startSweeping();
    }

    @PreDestroy
    void stop() {
        close();
    }
}
