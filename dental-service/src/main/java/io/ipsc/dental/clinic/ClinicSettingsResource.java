package io.ipsc.dental.clinic;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The clinic's hours under {@code /api/appointments/settings}: the gateway already routes the {@code appointments}
 * family here, so no new route is needed ({@code settings} is no appointment id). Every member reads them (the calendar
 * draws the day with them); only the clinic's admins change them.
 */
@Tag(name = "Appointments")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/appointments/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class ClinicSettingsResource {

    private final TenantContext tenant;

    public ClinicSettingsResource(TenantContext tenant) {
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "getClinicSettings", summary = "The clinic's time zone, opening hours and closed weekdays")
    public Uni<ApiResponse<ClinicHours>> get() {
        return tenant.withDatabase(ClinicSettings::load).map(s -> ApiResponse.ok(ClinicHours.of(s), "Clinic settings"));
    }

    @PUT
    @Operation(operationId = "updateClinicSettings",
            summary = "Set the clinic's time zone, opening hours and closed weekdays (clinic admins); every field is replaced")
    public Uni<ApiResponse<ClinicHours>> update(ClinicHours hours) {
        tenant.requireRole(Role.ADMIN, "change the clinic's hours");
        ClinicSettings settings = ClinicSettings.validated(hours);
        return tenant.withDatabase(settings::save).map(s -> ApiResponse.ok(ClinicHours.of(s), "Clinic settings saved"));
    }
}
