package io.ipsc.tenancy.db.guard;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.ServiceIdentity;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/tenant-database}: which database serves the calling tenant here, whose it says it
 * is, and its schema version — all read from that database itself, so isolation can be checked end
 * to end.
 */
@Tag(name = "Tenant database")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/tenant-database")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class TenantDatabaseResource {

    private final TenantContext tenant;
    private final ServiceIdentity service;
    private final TenantPoolRegistry pools;

    public TenantDatabaseResource(TenantContext tenant, ServiceIdentity service, TenantPoolRegistry pools) {
        this.tenant = tenant;
        this.service = service;
        this.pools = pools;
    }

    @GET
    @Operation(operationId = TenantDatabaseOperationId.SHARED_ID, summary = "Describe the database that serves the calling tenant in this service")
    public Uni<ApiResponse<Map<String, Object>>> describe() {
        return tenant.withDatabase(pool -> pool.query(
                        "SELECT current_database() AS database, (SELECT slug FROM ipsc_tenant LIMIT 1) AS tenant, "
                                + "(SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1) AS schema_version")
                .execute())
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("service", service.name());
                    data.put("tenant", row.getString("tenant"));
                    data.put("database", row.getString("database"));
                    data.put("cluster", tenant.cluster());
                    data.put("schema_version", row.getString("schema_version"));
                    data.put("role", tenant.role().wireName());
                    // Just used by this request, so open (pools close only after their idle timeout).
                    data.put("pool", pools.state(tenant.slug()));
                    return ApiResponse.ok(data, "Tenant '" + tenant.slug() + "' is served from " + row.getString("database"));
                });
    }
}
