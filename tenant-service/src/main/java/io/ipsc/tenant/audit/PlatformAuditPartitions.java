package io.ipsc.tenant.audit;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The platform database's audit trail ({@code db/migration/R__audit_trail.sql}, the script tenancy-db
 * installs in every tenant database) needs its coming months' partitions made ahead, as the domain
 * services' daily sweep does for theirs; a month without one would fill the default partition.
 */
@ApplicationScoped
public class PlatformAuditPartitions {

    private final Pool pool;

    public PlatformAuditPartitions(Pool pool) {
        this.pool = pool;
    }

    @Scheduled(every = "24h", delayed = "1m")
    Uni<Void> ensure() {
        return pool.query("SELECT ipsc_audit_ensure_partitions()").execute().replaceWithVoid();
    }
}
