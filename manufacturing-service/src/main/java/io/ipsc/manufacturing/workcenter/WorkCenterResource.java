package io.ipsc.manufacturing.workcenter;

import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /api/work-centers}: where operations run, with their capacity, efficiency, cost and load. */
@Tag(name = "Work centers")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/work-centers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class WorkCenterResource {

    /** The load report covers at most this many days, so one request cannot ask for years of rows. */
    static final int MAX_LOAD_DAYS = 366;
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final String DUPLICATE = "A work center with this name exists already";

    private final TenantContext tenant;
    private final WorkCenterRepository workCenters;

    public WorkCenterResource(TenantContext tenant, WorkCenterRepository workCenters) {
        this.tenant = tenant;
        this.workCenters = workCenters;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createWorkCenter", summary = "Create a work center")
    public Uni<RestResponse<ApiResponse<WorkCenter>>> create(@NotNull(message = "a JSON body is required") @Valid WorkCenterRequest request) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        return tenant.withDatabase(pool -> workCenters.insert(pool, request))
                .onFailure().transform(ConstraintErrors.duplicate("DUPLICATE", DUPLICATE))
                .map(created -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(created, "Work center created")));
    }

    @GET
    @Operation(operationId = "listWorkCenters", summary = "List work centers")
    public Uni<ApiResponse<Page<WorkCenter>>> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return tenant.withDatabase(pool -> workCenters.list(pool, request))
                .map(found -> ApiResponse.ok(found, found.totalItems() + " work center(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWorkCenter", summary = "Get a work center")
    public Uni<ApiResponse<WorkCenter>> get(@PathParam("id") long id) {
        return tenant.withDatabase(pool -> workCenters.find(pool, id))
                .map(found -> ApiResponse.ok(found.orElseThrow(() -> ApiException.notFound("Work center " + id)), "Work center " + id));
    }

    @PUT
    @Path("/{id}")
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE")
    @Operation(operationId = "updateWorkCenter", summary = "Update a work center")
    public Uni<ApiResponse<WorkCenter>> update(@PathParam("id") long id, @NotNull(message = "a JSON body is required") @Valid WorkCenterRequest request) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        return tenant.withDatabase(pool -> workCenters.update(pool, id, request))
                .onFailure().transform(ConstraintErrors.duplicate("DUPLICATE", DUPLICATE))
                .map(found -> ApiResponse.ok(found.orElseThrow(() -> ApiException.notFound("Work center " + id)), "Work center updated"));
    }

    @DELETE
    @Path("/{id}")
    @Extension(name = ErrorAnswers.CODES, value = "IN_USE")
    @Operation(operationId = "deleteWorkCenter", summary = "Delete a work center")
    public Uni<ApiResponse<Void>> delete(@PathParam("id") long id) {
        tenant.requireRole(Role.MANAGER, "delete manufacturing data");
        return tenant.withDatabase(pool -> workCenters.delete(pool, id))
                .onFailure().transform(ConstraintErrors.duplicate("DUPLICATE", DUPLICATE)
                        .orReference(() -> ApiException.conflict("IN_USE",
                                "Work center " + id + " is used by BOM operations or production orders; it cannot be deleted")))
                .map(deleted -> {
                    if (!deleted) {
                        throw ApiException.notFound("Work center " + id);
                    }
                    return ApiResponse.ok(null, "Work center " + id + " deleted");
                });
    }

    /** Scheduled hours of released and started orders against capacity, per day ({@code from}/{@code to}, default the next 14 days). */
    @GET
    @Path("/{id}/load")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_DATE,INVALID_RANGE")
    @Operation(operationId = "getWorkCenterLoad", summary = "Get a work center's load over a period")
    public Uni<ApiResponse<WorkCenterLoad>> load(@PathParam("id") long id, @QueryParam("from") String fromParam, @QueryParam("to") String toParam) {
        LocalDate from = date("from", fromParam, LocalDate.now());
        LocalDate to = date("to", toParam, from.plusDays(13));
        if (to.isBefore(from)) {
            throw ApiException.badRequest("INVALID_RANGE", "to", "to must not be before from");
        }
        if (from.plusDays(MAX_LOAD_DAYS).isBefore(to)) {
            throw ApiException.badRequest("INVALID_RANGE", "to", "the range is at most " + MAX_LOAD_DAYS + " days");
        }
        return tenant.withDatabase(pool -> workCenters.find(pool, id).chain(found -> {
            WorkCenter center = found.orElseThrow(() -> ApiException.notFound("Work center " + id));
            return workCenters.scheduledMinutes(pool, id, from, to).map(minutes -> report(center, from, to, minutes));
        })).map(report -> ApiResponse.ok(report, "Load of work center " + id + " from " + from + " to " + to));
    }

    private static WorkCenterLoad report(WorkCenter center, LocalDate from, LocalDate to, Map<LocalDate, BigDecimal> minutes) {
        List<WorkCenterLoad.Day> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            BigDecimal hours = minutes.getOrDefault(day, BigDecimal.ZERO).divide(SIXTY, 2, RoundingMode.HALF_UP);
            BigDecimal utilization = hours.multiply(BigDecimal.valueOf(100)).divide(center.capacity(), MathContext.DECIMAL64)
                    .setScale(1, RoundingMode.HALF_UP);
            days.add(new WorkCenterLoad.Day(day, hours, center.capacity(), utilization, hours.compareTo(center.capacity()) > 0));
        }
        return new WorkCenterLoad(center.id(), center.name(), center.capacity(), from, to, days);
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_DATE", field, field + " must be a date like 2024-01-15");
        }
    }
}
