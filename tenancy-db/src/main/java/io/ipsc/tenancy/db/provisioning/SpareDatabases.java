package io.ipsc.tenancy.db.provisioning;

import io.ipsc.tenancy.db.ServiceIdentity;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
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
 * asks), so spares never compete with a tenant being provisioned.
 */
@Singleton
public class SpareDatabases {

    static final String PREFIX = "ipsc_spare_";
    private static final Logger LOG = Logger.getLogger(SpareDatabases.class);
    /** PostgreSQL: the database to rename does not exist (another replica took it meanwhile). */
    private static final String NO_SUCH_DATABASE = "3D000";

    private final ServiceIdentity service;
    private final int wanted;

    public SpareDatabases(ServiceIdentity service,
                          @ConfigProperty(name = "ipsc.provisioning.spare-databases", defaultValue = "2") int wanted) {
        this.service = service;
        this.wanted = Math.max(0, wanted);
    }

    int wanted() {
        return wanted;
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
        for (Map.Entry<String, String> spare : DatabaseAdmin.listWithComments(c, prefix(), "").entrySet()) {
            if (!SchemaMark.current(spare.getValue(), templateVersion, month)) {
                continue;
            }
            try {
                DatabaseAdmin.rename(c, spare.getKey(), database);
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
