package io.ipsc.dental.supply;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
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

/** {@code /api/dental-supplies}: supplies, their receipts and consumption, and what runs low. */
@Tag(name = "Dental supplies")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/dental-supplies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class SupplyResource {

    private final TenantContext tenant;
    private final SupplyService supplies;

    public SupplyResource(TenantContext tenant, SupplyService supplies) {
        this.tenant = tenant;
        this.supplies = supplies;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE_SUPPLY")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createSupply", summary = "Create a dental supply")
    public Uni<RestResponse<ApiResponse<Supply>>> create(@Valid @NotNull SupplyRequest request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        return tenant.withDatabase(pool -> supplies.create(pool, request))
                .map(s -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(s, "Supply " + s.id() + " added")));
    }

    @GET
    @Operation(operationId = "listSupplies", summary = "List dental supplies")
    public Uni<ApiResponse<Page<Supply>>> list(@QueryParam("search") String search, @QueryParam("page") Integer page,
                                               @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return tenant.withDatabase(pool -> supplies.list(pool, search, false, request))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " supply item(s)"));
    }

    @GET
    @Path("/low-stock")
    @Operation(operationId = "listLowStockSupplies", summary = "List dental supplies below their reorder level")
    public Uni<ApiResponse<Page<Supply>>> lowStock(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return tenant.withDatabase(pool -> supplies.list(pool, null, true, request))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " supply item(s) at or below their reorder level"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSupply", summary = "Get a dental supply")
    public Uni<ApiResponse<Supply>> get(@PathParam("id") long id) {
        return tenant.withDatabase(pool -> supplies.get(pool, id)).map(s -> ApiResponse.ok(s, "Supply " + id));
    }

    @PUT
    @Path("/{id}")
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE_SUPPLY")
    @Operation(operationId = "updateSupply", summary = "Update a dental supply")
    public Uni<ApiResponse<Supply>> update(@PathParam("id") long id, @Valid @NotNull SupplyUpdate request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        return tenant.withDatabase(pool -> supplies.update(pool, id, request)).map(s -> ApiResponse.ok(s, "Supply " + id + " updated"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "archiveSupply", summary = "Archive a dental supply")
    public Uni<ApiResponse<Supply>> archive(@PathParam("id") long id) {
        tenant.requireRole(Role.MANAGER, "remove or archive clinic records");
        return tenant.withDatabase(pool -> supplies.archive(pool, id)).map(s -> ApiResponse.ok(s, "Supply " + id + " archived"));
    }

    @POST
    @Path("/{id}/receipts")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "receiveSupply", summary = "Record a receipt of a dental supply")
    public Uni<RestResponse<ApiResponse<SupplyMovement>>> receive(@PathParam("id") long id, @Valid @NotNull MovementRequest request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        return tenant.withDatabase(pool -> supplies.receive(pool, id, request))
                .map(m -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(m, "Received; stock is now " + m.stockAfter().toPlainString())));
    }

    @POST
    @Path("/{id}/consumptions")
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_TREATMENT,INSUFFICIENT_STOCK:422")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "consumeSupply", summary = "Record a consumption of a dental supply")
    public Uni<RestResponse<ApiResponse<SupplyMovement>>> consume(@PathParam("id") long id, @Valid @NotNull MovementRequest request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        return tenant.withDatabase(pool -> supplies.consume(pool, id, request))
                .map(m -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(m, "Used; stock is now " + m.stockAfter().toPlainString())));
    }

    @GET
    @Path("/{id}/movements")
    @Operation(operationId = "listSupplyMovements", summary = "List a dental supply's stock movements")
    public Uni<ApiResponse<Page<SupplyMovement>>> movements(@PathParam("id") long id, @QueryParam("page") Integer page,
                                                            @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        return tenant.withDatabase(pool -> supplies.movements(pool, id, request))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " movement(s)"));
    }
}
