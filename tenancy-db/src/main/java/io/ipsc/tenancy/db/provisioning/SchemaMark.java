package io.ipsc.tenancy.db.provisioning;

import io.ipsc.tenancy.db.audit.AuditTrail;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a tenant database was last found to be, written on its own {@code pg_database} entry (its comment), so that a
 * start-up reads every database's state in one query on the cluster instead of connecting to each database: with a
 * thousand tenants, a connection per database (a new backend, its catalog caches, the version and audit-trail reads)
 * was most of a restart.
 *
 * <p>The mark is {@code ipsc schema=<version> audit=<trail version> checked=<yyyy-MM>}. It is written only by this
 * code, right after the database was migrated and its audit trail installed, or after the start-up found both current
 * by reading the database itself; a database changed by hand shows a mark that no longer matches and is read in full.
 * The month is there because that full read also makes sure of the audit trail's partitions (this month and the next
 * two): a mark is trusted in the month it was written and the next, so a database still gets its partitions ensured at
 * a restart before they could run out, even if the daily pass never ran.
 */
final class SchemaMark {

    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z._-]{1,40}");
    private static final Pattern MARK = Pattern.compile("ipsc schema=(\\S+) audit=(.+) checked=(\\d{4}-\\d{2})");

    private SchemaMark() {
    }

    /** The mark of a database at {@code schemaVersion} with the current audit trail, checked in {@code month}. */
    static String of(String schemaVersion, YearMonth month) {
        return "ipsc schema=" + schemaVersion + " audit=" + AuditTrail.version() + " checked=" + month;
    }

    /** Whether {@code mark} (null when the database has none) says: at {@code version}, current trail, checked lately. */
    static boolean current(String mark, String version, YearMonth now) {
        if (mark == null || version == null) {
            return false;
        }
        Matcher m = MARK.matcher(mark);
        if (!m.matches() || !m.group(1).equals(version) || !m.group(2).equals(AuditTrail.version())) {
            return false;
        }
        YearMonth checked = YearMonth.parse(m.group(3));
        return !checked.isAfter(now) && !checked.plusMonths(1).isBefore(now);
    }

    static YearMonth thisMonth() {
        return YearMonth.now(ZoneOffset.UTC);
    }

    /**
     * Marks {@code database} (reached on {@code c}, or on any connection of its cluster) as at {@code schemaVersion}.
     * A version Flyway would never print (anything but letters, digits, dots, dashes) is not written: the mark is a
     * literal in the statement.
     */
    static void write(Connection c, String database, String schemaVersion) throws SQLException {
        if (schemaVersion == null || !VERSION.matcher(schemaVersion).matches()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("COMMENT ON DATABASE " + DatabaseAdmin.quote(database) + " IS '" + of(schemaVersion, thisMonth()) + "'");
        }
    }
}
