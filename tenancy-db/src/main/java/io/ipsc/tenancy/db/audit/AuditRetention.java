package io.ipsc.tenancy.db.audit;

import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.db.directory.TenantDirectory;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.db.directory.TenantState;
import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.ipsc.tenancy.db.cluster.Clusters;
import io.ipsc.tenancy.db.provisioning.DatabaseAdmin;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The trail's keeping: refuses at start-up a retention below the eight years the Companies (Accounts)
 * Rules require ({@code IPSC_AUDIT_RETENTION_YEARS}, default 8), and once a day makes sure every
 * tenant database (and the template new ones are copied from) has its coming months' partitions.
 * Nothing is ever deleted here: detaching months older than the retention is the operator's step
 * (tenancy-db/README.md).
 */
@ApplicationScoped
public class AuditRetention {

    public static final int LEGAL_MINIMUM_YEARS = 8;
    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final int years;
    private final TenantDirectory directory;
    private final Clusters clusters;
    private final ServiceIdentity service;

    public AuditRetention(@ConfigProperty(name = "ipsc.audit.retention-years", defaultValue = "8") int years,
                          TenantDirectory directory, Clusters clusters, ServiceIdentity service) {
        this.years = years;
        this.directory = directory;
        this.clusters = clusters;
        this.service = service;
    }

    void start(@Observes StartupEvent event) {
        requireLegalRetention(years);
    }

    public int years() {
        return years;
    }

    static void requireLegalRetention(int years) {
        if (years < LEGAL_MINIMUM_YEARS) {
            throw new IllegalStateException("IPSC_AUDIT_RETENTION_YEARS is " + years + ": the audit trail must be kept at least "
                    + LEGAL_MINIMUM_YEARS + " years (Companies (Accounts) Rules 2014, Rule 3(1))");
        }
    }

    /**
     * The daily pass, on a worker thread of the scheduler every periodic job of the suite uses (JDBC blocks): each database
     * on its own, so one unreachable tenant does not stop the rest. The first pass waits an hour after start-up, when
     * the catch-up migrations (which create the current months' partitions) are long done.
     */
    @Scheduled(every = "24h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        // The template under its lock, as its migration: PostgreSQL refuses to copy a template someone is connected to.
        String template = service.templateDatabase();
        for (ClusterAddress cluster : clusters.reachable()) {
            DatabaseAdmin admin = clusters.admin(cluster.name());
            try (Connection lockHolder = admin.connect("postgres")) {
                admin.withTemplateLock(lockHolder, template, () -> {
                    try (Connection c = admin.connect(template)) {
                        AuditTrail.ensurePartitions(c);
                    }
                });
            } catch (Exception e) {
                LOG.warnf("Cannot make sure of the audit partitions of %s on %s: %s", template, cluster.name(), e.getMessage());
            }
        }
        List<TenantEntry> ready = new ArrayList<>();
        for (TenantEntry tenant : directory.all()) {
            if (tenant.state() == TenantState.READY) {
                ready.add(tenant);
            }
        }
        for (TenantEntry tenant : ready) {
            String database = tenant.database();
            try (Connection c = clusters.admin(tenant.cluster()).connect(database)) {
                AuditTrail.ensurePartitions(c);
            } catch (Exception e) {
                LOG.warnf("Cannot make sure of the audit partitions of %s (its rows go to the default partition meanwhile): %s",
                        database, e.getMessage());
            }
        }
    }
}
