package io.ipsc.web.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * getTenantDatabasePerformance and listTenantSlowQueries as the console shows them: each service's
 * database (size, connections, cache hit, commits) and the slowest statements, normalised by
 * PostgreSQL (no parameter values).
 */
public record DatabaseView(List<Database> databases, List<Statement> statements, String statementsProblem,
                           List<String> warnings) {

    public record Database(String service, String name, boolean exists, String size, String connections, String cacheHit,
                           String commits, String rollbacks, String deadlocks, String pool, String schemaVersion) {
    }

    public record Statement(String database, String query, String calls, String meanMs, String totalMs, String rows) {
    }

    static DatabaseView of(JsonNode performance, List<String> warnings, JsonNode slowQueries, String statementsProblem) {
        List<Database> databases = new ArrayList<>();
        performance.path("databases").fields().forEachRemaining(e -> {
            JsonNode d = e.getValue();
            databases.add(new Database(e.getKey(), Figures.text(d.path("database")), d.path("exists").asBoolean(false),
                    Figures.bytes(d.path("size_bytes")), Figures.count(d.path("connections")), Figures.ratio(d.path("cache_hit_ratio")),
                    Figures.count(d.path("commits")), Figures.count(d.path("rollbacks")), Figures.count(d.path("deadlocks")),
                    pool(d.path("pool")), Figures.text(d.path("schema_version"))));
        });
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : slowQueries == null ? List.<JsonNode>of() : iterable(slowQueries.path("statements"))) {
            statements.add(new Statement(Figures.text(s.path("database")), Figures.text(s.path("query")), Figures.count(s.path("calls")),
                    number(s.path("mean_ms")), number(s.path("total_ms")), Figures.count(s.path("rows"))));
        }
        return new DatabaseView(databases, statements, statementsProblem, warnings == null ? List.of() : warnings);
    }

    /** A service's pool as it reported it ({@code size 5, in use 1, waiting 0}); its keys are the service's own. */
    private static String pool(JsonNode pool) {
        if (!pool.isObject()) {
            return "—";
        }
        StringJoiner parts = new StringJoiner(", ");
        pool.fields().forEachRemaining(e -> parts.add(e.getKey().replace('_', ' ') + " " + e.getValue().asText()));
        return parts.length() == 0 ? "—" : parts.toString();
    }

    private static String number(JsonNode millis) {
        return millis.isNumber() ? Figures.millis(millis.decimalValue()) : "—";
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
