package io.ipsc.dental.usage;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.usage.ModuleUsageResource;
import io.ipsc.tenancy.metrics.UsageMonth;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.ws.rs.Path;

/**
 * {@code GET /api/usage}: the clinic's patients, and its work this month, for tenant-service's
 * {@code /api/tenants/{slug}/usage}. For the tenant's admins and platform admins only.
 * <p>
 * "This month" is the calendar month in India. Appointments count in the month they were booked
 * ({@code created_at}), whatever day they are for, as {@code ipsc_appointments_booked} counts them;
 * treatments count in the month they were completed, which is when they are billed. Archived
 * patients are not counted.
 */
@Path("/api/usage")
public class UsageResource extends ModuleUsageResource<UsageResource.DentalUsage> {

    public UsageResource(TenantContext tenant) {
        // This month's counts: $1 and $2 are the month's bounds.
        super(tenant, """
                SELECT (SELECT count(*) FROM patients WHERE archived_at IS NULL) AS patients,
                       (SELECT count(*) FROM appointments WHERE created_at >= $1 AND created_at < $2) AS appointments,
                       (SELECT count(*) FROM treatments WHERE completed_at >= $1 AND completed_at < $2) AS treatments""");
    }

    @Override
    protected DentalUsage figures(Row r, UsageMonth month) {
        long appointments = r.getLong("appointments");
        long treatments = r.getLong("treatments");
        return new DentalUsage(r.getLong("patients"), appointments, treatments, appointments + treatments, month.label());
    }

    /** The figures, with the names tenant-service reads. */
    public record DentalUsage(long patients, long appointmentsThisMonth, long treatmentsThisMonth, long transactionsThisMonth, String month) {
    }
}
