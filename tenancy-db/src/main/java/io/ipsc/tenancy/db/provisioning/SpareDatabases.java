package io.ipsc.tenancy.db.provisioning;

import io.ipsc.tenancy.db.ServiceIdentity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Copies of the service's template made ahead of need, so that a new tenant's database is a rename away instead of a
 * copy: the copy ({@code CREATE DATABASE … TEMPLATE}, several MB through the WAL) was the largest step of a tenant's
 * provisioning, and a rename is a catalog update. {@code ipsc.provisioning.spare-databases} (2) spares per cluster,
 * named {@code ipsc_spare_<service>_<random>} (never ending in {@code _<service>}, so never taken for a tenant's
 * database by a listing), each marked ({@link SchemaMark}) with the template version it was copied at.
 *
 * <p>A spare is taken only when its mark matches the template's current version (a release that migrated the template
 * leaves older spares, which the next refill drops); the rename is atomic, so two replicas never take the same one (the
 * loser finds it gone and tries the next, or copies). Refills run when provisioning is idle ({@link TenantProvisioner}
 * asks), so spares never compete with a tenant being provisioned, and not before the service has been ready for
 * {@code ipsc.provisioning.spare-refill-delay} (10 s): a suite starting on the same cores (all the services' JVMs at once)
 * is not slowed by copies that can wait. A refill that fails waits longer each time before the next
 * ({@link #backoffAfter}).
 *
 * <p>Each spare costs a template's size on disk (about 8 MB for these services' templates) and a copy's WAL when it is
 * made (about 4.6 MB): sized for the burst an operator expects, they are work done while idle instead of while a
 * customer waits.
 */
@Singleton
public class SpareDatabases {

    static final String PREFIX = "ipsc_spare_";
    private static final Logger LOG = Logger.getLogger(SpareDatabases.class);
    /** PostgreSQL: the database to rename does not exist (another replica took it meanwhile). */
    private static final String NO_SUCH_DATABASE = "3D000";

    /** The longest a failed refill waits before the next: a cluster that cannot copy is asked again, but rarely. */
    static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);

    private final ServiceIdentity service;
    private final int wanted;
    private final Duration refillDelay;

    @Inject
    public SpareDatabases(ServiceIdentity service,
                          @ConfigProperty(name = "ipsc.provisioning.spare-databases", defaultValue = "2") int wanted,
                          @ConfigProperty(name = "ipsc.provisioning.spare-refill-delay", defaultValue = "PT10S") Duration refillDelay) {
        this.service = service;
        this.wanted = Math.max(0, wanted);
        this.refillDelay = refillDelay.isNegative() ? Duration.ZERO : refillDelay;
    }

    /** Refills as soon as the service is ready (the tests). */
    public SpareDatabases(ServiceIdentity service, int wanted) {
        this(service, wanted, Duration.ZERO);
    }

    int wanted() {
        return wanted;
    }

    /** How long after the service became ready the first refill waits. */
    Duration refillDelay() {
        return refillDelay;
    }

    /** The wait before the next refill after {@code failures} failed ones in a row: 5 s doubling, at most {@link #LONGEST_BACKOFF}. */
    static Duration backoffAfter(int failures) {
        long seconds = 5L << Math.min(Math.max(0, failures - 1), 6);
        return seconds >= LONGEST_BACKOFF.toSeconds() ? LONGEST_BACKOFF : Duration.ofSeconds(seconds);
    }

    private String prefix() {
        return PREFIX + service.name() + "_";
    }

    /** What {@link #takeUnlessExists} found. */
    enum Taken {
        /** The tenant's database was there already. */
        EXISTS,
        /** A spare is now the tenant's database. */
        SPARE,
        /** Neither: the caller copies the template. */
        NONE
    }

    /**
     * Renames a spare at {@code templateVersion} on {@code c}'s cluster (a connection to its {@code postgres}) to {@code database},
     * unless that database exists already: the existence check a convergence makes anyway included.
     */
    Taken takeUnlessExists(Connection c, String database, String templateVersion) throws SQLException {
        if (DatabaseAdmin.exists(c, database)) {
            return Taken.EXISTS;
        }
        if (wanted == 0) {
            return Taken.NONE;
        }
        YearMonth month = SchemaMark.thisMonth();
        List<String> candidates = new ArrayList<>();
        DatabaseAdmin.listWithComments(c, prefix(), "").forEach((spare, mark) -> {
            if (SchemaMark.current(mark, templateVersion, month)) {
                candidates.add(spare);
            }
        });
        // In a burst the lanes (and replicas) take spares at once: each starting at a different one, they seldom wait on
        // the same rename only to find it gone.
        Collections.shuffle(candidates);
        for (String spare : candidates) {
            try {
                DatabaseAdmin.rename(c, spare, database);
                return Taken.SPARE;
            } catch (SQLException e) {
                if (!NO_SUCH_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return Taken.NONE;
    }

    /**
     * Makes one spare if the cluster has fewer current ones than wanted, after dropping those of another template
     * version; returns whether the cluster may still want more.
     */
    boolean makeOne(DatabaseAdmin admin, String template, String templateVersion) throws SQLException {
        if (wanted == 0) {
            return false;
        }
        YearMonth month = SchemaMark.thisMonth();
        int current = 0;
        for (Map.Entry<String, String> spare : admin.listWithComments(prefix(), "").entrySet()) {
            if (SchemaMark.current(spare.getValue(), templateVersion, month)) {
                current++;
            } else if (spare.getValue() != null) {
                // Copied at another version or too long ago; one without a mark may be another replica's, being made now.
                admin.drop(spare.getKey());
            }
        }
        if (current >= wanted) {
            return false;
        }
        String name = prefix() + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin.createFromTemplate(name, template);
        try (Connection c = admin.connect("postgres")) {
            SchemaMark.write(c, name, templateVersion);
        }
        LOG.debugf("Made spare database %s on cluster %s (template version %s)", name, admin.cluster(), templateVersion);
        return current + 1 < wanted;
    }
}
