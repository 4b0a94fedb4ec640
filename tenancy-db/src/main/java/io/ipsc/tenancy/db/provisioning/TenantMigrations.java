package io.ipsc.tenancy.db.provisioning;

import io.ipsc.tenancy.db.audit.AuditTrail;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Applies the service's tenant migrations ({@code src/main/resources/db/tenant/V*.sql}) to one
 * tenant database with Flyway, over JDBC, on the calling (worker) thread, then the audit trail
 * ({@link AuditTrail}) over whatever tables they made.
 *
 * <p>Flyway finds scripts by listing a classpath folder, which Quarkus' packaged class loader does
 * not offer; so the folder is located once, through a file beside it, and read from the file
 * system (copied out of the application jar when packaged).
 */
@Singleton
public class TenantMigrations {

    private static final Logger LOG = Logger.getLogger(TenantMigrations.class);
    static final String FOLDER = "db/tenant";

    private final DatabaseAdmin admin;
    private volatile String location;

    @jakarta.inject.Inject
    public TenantMigrations(DatabaseAdmin admin) {
        this.admin = admin;
    }

    /** With a Flyway location of the caller's choosing (tests, tools). */
    public TenantMigrations(DatabaseAdmin admin, String location) {
        this.admin = admin;
        this.location = location;
    }

    /** Migrates {@code database} on the main cluster to the latest version; returns that version. */
    public String migrate(String database) {
        return migrate(admin, database);
    }

    /** Migrates {@code database} on the cluster of {@code on} to the latest version; returns that version. */
    public String migrate(DatabaseAdmin on, String database) {
        Flyway flyway = Flyway.configure()
                .dataSource(on.jdbcUrl(database), on.user(), on.password())
                .locations(location())
                .connectRetries(2)
                .load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        String version = current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
        // After every migrate, so that a table the scripts add is audited without them saying so; then the
        // database is marked with what it now is, so that a restart need not connect to it to find out.
        try (Connection c = on.connect(database)) {
            AuditTrail.install(c);
            SchemaMark.write(c, database, version);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot install the audit trail in " + database + ": " + e.getMessage(), e);
        }
        if (result.migrationsExecuted > 0) {
            LOG.infof("Migrated %s to version %s (%d migration(s))", database, result.targetSchemaVersion, result.migrationsExecuted);
        }
        return version;
    }

    /**
     * The version Flyway last applied successfully in the database behind {@code c}, read from its
     * history table as {@link #migrate} reports it; null when it has no history.
     */
    static String recordedVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return null;
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL "
                     + "ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The latest version the scripts define, to compare a database against without connecting. */
    public String latestVersion(String database) {
        MigrationInfo[] all = Flyway.configure()
                .dataSource(admin.jdbcUrl(database), admin.user(), admin.password())
                .locations(location()).load().info().all();
        return all.length == 0 ? "0" : all[all.length - 1].getVersion().getVersion();
    }

    String location() {
        if (location == null) {
            synchronized (this) {
                if (location == null) {
                    location = locate();
                }
            }
        }
        return location;
    }

    private static String locate() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL marker = loader.getResource("application.properties");
        try {
            if (marker != null && "file".equals(marker.getProtocol())) {
                Path folder = Path.of(marker.toURI()).getParent().resolve(FOLDER);
                if (Files.isDirectory(folder)) {
                    return "filesystem:" + folder;
                }
            }
            if (marker != null && "jar".equals(marker.getProtocol())) {
                return "filesystem:" + extract((JarURLConnection) marker.openConnection());
            }
        } catch (IOException | URISyntaxException | ClassCastException e) {
            LOG.warnf("Cannot locate %s beside application.properties (%s); falling back to classpath scanning", FOLDER, e.getMessage());
        }
        return "classpath:" + FOLDER;
    }

    private static Path extract(JarURLConnection connection) throws IOException {
        Path target = Files.createTempDirectory("ipsc-tenant-migrations-");
        target.toFile().deleteOnExit();
        try (JarFile jar = new JarFile(Path.of(connection.getJarFileURL().getPath()).toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(FOLDER + "/")) {
                    Path file = target.resolve(entry.getName().substring(FOLDER.length() + 1));
                    Files.createDirectories(file.getParent());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                    file.toFile().deleteOnExit();
                }
            }
        }
        return target;
    }
}
