package io.ipsc.local.bench;

import io.ipsc.local.LocalClusters;
import io.ipsc.local.StateDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the database alone can do for a request: {@code pgbench} running the statements that
 * {@code GET /api/products} sends (as prepared statements) with the same number of clients against the
 * same tenant database, in the same run. A service cannot beat it; how close it comes is the share of a
 * request's cost that is its database work (issue 19 asks for ≥ 40 %).
 *
 * <p>The statements are copied from invoicing-service on purpose: if they change, this reference must
 * change with it, or it measures something the endpoint does not do. For the bench's tenant (five
 * products, a page of 20) the list sends two: the audit actor that every connection is given first
 * ({@code AuditedPool}, pipelined ahead of the work) and the page; the {@code count(*)} runs only for a
 * full page ({@code PagedQuery}), so not here.
 */
final class DatabaseReference {

    /** The actor as a request of the platform admin names it, then the first page (20 rows: the API's default size) of the products not archived. */
    static final String PRODUCT_LIST = """
            SELECT set_config('ipsc.actor', '{"user_id":1,"email":"admin@ipsc.local","request_id":"0f8fad5b-d9cb-469f-a165-70867728950e"}', false);
            SELECT id, sku, name, description, hsn_sac, unit, price, gst_rate, cost, stock_quantity, reorder_level, archived, created_at, updated_at
              FROM products WHERE (false OR NOT archived) AND (NULL::text IS NULL OR lower(name) LIKE NULL OR lower(sku) LIKE NULL)
              ORDER BY id LIMIT 20 OFFSET 0;
            """;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    /** Where one cluster listens and as whom to connect. */
    record Server(String cluster, String host, String port, String user, String password) {
    }

    /** Transactions (both statements) per second, or why there is no figure. */
    record Result(Optional<Double> perSecond, String note) {
    }

    private DatabaseReference() {
    }

    /** Runs pgbench for {@code seconds} with {@code clients} clients on {@code tenant}'s invoicing database. */
    static Result productList(StateDir state, String tenant, int clients, int seconds) throws IOException, InterruptedException {
        Optional<Path> pgbench = pgbench();
        if (pgbench.isEmpty()) {
            return new Result(Optional.empty(), "pgbench is not installed (Debian: postgresql-client); no database reference");
        }
        Map<String, String> endpoints = ServiceResources.endpoints(state);
        String database = System.getenv().getOrDefault("TENANT_DATABASE_PREFIX", "tenant_") + tenant.replace('-', '_') + "_invoicing";
        Optional<Server> server = holding(endpoints, database);
        if (server.isEmpty()) {
            return new Result(Optional.empty(), "no cluster of the suite holds " + database + "; no database reference");
        }
        Path script = Files.createTempFile("ipsc-product-list", ".sql");
        try {
            Files.writeString(script, PRODUCT_LIST, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(pgbench.get().toString(),
                    "--no-vacuum", "--protocol=prepared",
                    "--client=" + clients, "--jobs=" + Math.min(clients, Runtime.getRuntime().availableProcessors()),
                    "--time=" + seconds, "--file=" + script,
                    "--host=" + server.get().host(), "--port=" + server.get().port(),
                    "--username=" + server.get().user(), database));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", server.get().password());
            Process run = builder.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = run.waitFor();
            Matcher tps = TPS.matcher(output);
            if (exit != 0 || !tps.find()) {
                return new Result(Optional.empty(), "pgbench failed (exit " + exit + "): " + output.strip().lines().reduce((a, b) -> b).orElse(""));
            }
            return new Result(Optional.of(Double.parseDouble(tps.group(1))),
                    String.format("pgbench, %d clients, %d s, prepared statements, database `%s` on cluster %s", clients, seconds, database,
                            server.get().cluster()));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * The suite's clusters as {@code .ipsc/run/endpoints} lists them: {@code main} at {@code IPSC_PG_*}, any other at
     * {@code IPSC_CLUSTERS_<NAME>_*} with {@code main}'s password (the launcher gives them the same).
     */
    static List<Server> servers(Map<String, String> endpoints) {
        List<Server> servers = new ArrayList<>();
        for (String cluster : endpoints.getOrDefault("IPSC_CLUSTERS", LocalClusters.MAIN).split(",")) {
            String name = cluster.strip();
            if (name.equals(LocalClusters.MAIN)) {
                servers.add(new Server(name, endpoints.get("IPSC_PG_HOST"), endpoints.get("IPSC_PG_PORT"), endpoints.get("IPSC_PG_USER"),
                        endpoints.get("IPSC_PG_PASSWORD")));
            } else if (!name.isEmpty() && endpoints.containsKey(LocalClusters.variable(name, "PORT"))) {
                servers.add(new Server(name, endpoints.get(LocalClusters.variable(name, "HOST")), endpoints.get(LocalClusters.variable(name, "PORT")),
                        endpoints.getOrDefault(LocalClusters.variable(name, "USER"), endpoints.get("IPSC_PG_USER")), endpoints.get("IPSC_PG_PASSWORD")));
            }
        }
        return servers;
    }

    /** The cluster that holds {@code database}: with two clusters, placement may have put the bench's tenant on either. */
    private static Optional<Server> holding(Map<String, String> endpoints, String database) {
        for (Server server : servers(endpoints)) {
            String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres";
            try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                 PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                if (exists.executeQuery().next()) {
                    return Optional.of(server);
                }
            } catch (SQLException unreachable) {
                // A cluster that does not answer holds nothing the bench can use: look at the next.
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> pgbench() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
