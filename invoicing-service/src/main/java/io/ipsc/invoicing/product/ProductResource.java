package io.ipsc.invoicing.product;

import io.ipsc.invoicing.gst.GstSlabs;
import io.ipsc.invoicing.gst.Uqc;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
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
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The tenant's catalogue: create, read, update, archive, search and page through products. */
@Tag(name = "Products")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class ProductResource {

    private static final Pattern HSN_SAC = Pattern.compile("^(\\d{4}|\\d{6}|\\d{8})$");

    private final TenantContext tenant;
    private final GstSlabs slabs;

    public ProductResource(TenantContext tenant, GstSlabs slabs) {
        this.tenant = tenant;
        this.slabs = slabs;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE_SKU,QUOTA_EXCEEDED")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "createProduct", summary = "Create a product")
    public Uni<RestResponse<ApiResponse<ProductView>>> create(ProductRequest r) {
        tenant.requireRole(Role.STAFF, "add products");
        List<ErrorDetail> errors = validate(r, true);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Integer limit = tenant.tenant().snapshot().subscription() == null ? null : tenant.tenant().snapshot().subscription().maxProducts();
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> conn.query("LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE").execute()
                        .flatMap(locked -> conn.query("SELECT count(*) FROM products WHERE NOT archived").execute())
                        .flatMap(count -> {
                            long existing = count.iterator().next().getLong(0);
                            if (limit != null && existing >= limit) {
                                throw new ApiException(429, "QUOTA_EXCEEDED", "The plan allows " + limit + " products and "
                                        + existing + " exist; archive some or upgrade the subscription");
                            }
                            return conn.preparedQuery("INSERT INTO products (sku, name, description, hsn_sac, unit, price, gst_rate, cost, "
                                            + "stock_quantity, reorder_level) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING " + ProductView.COLUMNS)
                                    .execute(Tuple.from(java.util.Arrays.asList(r.sku().trim(), r.name().trim(), r.description(),
                                            trim(r.hsnSac()), r.unit() == null ? "nos" : r.unit().trim(), r.price(), r.gstRate(), r.cost(),
                                            r.stockQuantity() == null ? BigDecimal.ZERO : r.stockQuantity(), r.reorderLevel())));
                        })))
                .onFailure(ProductResource::isUniqueViolation).transform(e -> duplicateSku(r.sku()))
                .map(rows -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok(ProductView.of(rows.iterator().next()), "Product '" + r.sku().trim() + "' created")));
    }

    @GET
    @Operation(operationId = "listProducts", summary = "List products")
    public Uni<ApiResponse<Page<ProductView>>> list(@QueryParam("search") String search, @QueryParam("include_archived") boolean includeArchived,
                                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        String pattern = search == null || search.isBlank() ? null : "%" + search.trim().toLowerCase().replace("%", "\\%") + "%";
        String where = " WHERE ($1::boolean OR NOT archived) AND ($2::text IS NULL OR lower(name) LIKE $2 OR lower(sku) LIKE $2)";
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT " + ProductView.COLUMNS + " FROM products" + where
                                + " ORDER BY id LIMIT $3 OFFSET $4")
                        .execute(Tuple.of(includeArchived, pattern, request.size(), request.offset()))
                        .flatMap(rows -> pool.preparedQuery("SELECT count(*) FROM products" + where).execute(Tuple.of(includeArchived, pattern))
                                .map(count -> {
                                    List<ProductView> items = new ArrayList<>();
                                    rows.forEach(row -> items.add(ProductView.of(row)));
                                    return Page.of(items, request, count.iterator().next().getLong(0));
                                })))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " product(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getProduct", summary = "Get a product")
    public Uni<ApiResponse<ProductView>> get(@PathParam("id") long id) {
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT " + ProductView.COLUMNS + " FROM products WHERE id = $1").execute(Tuple.of(id)))
                .map(rows -> ApiResponse.ok(ProductView.of(single(rows, id)), "Product " + id));
    }

    @PUT
    @Path("/{id}")
    @Extension(name = ErrorAnswers.CODES, value = "DUPLICATE_SKU")
    @Operation(operationId = "updateProduct", summary = "Update a product")
    public Uni<ApiResponse<ProductView>> update(@PathParam("id") long id, ProductRequest r) {
        tenant.requireRole(Role.STAFF, "change products");
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the fields to change as JSON");
        }
        List<ErrorDetail> errors = validate(r, false);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return tenant.withDatabase(pool -> pool.preparedQuery("UPDATE products SET sku = coalesce($2, sku), name = coalesce($3, name), "
                                + "description = coalesce($4, description), hsn_sac = coalesce($5, hsn_sac), unit = coalesce($6, unit), "
                                + "price = coalesce($7, price), gst_rate = coalesce($8, gst_rate), cost = coalesce($9, cost), "
                                + "reorder_level = coalesce($10, reorder_level), updated_at = now() WHERE id = $1 RETURNING " + ProductView.COLUMNS)
                        .execute(Tuple.from(java.util.Arrays.asList(id, trim(r.sku()), trim(r.name()), r.description(), trim(r.hsnSac()),
                                trim(r.unit()), r.price(), r.gstRate(), r.cost(), r.reorderLevel()))))
                .onFailure(ProductResource::isUniqueViolation).transform(e -> duplicateSku(r.sku()))
                .map(rows -> ApiResponse.ok(ProductView.of(single(rows, id)), "Product " + id + " updated"));
    }

    /** Archived, not deleted: invoices that name the product keep their meaning. */
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "archiveProduct", summary = "Archive a product")
    public Uni<ApiResponse<ProductView>> archive(@PathParam("id") long id) {
        tenant.requireRole(Role.MANAGER, "archive products");
        return tenant.withDatabase(pool -> pool.preparedQuery("UPDATE products SET archived = TRUE, updated_at = now() WHERE id = $1 RETURNING "
                        + ProductView.COLUMNS).execute(Tuple.of(id)))
                .map(rows -> ApiResponse.ok(ProductView.of(single(rows, id)), "Product " + id + " archived"));
    }

    private List<ErrorDetail> validate(ProductRequest r, boolean creating) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (r == null) {
            errors.add(new ErrorDetail(null, "Send the product as JSON"));
            return errors;
        }
        if (creating && blank(r.sku())) {
            errors.add(new ErrorDetail("sku", "sku is required"));
        } else if (r.sku() != null && (r.sku().isBlank() || r.sku().trim().length() > 64)) {
            errors.add(new ErrorDetail("sku", "sku must be 1 to 64 characters"));
        }
        if (creating && blank(r.name())) {
            errors.add(new ErrorDetail("name", "name is required"));
        } else if (r.name() != null && (r.name().isBlank() || r.name().trim().length() > 200)) {
            errors.add(new ErrorDetail("name", "name must be 1 to 200 characters"));
        }
        if (r.hsnSac() != null && !HSN_SAC.matcher(r.hsnSac().trim()).matches()) {
            errors.add(new ErrorDetail("hsn_sac", "hsn_sac must be 4, 6 or 8 digits (codes starting 99 are services)"));
        }
        if (r.unit() != null && Uqc.of(r.unit()).isEmpty()) {
            // GSTR-1's HSN summary reports each unit as a GSTN unit quantity code: a unit that maps to none is refused here,
            // where the tenant can still choose, rather than reported as OTH ("others") at filing time.
            errors.add(new ErrorDetail("unit", "unit '" + r.unit().trim() + "' is not a GST unit quantity code; use one of " + Uqc.allowed()));
        }
        if (creating && r.price() == null) {
            errors.add(new ErrorDetail("price", "price is required"));
        } else if (r.price() != null && (r.price().signum() < 0 || r.price().scale() > 2)) {
            errors.add(new ErrorDetail("price", "price must be zero or more, in rupees with at most two decimals"));
        }
        if (creating && r.gstRate() == null) {
            errors.add(new ErrorDetail("gst_rate", "gst_rate is required (one of " + slabs.describe() + ")"));
        } else if (r.gstRate() != null && !slabs.allowed(r.gstRate())) {
            errors.add(new ErrorDetail("gst_rate", "gst_rate must be one of " + slabs.describe()));
        }
        if (r.cost() != null && r.cost().signum() < 0) {
            errors.add(new ErrorDetail("cost", "cost must be zero or more"));
        }
        if (r.reorderLevel() != null && r.reorderLevel().signum() < 0) {
            errors.add(new ErrorDetail("reorder_level", "reorder_level must be zero or more"));
        }
        if (!creating && r.stockQuantity() != null) {
            errors.add(new ErrorDetail("stock_quantity", "stock changes through movements (invoices, purchases, adjustments), not by editing"));
        }
        return errors;
    }

    static Row single(io.vertx.mutiny.sqlclient.RowSet<Row> rows, long id) {
        if (!rows.iterator().hasNext()) {
            throw ApiException.notFound("Product " + id);
        }
        return rows.iterator().next();
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static ApiException duplicateSku(String sku) {
        return ApiException.conflict("DUPLICATE_SKU", "A product with sku '" + (sku == null ? "" : sku.trim()) + "' already exists");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
