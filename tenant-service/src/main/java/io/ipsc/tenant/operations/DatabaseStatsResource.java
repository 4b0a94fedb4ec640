package io.ipsc.tenant.operations;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.tenant.TenantAccess;
import io.ipsc.tenant.tenant.TenantService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's view of one tenant's databases, from PostgreSQL's own statistics
 * ({@code pg_stat_database}, {@code pg_stat_statements}). Assumes the tenant databases live on the
 * same PostgreSQL cluster as {@code ipsc_platform}, as in the local run; a database on another
 * cluster shows as absent. Each database's pool is as the owning service reports it (its
 * {@code /api/tenant-database}, asked with the caller's token). Statements are PostgreSQL's normalised texts: no parameter values.
 */
@Tag(name = "Operations")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/database")
@Produces(MediaType.APPLICATION_JSON)
public class DatabaseStatsResource {

    private final Pool pool;
    private final TenantAccess access;
    private final TenantService tenants;
    private final ModuleClient modules;

    public DatabaseStatsResource(Pool pool, TenantAccess access, TenantService tenants, ModuleClient modules) {
        this.pool = pool;
        this.access = access;
        this.tenants = tenants;
        this.modules = modules;
    }

    @GET
    @Path("/performance/{slug}")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED")
    @Operation(operationId = "getTenantDatabasePerformance", summary = "Get a tenant database's performance figures")
    public Uni<ApiResponse<Map<String, Object>>> performance(@PathParam("slug") String slug,
                                                             @HeaderParam("Authorization") String authorization) {
        return access.requireRole(slug, Role.ADMIN).flatMap(t -> {
            Map<String, String> databases = tenants.databaseNames(t);
            // Each service knows its own pool for the tenant; asked in parallel with the statistics.
            List<Uni<ModuleClient.Answer>> asked = new ArrayList<>();
            databases.keySet().forEach(service -> asked.add(modules.get(service, "/api/tenant-database", slug, authorization)));
            Uni<Map<String, ModuleClient.Answer>> pools = Uni.join().all(asked).andCollectFailures().map(answers -> {
                Map<String, ModuleClient.Answer> byService = new LinkedHashMap<>();
                answers.forEach(a -> byService.put(a.service(), a));
                return byService;
            });
            Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> statistics = pool.preparedQuery("SELECT d.datname, pg_database_size(d.datname) AS size_bytes, s.numbackends, s.xact_commit, "
                            + "s.xact_rollback, s.blks_hit, s.blks_read, s.deadlocks, s.temp_bytes FROM pg_database d "
                            + "LEFT JOIN pg_stat_database s ON s.datname = d.datname WHERE d.datname = ANY($1)")
                    .execute(Tuple.of(databases.values().toArray(new String[0])));
            return Uni.combine().all().unis(statistics, pools).asTuple().map(both -> {
                Map<String, Row> byName = new LinkedHashMap<>();
                both.getItem1().forEach(r -> byName.put(r.getString("datname"), r));
                Map<String, Object> perService = new LinkedHashMap<>();
                List<String> warnings = new ArrayList<>();
                databases.forEach((service, name) -> {
                    Map<String, Object> stats = stats(name, byName.get(name));
                    ModuleClient.Answer answer = both.getItem2().get(service);
                    if (answer != null && answer.ok()) {
                        stats.put("schema_version", answer.data().getString("schema_version"));
                        JsonObject poolState = answer.data().getJsonObject("pool");
                        stats.put("pool", poolState == null ? null : poolState.getMap());
                    } else {
                        stats.put("pool", null);
                        warnings.add("The pool of " + service + " is not shown: the service " + (answer == null ? "was not asked" : answer.problem()));
                    }
                    perService.put(service, stats);
                });
                return ApiResponse.ok(Map.<String, Object>of("tenant", slug, "databases", perService), "Database statistics of '" + slug + "'", warnings);
            });
        });
    }

    @GET
    @Path("/slow-queries/{slug}")
    @WithSession
    @Extension(name = ErrorAnswers.CODES, value = "TENANT_DELETED,INVALID_LIMIT,STATISTICS_UNAVAILABLE")
    @Operation(operationId = "listTenantSlowQueries", summary = "List a tenant database's slowest queries")
    public Uni<ApiResponse<Map<String, Object>>> slowQueries(@PathParam("slug") String slug, @QueryParam("limit") Integer limit) {
        int top = limit == null ? 20 : limit;
        if (top < 1 || top > 100) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit", "limit must be between 1 and 100");
        }
        return access.requireRole(slug, Role.ADMIN).flatMap(t -> pool.preparedQuery(
                                "SELECT d.datname, s.query, s.calls, s.mean_exec_time, s.total_exec_time, s.rows FROM pg_stat_statements s "
                                        + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ANY($1) ORDER BY s.mean_exec_time DESC LIMIT $2")
                        .execute(Tuple.of(tenants.databaseNames(t).values().toArray(new String[0]), top)))
                .onFailure(e -> e instanceof PgException pg && ("42P01".equals(pg.getSqlState()) || "55000".equals(pg.getSqlState())))
                .transform(e -> new ApiException(503, "STATISTICS_UNAVAILABLE",
                        "pg_stat_statements is not loaded on this PostgreSQL server (shared_preload_libraries and CREATE EXTENSION)"))
                .map(rows -> {
                    List<Map<String, Object>> statements = new ArrayList<>();
                    for (Row r : rows) {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("database", r.getString("datname"));
                        s.put("query", r.getString("query"));
                        s.put("calls", r.getLong("calls"));
                        s.put("mean_ms", round(r.getDouble("mean_exec_time")));
                        s.put("total_ms", round(r.getDouble("total_exec_time")));
                        s.put("rows", r.getLong("rows"));
                        statements.add(s);
                    }
                    return ApiResponse.ok(Map.of("tenant", slug, "statements", statements), statements.size() + " statement(s), slowest first");
                });
    }

    private static Map<String, Object> stats(String name, Row r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("database", name);
        if (r == null) {
            s.put("exists", false);
            return s;
        }
        long hit = r.getLong("blks_hit") == null ? 0 : r.getLong("blks_hit");
        long read = r.getLong("blks_read") == null ? 0 : r.getLong("blks_read");
        s.put("exists", true);
        s.put("size_bytes", r.getLong("size_bytes"));
        s.put("connections", r.getInteger("numbackends"));
        s.put("commits", r.getLong("xact_commit"));
        s.put("rollbacks", r.getLong("xact_rollback"));
        s.put("cache_hit_ratio", hit + read == 0 ? null : BigDecimal.valueOf(hit).divide(BigDecimal.valueOf(hit + read), 4, RoundingMode.HALF_UP));
        s.put("deadlocks", r.getLong("deadlocks"));
        s.put("temp_bytes", r.getLong("temp_bytes"));
        return s;
    }

    private static BigDecimal round(Double millis) {
        return millis == null ? null : BigDecimal.valueOf(millis).setScale(3, RoundingMode.HALF_UP);
    }
}
