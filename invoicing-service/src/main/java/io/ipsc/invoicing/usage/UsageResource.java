package io.ipsc.invoicing.usage;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.usage.ModuleUsageResource;
import io.ipsc.tenancy.metrics.UsageMonth;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.ws.rs.Path;

/**
 * {@code GET /api/usage}: what the tenant has here, and what it did this month, for tenant-service's
 * {@code /api/tenants/{slug}/usage} (measured against the plan there). For the tenant's admins and
 * platform admins only.
 * <p>
 * "This month" is the calendar month in India, and a record counts in the month it was made
 * ({@code created_at}), not in the month its document is dated: an invoice drafted today but dated
 * last month is this month's work. It is the same rule as the plan's monthly transaction quota
 * ({@code Quotas}), so the figure shown is the one the quota refuses on: invoices count from their
 * draft (a draft deleted again no longer counts), and payments are those received on invoices and
 * those made on purchases.
 */
@Path("/api/usage")
public class UsageResource extends ModuleUsageResource<UsageResource.InvoicingUsage> {

    public UsageResource(TenantContext tenant) {
        // This month's counts: $1 and $2 are the month's bounds.
        super(tenant, """
                SELECT (SELECT count(*) FROM products WHERE NOT archived) AS products,
                       (SELECT count(*) FROM parties WHERE kind = 'customer' AND NOT archived) AS customers,
                       (SELECT count(*) FROM parties WHERE kind = 'vendor' AND NOT archived) AS vendors,
                       (SELECT count(*) FROM invoices WHERE created_at >= $1 AND created_at < $2) AS invoices,
                       (SELECT count(*) FROM purchases WHERE created_at >= $1 AND created_at < $2) AS purchases,
                       (SELECT count(*) FROM payments WHERE created_at >= $1 AND created_at < $2)
                       + (SELECT count(*) FROM purchase_payments WHERE created_at >= $1 AND created_at < $2) AS payments""");
    }

    @Override
    protected InvoicingUsage figures(Row r, UsageMonth month) {
        long invoices = r.getLong("invoices");
        long purchases = r.getLong("purchases");
        long payments = r.getLong("payments");
        return new InvoicingUsage(r.getLong("products"), r.getLong("customers"), r.getLong("vendors"),
                invoices, purchases, payments, invoices + purchases + payments, month.label());
    }

    /** The figures, in the order and with the names tenant-service reads. */
    public record InvoicingUsage(long products, long customers, long vendors, long invoicesThisMonth, long purchasesThisMonth,
                                 long paymentsThisMonth, long transactionsThisMonth, String month) {
    }
}
