package io.ipsc.tenancy.db.export;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's data in this service, table by table, for the tenant's export ({@code GET
 * /api/tenants/{slug}/export} on tenant-service, which asks every service and zips the answers): data
 * portability under India's DPDP Act 2023, and the auditor's copy. Only the tenant's admins (and platform
 * admins) may read it; the rows come from the tenant's own database, as every request's.
 */
@Tag(name = "Tenant database")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/tenant-database/tables")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class TenantDataExportResource {

    /** Tables of the tenant database that are the service's own bookkeeping, not the tenant's data. */
    private static final String OWN_TABLES = "('flyway_schema_history', 'ipsc_tenant')";
    private static final java.util.regex.Pattern TABLE_NAME = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final TenantContext tenant;
    private final ServiceIdentity service;

    public TenantDataExportResource(TenantContext tenant, ServiceIdentity service) {
        this.tenant = tenant;
        this.service = service;
    }

    /** One table of the tenant's data: its name and how many rows it has. */
    public record TableSummary(String name, long rows) {
    }

    /** What this service holds for the tenant, and at which schema version. */
    public record TenantTables(String service, String database, String schemaVersion, List<TableSummary> tables) {
    }

    /** A table's rows, each as the JSON object PostgreSQL makes of it (column names as keys). */
    public record TableRows(String table, List<Object> rows) {
    }

    @GET
    @Operation(operationId = "listTenantTables", summary = "List the tables of the calling tenant's data in this service (tenant admins)")
    public Uni<ApiResponse<TenantTables>> tables() {
        tenant.requireRole(Role.ADMIN, "export the tenant's data");
        return tenant.withDatabase(pool -> pool.query("SELECT current_database() AS database, "
                        + "(SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1) AS schema_version, "
                        + "(SELECT coalesce(json_agg(table_name ORDER BY table_name), '[]') FROM information_schema.tables "
                        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN " + OWN_TABLES + ") AS tables")
                .execute()
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    List<String> names = new ArrayList<>();
                    row.getJsonArray("tables").forEach(name -> names.add((String) name));
                    return counts(pool, names).map(counts -> new TenantTables(service.name(), row.getString("database"),
                            row.getString("schema_version"), counts));
                }))
                .map(data -> ApiResponse.ok(data, data.tables().size() + " tables of tenant '" + tenant.slug() + "' in " + service.name()));
    }

    @GET
    @Path("/{table}")
    @Operation(operationId = "exportTenantTable", summary = "Read every row of one table of the calling tenant's data in this service (tenant admins)")
    public Uni<ApiResponse<TableRows>> rows(@PathParam("table") String table) {
        tenant.requireRole(Role.ADMIN, "export the tenant's data");
        // Only a plain identifier can name a table here (PostgreSQL refuses a name over 63 bytes outright).
        if (!TABLE_NAME.matcher(table).matches()) {
            return Uni.createFrom().failure(ApiException.notFound("Table '" + table + "'"));
        }
        // The name is matched against the catalogue before it goes into SQL: only a real table of the tenant's.
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' "
                        + "AND table_type = 'BASE TABLE' AND table_name = $1 AND table_name NOT IN " + OWN_TABLES)
                .execute(Tuple.of(table))
                .flatMap(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().failure(ApiException.notFound("Table '" + table + "'"));
                    }
                    // In the order of the first column (the id of every table here), so that two exports compare.
                    return pool.query("SELECT coalesce(json_agg(t), '[]') AS rows FROM (SELECT * FROM public.\"" + table
                            + "\" ORDER BY 1) t").execute();
                }))
                .map(result -> {
                    List<Object> rows = plain(result.iterator().next().getJsonArray("rows")).getList();
                    return ApiResponse.ok(new TableRows(table, rows), rows.size() + " rows of " + table);
                });
    }

    /** Vert.x JSON as plain maps and lists, which every JSON writer knows. */
    private static io.vertx.core.json.JsonArray plain(io.vertx.core.json.JsonArray rows) {
        return new io.vertx.core.json.JsonArray(rows.stream()
                .map(row -> row instanceof io.vertx.core.json.JsonObject object ? object.getMap() : row).toList());
    }

    private static Uni<List<TableSummary>> counts(io.vertx.mutiny.sqlclient.Pool pool, List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        StringBuilder sql = new StringBuilder();
        for (String name : names) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ")
                    .append("SELECT '").append(name).append("' AS name, count(*) AS rows FROM public.\"").append(name).append('"');
        }
        return pool.query(sql.toString()).execute().map(rows -> {
            Map<String, Long> counted = new LinkedHashMap<>();
            rows.forEach(r -> counted.put(r.getString("name"), r.getLong("rows")));
            return names.stream().map(n -> new TableSummary(n, counted.getOrDefault(n, 0L))).toList();
        });
    }
}
