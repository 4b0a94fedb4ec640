package io.ipsc.dental.usage;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.metrics.UsageMonth;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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

    private final TenantContext tenant;

    public UsageResource(TenantContext tenant) {
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "getDentalUsage", summary = "Get the tenant's dental usage this month")
    public Uni<ApiResponse<DentalUsage>> usage() {
        tenant.requireRole(Role.ADMIN, "read the usage figures");
        UsageMonth month = UsageMonth.current();
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT "
                                + "(SELECT count(*) FROM patients WHERE archived_at IS NULL) AS patients, "
                                + "(SELECT count(*) FROM appointments WHERE created_at >= $1 AND created_at < $2) AS appointments, "
                                + "(SELECT count(*) FROM treatments WHERE completed_at >= $1 AND completed_at < $2) AS treatments")
                        .execute(Tuple.of(month.start(), month.end())))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    long appointments = r.getLong("appointments");
                    long treatments = r.getLong("treatments");
                    DentalUsage usage = new DentalUsage(r.getLong("patients"), appointments, treatments, appointments + treatments, month.label());
                    return ApiResponse.ok(usage, "Usage of tenant '" + tenant.slug() + "' in dental, " + month.label());
                });
    }
}
