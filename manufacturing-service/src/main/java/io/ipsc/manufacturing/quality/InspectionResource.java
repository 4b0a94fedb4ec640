package io.ipsc.manufacturing.quality;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * {@code /api/production-orders/{id}/inspections}: quality control of an order's output. A failed
 * inspection holds the order (it cannot be completed) until a manager decides on the lot.
 */
@Tag(name = "Quality")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/production-orders/{orderId}/inspections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class InspectionResource {

    private final TenantContext tenant;
    private final InspectionService inspections;

    public InspectionResource(TenantContext tenant, InspectionService inspections) {
        this.tenant = tenant;
        this.inspections = inspections;
    }

    /** Records an inspection of a released or started order. */
    @POST
    @Extension(name = ErrorAnswers.CODES, value = "INCONSISTENT_RESULT,ILLEGAL_STATE")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "recordInspection", summary = "Record a quality inspection of a production order")
    public Uni<RestResponse<ApiResponse<Inspection>>> record(@PathParam("orderId") long orderId,
                                                             @NotNull(message = "a JSON body is required") @Valid InspectionRequest request) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        return tenant.withDatabase(pool -> inspections.record(pool, orderId, request))
                .map(inspection -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok(inspection, "Inspection recorded: " + inspection.result())));
    }

    @GET
    @Operation(operationId = "listInspections", summary = "List a production order's inspections")
    public Uni<ApiResponse<List<Inspection>>> list(@PathParam("orderId") long orderId) {
        return tenant.withDatabase(pool -> inspections.list(pool, orderId))
                .map(list -> ApiResponse.ok(list, list.size() + " inspection(s)"));
    }

    /** Decides on a failed inspection, which releases the hold it put on the order. Managers and above. */
    @POST
    @Path("/{inspectionId}/decision")
    @Extension(name = ErrorAnswers.CODES, value = "NOTHING_TO_DECIDE")
    @Operation(operationId = "decideInspection", summary = "Record the decision on an inspection")
    public Uni<ApiResponse<Inspection>> decide(@PathParam("orderId") long orderId, @PathParam("inspectionId") long inspectionId,
                                               @NotNull(message = "a JSON body is required") @Valid DecisionRequest request) {
        tenant.requireRole(Role.MANAGER, "decide on a failed inspection");
        return tenant.withDatabase(pool -> inspections.decide(pool, orderId, inspectionId, request))
                .map(inspection -> ApiResponse.ok(inspection, "Decision recorded: " + request.decision()));
    }
}
