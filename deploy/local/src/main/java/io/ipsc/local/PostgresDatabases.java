package io.ipsc.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creates databases on a PostgreSQL server, embedded or not, and reads its settings. */
public final class PostgresDatabases {

    private static final String MAINTENANCE_DATABASE = "postgres";

    private PostgresDatabases() {
    }

    /**
     * Creates {@code database} if it does not exist yet and enables {@code pg_stat_statements} in it.
     * The name must be a plain identifier, since CREATE DATABASE takes no bind parameters.
     *
     * @param requireStatements whether failing to enable {@code pg_stat_statements} is an error;
     *        on a server we do not own it may be missing or need rights the user lacks
     * @return whether the database was created
     */
    public static boolean createIfMissing(PostgresAddress server, String database, boolean requireStatements)
            throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        boolean created = false;
        try (Connection c = server.connect(MAINTENANCE_DATABASE)) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE \"" + database + "\"");
                }
                created = true;
            }
        }
        try (Connection c = server.connect(database); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (SQLException e) {
            if (requireStatements) {
                throw e;
            }
            Console.error("pg_stat_statements not enabled in " + database + ": " + e.getMessage());
        }
        return created;
    }

    /**
     * The values the running server reports for {@code names} ({@code SHOW}): what it really does,
     * whatever was asked of it. Names must be plain setting names.
     */
    public static Map<String, String> settings(PostgresAddress server, Collection<String> names) throws SQLException {
        Map<String, String> shown = new LinkedHashMap<>();
        try (Connection c = server.connect(MAINTENANCE_DATABASE); Statement st = c.createStatement()) {
            for (String name : names) {
                if (!name.matches("[a-z_.]+")) {
                    throw new IllegalArgumentException("Not a setting name: " + name);
                }
                try (ResultSet rs = st.executeQuery("SHOW " + name)) {
                    rs.next();
                    shown.put(name, rs.getString(1));
                }
            }
        }
        return shown;
    }
}
