package io.ipsc.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the services left in PostgreSQL, to check from outside that nothing is half-written. */
final class Sql {

    private Sql() {
    }

    /** Each row as column name → value, in order. */
    static List<Map<String, Object>> rows(LocalSuite suite, String database, String sql, Object... params) {
        return rowsOn(suite, "main", database, sql, params);
    }

    /** As {@link #rows}, on one of the suite's database clusters. */
    static List<Map<String, Object>> rowsOn(LocalSuite suite, String cluster, String database, String sql, Object... params) {
        try (Connection c = suite.connect(cluster, database); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query on " + database + " (cluster " + cluster + ") failed: " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as text. */
    static List<String> column(LocalSuite suite, String database, String sql, Object... params) {
        return columnOn(suite, "main", database, sql, params);
    }

    /** As {@link #column}, on one of the suite's database clusters. */
    static List<String> columnOn(LocalSuite suite, String cluster, String database, String sql, Object... params) {
        return rowsOn(suite, cluster, database, sql, params).stream()
                .map(r -> String.valueOf(r.values().iterator().next()))
                .toList();
    }

    static List<String> databases(LocalSuite suite) {
        return databasesOn(suite, "main");
    }

    static List<String> databasesOn(LocalSuite suite, String cluster) {
        return columnOn(suite, cluster, "postgres", "SELECT datname FROM pg_database ORDER BY datname");
    }
}
