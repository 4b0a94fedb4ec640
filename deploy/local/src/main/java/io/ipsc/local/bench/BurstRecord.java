package io.ipsc.local.bench;

import io.ipsc.local.Launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the databases recorded of a burst of creations, for {@link ProvisioningBenchmark}: the spare databases each
 * cluster held when it started (a spare is a rename instead of a copy, so the figure depends on them), and, from
 * tenant-service's own timestamps, when the creations committed, their snapshots were published and the tenants were
 * activated, measured from the first creation's commit. (Not each service's report: its row keeps the time of the last
 * one, the activation's own snapshot reported again.)
 */
final class BurstRecord {

    /** The clusters of the run: main, and second when {@code IPSC_PG_CLUSTERS=2} started it. */
    private final Map<String, String[]> clusters = new TreeMap<>();
    private final String user;
    private final String password;

    private BurstRecord(Map<String, String> endpoints) {
        clusters.put("main", new String[]{endpoints.get("IPSC_PG_HOST"), endpoints.get("IPSC_PG_PORT")});
        if (endpoints.get("IPSC_CLUSTERS_SECOND_PORT") != null) {
            clusters.put("second", new String[]{endpoints.get("IPSC_CLUSTERS_SECOND_HOST"), endpoints.get("IPSC_CLUSTERS_SECOND_PORT")});
        }
        this.user = endpoints.get("IPSC_PG_USER");
        this.password = endpoints.get("IPSC_PG_PASSWORD");
    }

    static BurstRecord of(SuiteClient suite) throws Exception {
        return new BurstRecord(ServiceResources.endpoints(suite.state()));
    }

    private Connection connect(String cluster, String database) throws SQLException {
        String[] at = clusters.get(cluster);
        return DriverManager.getConnection("jdbc:postgresql://" + at[0] + ":" + at[1] + "/" + database, user, password);
    }

    /** The spare databases on every cluster: how many, their disk, and "main 8 (branding 2, dental 2, ...), 66 MB; second ...". */
    record Spares(int count, long bytes, String text) {
    }

    int clusterCount() {
        return clusters.size();
    }

    /** The spare databases on each cluster now, by service, with the disk they take ({@code pg_database_size}). */
    Spares spares() {
        List<String> each = new ArrayList<>();
        int count = 0;
        long bytes = 0;
        for (String cluster : clusters.keySet()) {
            Map<String, Integer> byService = new TreeMap<>();
            long clusterBytes = 0;
            try (Connection c = connect(cluster, "postgres");
                 PreparedStatement q = c.prepareStatement(
                         "SELECT datname, pg_database_size(oid) FROM pg_database WHERE starts_with(datname, 'ipsc_spare_')");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    // ipsc_spare_<service>_<random>
                    String rest = rs.getString(1).substring("ipsc_spare_".length());
                    byService.merge(rest.substring(0, Math.max(0, rest.lastIndexOf('_'))), 1, Integer::sum);
                    clusterBytes += rs.getLong(2);
                }
            } catch (SQLException e) {
                // Renamed away by a provisioning between the listing and the size: counted at the next look.
                each.add(cluster + " not read (" + e.getMessage() + ")");
                continue;
            }
            int total = byService.values().stream().mapToInt(Integer::intValue).sum();
            count += total;
            bytes += clusterBytes;
            List<String> services = new ArrayList<>();
            byService.forEach((service, n) -> services.add(service + " " + n));
            each.add(cluster + " " + total + (services.isEmpty() ? "" : " (" + String.join(", ", services) + ")")
                    + String.format(", %,d MB", clusterBytes / (1024 * 1024)));
        }
        return new Spares(count, bytes, String.join("; ", each));
    }

    /**
     * Table rows: for each step of the burst's tenants (slugs matching the regular expression {@code slugs}), the
     * seconds from the first creation's commit, p50 and max, and how many were seen.
     */
    List<String> timelineRows(String slugs) {
        String sql = """
                WITH b AS (SELECT id, slug, created_at, activated_at FROM tenants WHERE slug ~ ?),
                t0 AS (SELECT min(created_at) AS t0 FROM b),
                ev AS (
                  SELECT 1 AS step, 'creations committed (`created_at`)' AS what, b.created_at - t0 AS after FROM b, t0
                  UNION ALL SELECT 2, 'snapshots published on `ipsc.tenants` (outbox `published_at`)', o.published_at - t0
                    FROM b JOIN outbox o ON o.record_key = b.slug AND o.event_type = 'TENANT_CREATED', t0
                  UNION ALL SELECT 3, 'tenants activated (`activated_at`)', b.activated_at - t0 FROM b, t0)
                SELECT what, count(after), percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM after)),
                       max(extract(epoch FROM after)), (SELECT count(*) FROM b)
                  FROM ev GROUP BY step, what ORDER BY step, what""";
        List<String> rows = new ArrayList<>();
        try (Connection c = connect("main", Launcher.PLATFORM_DATABASE); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, slugs);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(String.format("| … %s, from the first creation's commit: p50, max (seen) | %.1f s, %.1f s (%d of %d) |",
                            rs.getString(1), rs.getDouble(3), rs.getDouble(4), rs.getLong(2), rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            rows.add("| the burst's record in `ipsc_platform` | not read: " + e.getMessage().replace('|', '/') + " |");
        }
        return rows;
    }
}
