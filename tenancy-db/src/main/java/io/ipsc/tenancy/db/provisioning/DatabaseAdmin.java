package io.ipsc.tenancy.db.provisioning;

import io.ipsc.tenancy.db.cluster.ClusterAddress;
import io.ipsc.tenancy.db.cluster.Clusters;
import io.ipsc.tenancy.event.Placement;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creating, listing and archiving databases on one database cluster, over JDBC on the provisioner's
 * threads (never the event loop). Names reach SQL only after {@link #requirePlainName} and always
 * quoted; no value is ever concatenated otherwise. {@link Clusters#admin} gives the one of each cluster.
 */
public class DatabaseAdmin {

    private final ClusterAddress address;
    private final String cluster;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public DatabaseAdmin(ClusterAddress address) {
        this.address = address;
        this.cluster = address.name();
        this.host = address.host();
        this.port = address.port();
        this.user = address.user();
        this.password = address.password();
    }

    /** On the main cluster (tests and tools). */
    public DatabaseAdmin(String host, int port, String user, String password) {
        this(new ClusterAddress(Placement.MAIN_CLUSTER, host, port, user, password));
    }

    /** The name of the cluster this admin works on. */
    public String cluster() {
        return cluster;
    }

    /** Where the cluster answers and whom this service connects as (a move's subscription connects the same way). */
    public ClusterAddress address() {
        return address;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + requirePlainName(database);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    public boolean exists(String database) throws SQLException {
        try (Connection c = connect("postgres")) {
            return exists(c, database);
        }
    }

    /** Whether {@code database} exists, asked on {@code c}, a connection to any database of the cluster. */
    static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Databases whose names start with {@code prefix} and end with {@code suffix}. */
    public List<String> list(String prefix, String suffix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect("postgres");
             PreparedStatement ps = c.prepareStatement(
                     "SELECT datname FROM pg_database WHERE starts_with(datname, ?) AND right(datname, ?) = ? ORDER BY datname")) {
            ps.setString(1, prefix);
            ps.setInt(2, suffix.length());
            ps.setString(3, suffix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * Databases whose names start with {@code prefix} and end with {@code suffix}, each with its comment (null when it
     * has none): where {@link SchemaMark} keeps what the database was last found to be.
     */
    public Map<String, String> listWithComments(String prefix, String suffix) throws SQLException {
        try (Connection c = connect("postgres")) {
            return listWithComments(c, prefix, suffix);
        }
    }

    static Map<String, String> listWithComments(Connection c, String prefix, String suffix) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                     "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
                             + "WHERE starts_with(datname, ?) AND right(datname, ?) = ? ORDER BY datname")) {
            ps.setString(1, prefix);
            ps.setInt(2, suffix.length());
            ps.setString(3, suffix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return names;
    }

    public void createEmpty(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + quote(database));
        }
    }

    /**
     * Copies the template (much faster than running every migration) under its advisory lock taken
     * shared: copies run side by side (PostgreSQL allows several from one template), while a
     * migration of the template, which takes it exclusively, waits for them and they for it.
     *
     * <p>{@code STRATEGY WAL_LOG} (PostgreSQL 15+'s default, spelt out so that the choice is visible)
     * rather than {@code FILE_COPY}: measured on the suite's PostgreSQL 17 with fsync on, while the
     * suite ran (2026-11-30, the 8.6 MB invoicing template, BENCHMARKS.md), WAL_LOG took 0.45–2.3 s a
     * copy one after another and 2.2–4.7 s for six at once, FILE_COPY 2.1–2.6 s and 5.3–6.1 s.
     * FILE_COPY makes PostgreSQL checkpoint twice per copy, flushing every dirty page of every
     * database, which a busy server pays for far more than the few MB of WAL a small template writes.
     */
    public void createFromTemplate(String database, String template) throws SQLException {
        try (Connection c = connect("postgres")) {
            createFromTemplate(c, database, template);
        }
    }

    /** As {@link #createFromTemplate(String, String)}, on {@code c}, a connection to the cluster's {@code postgres}, left open. */
    static void createFromTemplate(Connection c, String database, String template) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock_shared(hashtext(?))")) {
                lock.setString(1, template);
                lock.execute();
            }
            try {
                st.execute("CREATE DATABASE " + quote(database) + " TEMPLATE " + quote(template) + " STRATEGY WAL_LOG");
            } finally {
                try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock_shared(hashtext(?))")) {
                    unlock.setString(1, template);
                    unlock.execute();
                }
            }
        }
    }

    /** Renames a database no session is connected to (a spare copy of the template, see {@link SpareDatabases}). */
    static void rename(Connection c, String from, String to) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + quote(from) + " RENAME TO " + quote(to));
        }
    }

    /** Drops a database that holds no tenant's data (an outdated spare copy of the template). */
    public void drop(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + quote(database));
        }
    }

    /** Runs {@code work} holding the template's advisory lock (also taken while the template is migrated). */
    public void withTemplateLock(Connection c, String template, SqlWork work) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            lock.setString(1, template);
            lock.execute();
        }
        try {
            work.run();
        } finally {
            try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
                unlock.setString(1, template);
                unlock.execute();
            }
        }
    }

    /**
     * Renames the database out of the way, keeping every row: {@code archived_<UTC time>_<name>}.
     * Other sessions on it are ended first (PostgreSQL cannot rename a database in use).
     */
    public String archive(String database) throws SQLException {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        String archived = "archived_" + stamp + "_" + database;
        if (archived.length() > 63) {
            // Keep it unique and recognisable: cut the name, add a short hash of the whole of it.
            String hash = String.format("%08x", database.hashCode());
            archived = archived.substring(0, 63 - 9) + "_" + hash;
        }
        rename(database, archived);
        return archived;
    }

    /**
     * Renames {@code from} to {@code to} (a move's copy to the tenant's real name; an archive), ending other sessions on
     * it first.
     */
    public void rename(String from, String to) throws SQLException {
        try (Connection c = connect("postgres")) {
            terminateSessions(c, from);
            rename(c, from, to);
        }
    }

    /**
     * Drops a move's unfinished copy, whoever is connected to it. Only a name ending in {@code __moving} is accepted:
     * a tenant's real database is archived, never dropped.
     */
    public void dropMovingCopy(String database) throws SQLException {
        if (!database.endsWith(TenantMover.MOVING_SUFFIX)) {
            throw new IllegalArgumentException("Only a move's copy is ever dropped, not " + database);
        }
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
        }
    }

    /**
     * Whether new sessions may connect to {@code database}. A move's switch refuses them on the source (and ends the
     * client sessions there), so that no write can reach it once its last position has been read.
     */
    public void allowConnections(String database, boolean allow) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + quote(database) + " WITH ALLOW_CONNECTIONS " + allow);
        }
    }

    private static void terminateSessions(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, database);
            ps.execute();
        }
    }

    static String quote(String name) {
        return "\"" + requirePlainName(name) + "\"";
    }

    static String requirePlainName(String name) {
        if (name == null || !name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        return name;
    }

    @FunctionalInterface
    public interface SqlWork {
        void run() throws SQLException;
    }
}
