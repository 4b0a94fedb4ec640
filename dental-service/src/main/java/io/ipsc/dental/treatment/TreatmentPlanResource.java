package io.ipsc.dental.treatment;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/patients/{id}/treatment-plan}: what is planned for a patient and its estimate. */
@Tag(name = "Treatments")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/patients/{patientId}/treatment-plan")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class TreatmentPlanResource {

    private final TenantContext tenant;
    private final TreatmentService treatments;

    public TreatmentPlanResource(TenantContext tenant, TreatmentService treatments) {
        this.tenant = tenant;
        this.treatments = treatments;
    }

    @GET
    @Operation(operationId = "getTreatmentPlan", summary = "Get a patient's treatment plan")
    public Uni<ApiResponse<TreatmentPlan>> plan(@PathParam("patientId") long patientId) {
        return tenant.withDatabase(pool -> treatments.plan(pool, patientId))
                .map(plan -> ApiResponse.ok(plan, plan.treatmentCount() + " planned treatment(s), estimated at ₹" + plan.totalEstimate()));
    }
}
