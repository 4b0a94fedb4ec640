package io.ipsc.dental.usage;

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
 * {@code GET /api/usage}: the clinic's patients, and its work this month, for tenant-service's
 * {@code /api/tenants/{slug}/usage}. For the tenant's admins and platform admins only.
 * <p>
 * "This month" is the calendar month in India. Appointments count in the month they were booked
 * ({@code created_at}), whatever day they are for, as {@code ipsc_appointments_booked} counts them;
 * treatments count in the month they were completed, which is when they are billed. Archived
 * patients are not counted.
 */
@Tag(name = "Usage")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/usage")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class UsageResource {

    /** The figures, with the names tenant-service reads. */
    public record DentalUsage(long patients, long appointmentsThisMonth, long treatmentsThisMonth, long transactionsThisMonth, String month) {
    }

    /** This month's counts: {@code $1} and {@code $2} are the month's bounds. */
    private static final String COUNTS = "SELECT "
            + "(SELECT count(*) FROM patients WHERE archived_at IS NULL) AS patients, "
            + "(SELECT count(*) FROM appointments WHERE created_at >= $1 AND created_at < $2) AS appointments, "
            + "(SELECT count(*) FROM treatments WHERE completed_at >= $1 AND completed_at < $2) AS treatments";

    private final TenantContext tenant;

    public UsageResource(TenantContext tenant) {
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "getDentalUsage", summary = "Get the tenant's dental usage this month")
    public Uni<ApiResponse<DentalUsage>> usage() {
        return ModuleUsage.thisMonth(tenant, "dental", COUNTS, UsageResource::figures);
    }

    private static DentalUsage figures(Row r, UsageMonth month) {
        long appointments = r.getLong("appointments");
        long treatments = r.getLong("treatments");
        return new DentalUsage(r.getLong("patients"), appointments, treatments, appointments + treatments, month.label());
    }
}
