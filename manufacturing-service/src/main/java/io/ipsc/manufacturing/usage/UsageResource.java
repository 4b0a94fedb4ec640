package io.ipsc.manufacturing.usage;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.usage.ModuleUsageResource;
import io.ipsc.tenancy.metrics.UsageMonth;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.ws.rs.Path;

/**
 * {@code GET /api/usage}: the tenant's BOMs and work centers, and its production orders this month,
 * for tenant-service's {@code /api/tenants/{slug}/usage}. For the tenant's admins and platform
 * admins only.
 * <p>
 * "This month" is the calendar month in India; an order counts in the month it was entered
 * ({@code created_at}), whatever its planned dates, as invoicing counts a document when it is made.
 * The orders are the transactions here. BOMs are the active ones (each active version counts).
 */
@Path("/api/usage")
public class UsageResource extends ModuleUsageResource<UsageResource.ManufacturingUsage> {

    public UsageResource(TenantContext tenant) {
        // This month's counts: $1 and $2 are the month's bounds.
        super(tenant, """
                SELECT (SELECT count(*) FROM boms WHERE is_active) AS boms,
                       (SELECT count(*) FROM work_centers) AS work_centers,
                       (SELECT count(*) FROM production_orders WHERE created_at >= $1 AND created_at < $2) AS orders""");
    }

    @Override
    protected ManufacturingUsage figures(Row r, UsageMonth month) {
        long orders = r.getLong("orders");
        return new ManufacturingUsage(r.getLong("boms"), r.getLong("work_centers"), orders, orders, month.label());
    }

    /** The figures, with the names tenant-service reads. */
    public record ManufacturingUsage(long boms, long workCenters, long productionOrdersThisMonth, long transactionsThisMonth, String month) {
    }
}
