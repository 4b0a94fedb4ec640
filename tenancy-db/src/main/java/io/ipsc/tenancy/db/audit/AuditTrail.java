package io.ipsc.tenancy.db.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Installs the audit trail ({@code audit-trail.sql}: the append-only, month-partitioned
 * {@code ipsc_audit} table and the triggers on every other table) in a database, over JDBC on the
 * calling worker thread. Run after every migrate of a tenant database, so a table a migration adds is
 * audited from then on; existing databases get it at their next catch-up.
 */
public final class AuditTrail {

    /** Must match the comment the script puts on {@code ipsc_audit}: bump both when the script changes. */
    static final String VERSION = "ipsc audit trail v3";
    private static final String SCRIPT = load();

    private AuditTrail() {
    }

    /** Creates or refreshes the trail in the database behind {@code c}; idempotent. */
    /** The trail's version, as its table's comment carries it. */
    public static String version() {
        return VERSION;
    }

    public static void install(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(SCRIPT);
        }
    }

    /**
     * Whether the database carries this version of the trail with every table triggered; if so, its
     * coming months' partitions are made sure of too (the catch-up of a restart: three short reads).
     */
    public static boolean current(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT obj_description(to_regclass('public.ipsc_audit'), 'pg_class')")) {
            rs.next();
            if (!VERSION.equals(rs.getString(1))) {
                return false;
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM ipsc_audit_unattached()")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return false;
            }
        }
        ensurePartitions(c);
        return true;
    }

    /** The current and next two months' partitions (the daily sweep and every catch-up call this). */
    public static void ensurePartitions(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT ipsc_audit_ensure_partitions()");
        }
    }

    private static String load() {
        try (InputStream in = AuditTrail.class.getResourceAsStream("audit-trail.sql")) {
            if (in == null) {
                throw new IllegalStateException("audit-trail.sql is missing from " + AuditTrail.class.getPackageName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
