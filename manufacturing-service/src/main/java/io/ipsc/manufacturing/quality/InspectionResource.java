package io.ipsc.manufacturing.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

    private static final String COLUMNS = "id, order_id, sample_size, passed, failed, defect_codes, readings::text AS readings, result, "
            + "decision, decided_at, notes, created_at";
    private static final TypeReference<List<Inspection.CheckedReading>> READINGS = new TypeReference<>() {
    };

    private final TenantContext tenant;
    private final ObjectMapper json;

    public InspectionResource(TenantContext tenant, ObjectMapper json) {
        this.tenant = tenant;
        this.json = json;
    }

    /** Records an inspection of a released or started order. */
    @POST
    @Extension(name = ErrorAnswers.CODES, value = "INCONSISTENT_RESULT,ILLEGAL_STATE")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "recordInspection", summary = "Record a quality inspection of a production order")
    public Uni<RestResponse<ApiResponse<Inspection>>> record(@PathParam("orderId") long orderId,
                                                             @NotNull(message = "a JSON body is required") @Valid InspectionRequest request) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        if (request.passed() + request.failed() > request.sampleSize()) {
            throw ApiException.validation(List.of(new ErrorDetail("sample_size", "passed and failed add up to more than sample_size")));
        }
        List<InspectionRequest.Reading> readings = request.readings() == null ? List.of() : request.readings();
        String computed = InspectionEvaluation.result(request.failed(), readings);
        if (InspectionEvaluation.PASSED.equals(request.result()) && InspectionEvaluation.FAILED.equals(computed)) {
            throw new ApiException(422, "INCONSISTENT_RESULT", "result is passed, but units failed or readings are outside their limits",
                    List.of(new ErrorDetail("result", "contradicts the counts or readings")), Map.of());
        }
        String result = request.result() == null ? computed : request.result();
        List<Inspection.CheckedReading> checked = readings.stream().map(r -> new Inspection.CheckedReading(r.name(), r.value(), r.min(), r.max(),
                InspectionEvaluation.withinLimits(r.value(), r.min(), r.max()))).toList();
        String[] codes = request.defectCodes() == null ? new String[0] : request.defectCodes().stream().map(String::trim).toArray(String[]::new);
        String readingsJson = write(checked);
        return tenant.withDatabase(pool -> pool.withTransaction(tx -> tx.preparedQuery(
                                "SELECT status FROM production_orders WHERE id = $1 FOR SHARE").execute(Tuple.of(orderId))
                        .chain(rows -> {
                            if (!rows.iterator().hasNext()) {
                                throw ApiException.notFound("Production order " + orderId);
                            }
                            String status = rows.iterator().next().getString("status");
                            if (!"released".equals(status) && !"in_progress".equals(status)) {
                                throw ApiException.conflict("ILLEGAL_STATE", "Production order " + orderId + " is " + status
                                        + "; only released or in_progress orders are inspected");
                            }
                            return tx.preparedQuery("INSERT INTO inspections (order_id, sample_size, passed, failed, defect_codes, readings, result, notes) "
                                            + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8) RETURNING " + COLUMNS)
                                    .execute(Tuple.from(Arrays.asList(orderId, request.sampleSize(), request.passed(), request.failed(), codes,
                                            readingsJson, result, request.notes())));
                        })))
                .map(rows -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok(inspection(rows.iterator().next()), "Inspection recorded: " + result)));
    }

    @GET
    @Operation(operationId = "listInspections", summary = "List a production order's inspections")
    public Uni<ApiResponse<List<Inspection>>> list(@PathParam("orderId") long orderId) {
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT 1 FROM production_orders WHERE id = $1").execute(Tuple.of(orderId))
                .chain(found -> {
                    if (!found.iterator().hasNext()) {
                        throw ApiException.notFound("Production order " + orderId);
                    }
                    return pool.preparedQuery("SELECT " + COLUMNS + " FROM inspections WHERE order_id = $1 ORDER BY id").execute(Tuple.of(orderId));
                }))
                .map(rows -> {
                    List<Inspection> list = new ArrayList<>();
                    rows.forEach(row -> list.add(inspection(row)));
                    return ApiResponse.ok(list, list.size() + " inspection(s)");
                });
    }

    /** Decides on a failed inspection, which releases the hold it put on the order. Managers and above. */
    @POST
    @Path("/{inspectionId}/decision")
    @Extension(name = ErrorAnswers.CODES, value = "NOTHING_TO_DECIDE")
    @Operation(operationId = "decideInspection", summary = "Record the decision on an inspection")
    public Uni<ApiResponse<Inspection>> decide(@PathParam("orderId") long orderId, @PathParam("inspectionId") long inspectionId,
                                               @NotNull(message = "a JSON body is required") @Valid DecisionRequest request) {
        tenant.requireRole(Role.MANAGER, "decide on a failed inspection");
        return tenant.withDatabase(pool -> pool.preparedQuery("UPDATE inspections SET decision = $3, decided_at = now(), "
                                + "notes = COALESCE($4, notes) WHERE order_id = $1 AND id = $2 AND result = 'failed' AND decision IS NULL "
                                + "RETURNING " + COLUMNS)
                        .execute(Tuple.of(orderId, inspectionId, request.decision(), request.notes()))
                        .chain(rows -> rows.iterator().hasNext()
                                ? Uni.createFrom().item(rows.iterator().next())
                                : pool.preparedQuery("SELECT result, decision FROM inspections WHERE order_id = $1 AND id = $2")
                                .execute(Tuple.of(orderId, inspectionId)).map(existing -> {
                                    if (!existing.iterator().hasNext()) {
                                        throw ApiException.notFound("Inspection " + inspectionId + " of production order " + orderId);
                                    }
                                    throw ApiException.conflict("NOTHING_TO_DECIDE", "Inspection " + inspectionId
                                            + " has passed or has been decided already");
                                })))
                .map(row -> ApiResponse.ok(inspection(row), "Decision recorded: " + request.decision()));
    }

    private Inspection inspection(Row row) {
        List<Inspection.CheckedReading> readings;
        try {
            readings = json.readValue(row.getString("readings"), READINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored readings of inspection " + row.getLong("id") + " are not readable", e);
        }
        return new Inspection(row.getLong("id"), row.getLong("order_id"), row.getInteger("sample_size"), row.getInteger("passed"),
                row.getInteger("failed"), Arrays.asList(row.getArrayOfStrings("defect_codes")), readings, row.getString("result"),
                row.getString("decision"), row.getOffsetDateTime("decided_at"), row.getString("notes"), row.getOffsetDateTime("created_at"));
    }

    private String write(List<Inspection.CheckedReading> readings) {
        try {
            return json.writeValueAsString(readings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the readings", e);
        }
    }
}
