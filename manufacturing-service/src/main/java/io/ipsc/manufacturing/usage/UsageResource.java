package io.ipsc.manufacturing.usage;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.db.usage.ModuleUsage;
import io.ipsc.tenancy.metrics.UsageMonth;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/usage}: the tenant's BOMs and work centers, and its production orders this month,
 * for tenant-service's {@code /api/tenants/{slug}/usage}. For the tenant's admins and platform
 * admins only.
 * <p>
 * "This month" is the calendar month in India; an order counts in the month it was entered
 * ({@code created_at}), whatever its planned dates, as invoicing counts a document when it is made.
 * The orders are the transactions here. BOMs are the active ones (each active version counts).
 */
@Tag(name = "Usage")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/usage")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class UsageResource {

    /** The figures, with the names tenant-service reads. */
    public record ManufacturingUsage(long boms, long workCenters, long productionOrdersThisMonth, long transactionsThisMonth, String month) {
    }

    /** This month's counts: {@code $1} and {@code $2} are the month's bounds. */
    private static final String COUNTS = "SELECT "
            + "(SELECT count(*) FROM boms WHERE is_active) AS boms, "
            + "(SELECT count(*) FROM work_centers) AS work_centers, "
            + "(SELECT count(*) FROM production_orders WHERE created_at >= $1 AND created_at < $2) AS orders";

    private final TenantContext tenant;

    public UsageResource(TenantContext tenant) {
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "getManufacturingUsage", summary = "Get the tenant's manufacturing usage this month")
    public Uni<ApiResponse<ManufacturingUsage>> usage() {
        return ModuleUsage.thisMonth(tenant, "manufacturing", COUNTS, UsageResource::figures);
    }

    private static ManufacturingUsage figures(Row r, UsageMonth month) {
        long orders = r.getLong("orders");
        return new ManufacturingUsage(r.getLong("boms"), r.getLong("work_centers"), orders, orders, month.label());
    }
}
