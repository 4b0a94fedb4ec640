package io.ipsc.invoicing.product;

import io.ipsc.invoicing.gst.GstSlabs;
import io.ipsc.invoicing.gst.Uqc;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The catalogue's rules: who may change it, what a product must be, the plan's limit on products, one product per sku. */
@RequestScoped
public class ProductService {

    private static final Pattern HSN_SAC = Pattern.compile("^(\\d{4}|\\d{6}|\\d{8})$");

    private final TenantContext tenant;
    private final ProductRepository products;
    private final GstSlabs slabs;

    public ProductService(TenantContext tenant, ProductRepository products, GstSlabs slabs) {
        this.tenant = tenant;
        this.products = products;
        this.slabs = slabs;
    }

    public Uni<ProductView> create(ProductRequest r) {
        tenant.requireRole(Role.STAFF, "add products");
        List<ErrorDetail> errors = validate(r, true);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Integer limit = tenant.tenant().snapshot().subscription() == null ? null : tenant.tenant().snapshot().subscription().maxProducts();
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> products.lockAndCountActive(conn)
                        .chain(existing -> {
                            if (limit != null && existing >= limit) {
                                throw new ApiException(429, "QUOTA_EXCEEDED", "The plan allows " + limit + " products and "
                                        + existing + " exist; archive some or upgrade the subscription");
                            }
                            return products.insert(conn, r);
                        })))
                .onFailure().transform(duplicateSku(r.sku()));
    }

    public Uni<Page<ProductView>> list(String search, boolean includeArchived, PageRequest request) {
        return tenant.withDatabase(pool -> products.list(pool, search, includeArchived, request));
    }

    public Uni<ProductView> get(long id) {
        return tenant.withDatabase(pool -> products.find(pool, id)).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<ProductView> update(long id, ProductRequest r) {
        tenant.requireRole(Role.STAFF, "change products");
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the fields to change as JSON");
        }
        List<ErrorDetail> errors = validate(r, false);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return tenant.withDatabase(pool -> products.update(pool, id, r))
                .onFailure().transform(duplicateSku(r.sku()))
                .map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** Archived, not deleted: invoices that name the product keep their meaning. */
    public Uni<ProductView> archive(long id) {
        tenant.requireRole(Role.MANAGER, "archive products");
        return tenant.withDatabase(pool -> products.archive(pool, id)).map(found -> found.orElseThrow(() -> notFound(id)));
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

    private static ApiException notFound(long id) {
        return ApiException.notFound("Product " + id);
    }

    private static ConstraintErrors duplicateSku(String sku) {
        return ConstraintErrors.duplicate("DUPLICATE_SKU", "A product with sku '" + (sku == null ? "" : sku.trim()) + "' already exists");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
