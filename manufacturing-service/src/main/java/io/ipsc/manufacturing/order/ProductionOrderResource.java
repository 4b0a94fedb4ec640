package io.ipsc.manufacturing.order;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.util.Arrays;
import java.util.function.Function;

/** {@code /api/production-orders}: orders to make a BOM's product, and their transitions. */
@Tag(name = "Production orders")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/production-orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class ProductionOrderResource {

    /** Per-tenant counter of production orders completed, counted once the completion has committed. */
    public static final String ORDERS_COMPLETED = "ipsc_production_orders_completed";

    private final TenantContext tenant;
    private final ProductionOrderService service;
    private final ProductionOrderRepository orders;
    private final TenantMetrics metrics;

    public ProductionOrderResource(TenantContext tenant, ProductionOrderService service, ProductionOrderRepository orders,
                                   TenantMetrics metrics) {
        this.tenant = tenant;
        this.service = service;
        this.orders = orders;
        this.metrics = metrics;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE,UNKNOWN_BOM")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createProductionOrder", summary = "Create a production order")
    public Uni<RestResponse<ApiResponse<ProductionOrder>>> create(@NotNull(message = "a JSON body is required") @Valid ProductionOrderRequest request) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        return tenant.withDatabase(pool -> service.create(pool, request))
                .map(order -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok(order, "Production order " + order.orderNumber() + " created")));
    }

    @GET
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_STATUS")
    @Operation(operationId = "listProductionOrders", summary = "List production orders")
    public Uni<ApiResponse<Page<ProductionOrder>>> list(@QueryParam("status") String status, @QueryParam("page") Integer page,
                                                        @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        String filter = status == null || status.isBlank() ? null : status.trim();
        if (filter != null && Arrays.stream(OrderStatus.values()).noneMatch(s -> s.wireName().equals(filter))) {
            throw ApiException.badRequest("INVALID_STATUS", "status", "status must be one of planned, released, in_progress, completed, cancelled");
        }
        return tenant.withDatabase(pool -> orders.list(pool, filter, request))
                .map(found -> ApiResponse.ok(found, found.totalItems() + " production order(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getProductionOrder", summary = "Get a production order")
    public Uni<ApiResponse<ProductionOrder>> get(@PathParam("id") long id) {
        return tenant.withDatabase(pool -> service.get(pool, id)).map(order -> ApiResponse.ok(order, "Production order " + order.orderNumber()));
    }

    @POST
    @Path("/{id}/release")
    @Extension(name = ErrorAnswers.CODES, value = "ILLEGAL_TRANSITION")
    @Operation(operationId = "releaseProductionOrder", summary = "Release a production order")
    public Uni<ApiResponse<ProductionOrder>> release(@PathParam("id") long id) {
        return step(pool -> service.release(pool, id), "released");
    }

    @POST
    @Path("/{id}/start")
    @Extension(name = ErrorAnswers.CODES, value = "ILLEGAL_TRANSITION")
    @Operation(operationId = "startProductionOrder", summary = "Start a production order")
    public Uni<ApiResponse<ProductionOrder>> start(@PathParam("id") long id) {
        return step(pool -> service.start(pool, id), "started");
    }

    @POST
    @Path("/{id}/complete")
    @Extension(name = ErrorAnswers.CODES, value = "ILLEGAL_TRANSITION,QUALITY_HOLD")
    @Operation(operationId = "completeProductionOrder", summary = "Complete a production order")
    public Uni<ApiResponse<ProductionOrder>> complete(@PathParam("id") long id, @Valid CompletionRequest request) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> service.complete(pool, id, slug, request))
                .invoke(order -> metrics.increment(ORDERS_COMPLETED, slug))
                .map(order -> ApiResponse.ok(order, "Production order completed; stock movements are on their way"));
    }

    @POST
    @Path("/{id}/cancel")
    @Extension(name = ErrorAnswers.CODES, value = "ILLEGAL_TRANSITION")
    @Operation(operationId = "cancelProductionOrder", summary = "Cancel a production order")
    public Uni<ApiResponse<ProductionOrder>> cancel(@PathParam("id") long id) {
        return step(pool -> service.cancel(pool, id), "cancelled");
    }

    /** Release, start and cancel: a staff member moves the order one step on ({@link OrderStatus}), answered with the order after it. */
    private Uni<ApiResponse<ProductionOrder>> step(Function<Pool, Uni<ProductionOrder>> move, String outcome) {
        tenant.requireRole(Role.STAFF, "change manufacturing data");
        return tenant.withDatabase(move).map(order -> ApiResponse.ok(order, "Production order " + outcome));
    }
}
