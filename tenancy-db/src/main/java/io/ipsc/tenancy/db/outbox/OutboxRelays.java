package io.ipsc.tenancy.db.outbox;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Starts the periodic sweep of every {@link TenantOutboxRelay} the service declares when it starts, and closes them
 * (timer, sender thread, producer) when it stops: a service's relay is only its outbox's name, table and topic.
 */
@Singleton
class OutboxRelays {

    private final List<TenantOutboxRelay> relays;

    OutboxRelays(@All List<TenantOutboxRelay> relays) {
        this.relays = relays;
    }

    void start(@Observes StartupEvent event) {
        relays.forEach(TenantOutboxRelay::startSweeping);
    }

    @PreDestroy
    void stop() {
        relays.forEach(TenantOutboxRelay::close);
    }
}
