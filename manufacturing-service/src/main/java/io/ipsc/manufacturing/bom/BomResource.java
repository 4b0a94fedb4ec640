package io.ipsc.manufacturing.bom;

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
import io.vertx.mutiny.sqlclient.Pool;
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
import java.util.function.Function;

/** {@code /api/boms}: bills of materials, their components and operations, explosion and cost. */
@Tag(name = "Bills of materials")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/boms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class BomResource {

    private static final BigDecimal MAX_QUANTITY = new BigDecimal("9999999999");

    private final TenantContext tenant;
    private final BomService service;
    private final BomRepository boms;

    public BomResource(TenantContext tenant, BomService service, BomRepository boms) {
        this.tenant = tenant;
        this.service = service;
        this.boms = boms;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE,UNKNOWN_WORK_CENTER,INVALID_QUANTITY,BOM_CYCLE")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createBom", summary = "Create a bill of materials")
    public Uni<RestResponse<ApiResponse<Bom>>> create(@NotNull(message = "a JSON body is required") @Valid BomRequest request) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        return tenant.withDatabase(pool -> service.create(pool, request))
                .map(bom -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(bom, "BOM " + bom.bomId() + " created")));
    }

    @GET
    @Operation(operationId = "listBoms", summary = "List bills of materials")
    public Uni<ApiResponse<Page<Bom>>> list(@QueryParam("product_id") Long productId, @QueryParam("page") Integer page,
                                            @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return tenant.withDatabase(pool -> boms.list(pool, productId, request))
                .map(found -> ApiResponse.ok(found, found.totalItems() + " BOM(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getBom", summary = "Get a bill of materials")
    public Uni<ApiResponse<Bom>> get(@PathParam("id") long id) {
        return tenant.withDatabase(pool -> service.get(pool, id)).map(bom -> ApiResponse.ok(bom, "BOM " + bom.bomId()));
    }

    @POST
    @Path("/{id}/components")
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE,INVALID_QUANTITY,BOM_CYCLE")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "addBomComponent", summary = "Add a component to a bill of materials")
    public Uni<RestResponse<ApiResponse<Bom>>> addComponent(@PathParam("id") long id,
                                                            @NotNull(message = "a JSON body is required") @Valid ComponentRequest request) {
        return addPart("Component", pool -> service.addComponent(pool, id, request));
    }

    @PUT
    @Path("/{id}/components/{componentId}")
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE,BOM_CYCLE")
    @Operation(operationId = "updateBomComponent", summary = "Change a component of a bill of materials")
    public Uni<ApiResponse<Bom>> updateComponent(@PathParam("id") long id, @PathParam("componentId") long componentId,
                                                 @NotNull(message = "a JSON body is required") @Valid ComponentRequest request) {
        return changePart("Component", pool -> service.updateComponent(pool, id, componentId, request));
    }

    @DELETE
    @Path("/{id}/components/{componentId}")
    @Operation(operationId = "removeBomComponent", summary = "Remove a component from a bill of materials")
    public Uni<ApiResponse<Void>> removeComponent(@PathParam("id") long id, @PathParam("componentId") long componentId) {
        return removePart("Component", componentId, id, pool -> boms.deleteComponent(pool, id, componentId));
    }

    @POST
    @Path("/{id}/operations")
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE,UNKNOWN_WORK_CENTER")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "addBomOperation", summary = "Add an operation to a bill of materials")
    public Uni<RestResponse<ApiResponse<Bom>>> addOperation(@PathParam("id") long id,
                                                            @NotNull(message = "a JSON body is required") @Valid OperationRequest request) {
        return addPart("Operation", pool -> service.addOperation(pool, id, request));
    }

    @PUT
    @Path("/{id}/operations/{operationId}")
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE,UNKNOWN_WORK_CENTER")
    @Operation(operationId = "updateBomOperation", summary = "Change an operation of a bill of materials")
    public Uni<ApiResponse<Bom>> updateOperation(@PathParam("id") long id, @PathParam("operationId") long operationId,
                                                 @NotNull(message = "a JSON body is required") @Valid OperationRequest request) {
        return changePart("Operation", pool -> service.updateOperation(pool, id, operationId, request));
    }

    @DELETE
    @Path("/{id}/operations/{operationId}")
    @Operation(operationId = "removeBomOperation", summary = "Remove an operation from a bill of materials")
    public Uni<ApiResponse<Void>> removeOperation(@PathParam("id") long id, @PathParam("operationId") long operationId) {
        return removePart("Operation", operationId, id, pool -> boms.deleteOperation(pool, id, operationId));
    }

    // A BOM's parts (its components and its operations) are added, changed and removed the same way.

    /** Adds a part ({@code kind}: "Component", "Operation"); answers 201 with the BOM as it is now. */
    private Uni<RestResponse<ApiResponse<Bom>>> addPart(String kind, Function<Pool, Uni<Bom>> add) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        return tenant.withDatabase(add)
                .map(bom -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(bom, kind + " added to BOM " + bom.bomId())));
    }

    private Uni<ApiResponse<Bom>> changePart(String kind, Function<Pool, Uni<Bom>> change) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        return tenant.withDatabase(change).map(bom -> ApiResponse.ok(bom, kind + " changed in BOM " + bom.bomId()));
    }

    /** Removes a part; 404 ("Component 7 of BOM 3") when the BOM has no such part. */
    private Uni<ApiResponse<Void>> removePart(String kind, long partId, long bomId, Function<Pool, Uni<Boolean>> delete) {
        tenant.requireRole(Role.MANAGER, "delete manufacturing data");
        return tenant.withDatabase(delete).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound(kind + " " + partId + " of BOM " + bomId);
            }
            return ApiResponse.ok(null, kind + " removed");
        });
    }

    /** Raw materials for {@code quantity} units (default 1), through every sub-assembly, scrap included. */
    @GET
    @Path("/{id}/explode")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_QUANTITY")
    @Operation(operationId = "explodeBom", summary = "Explode a bill of materials for a quantity")
    public Uni<ApiResponse<Explosion>> explode(@PathParam("id") long id, @QueryParam("quantity") String quantity) {
        BigDecimal amount = quantity("quantity", quantity);
        return tenant.withDatabase(pool -> service.explode(pool, id, amount))
                .map(explosion -> ApiResponse.ok(explosion, explosion.materials().size() + " raw material(s) for " + amount + " unit(s)"));
    }

    /** Cost of one unit, made in lots of {@code quantity} (default 1), which shares the setup time. */
    @GET
    @Path("/{id}/cost")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_QUANTITY")
    @Operation(operationId = "getBomCost", summary = "Roll up a bill of materials' unit cost")
    public Uni<ApiResponse<CostRollup.UnitCost>> cost(@PathParam("id") long id, @QueryParam("quantity") String quantity) {
        BigDecimal lotSize = quantity("quantity", quantity);
        return tenant.withDatabase(pool -> service.cost(pool, id, lotSize))
                .map(cost -> ApiResponse.ok(cost, "Cost per unit of BOM " + id + " in lots of " + lotSize));
    }

    private static BigDecimal quantity(String field, String value) {
        if (value == null || value.isBlank()) {
            return BigDecimal.ONE;
        }
        try {
            BigDecimal parsed = new BigDecimal(value.trim());
            if (parsed.signum() > 0 && parsed.compareTo(MAX_QUANTITY) <= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Answered below with the same message as an out-of-range number.
        }
        throw ApiException.badRequest("INVALID_QUANTITY", field, field + " must be a number more than 0 and at most " + MAX_QUANTITY);
    }
}
