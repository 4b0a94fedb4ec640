package io.ipsc.invoicing.purchase;

import io.ipsc.invoicing.Quotas;
import io.ipsc.invoicing.cashflow.Ageing;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.gst.GstSlabs;
import io.ipsc.invoicing.invoice.InvoiceService;
import io.ipsc.invoicing.invoice.InvoiceTotals;
import io.ipsc.invoicing.invoice.PaymentRequest;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Purchases: a vendor's bill with input GST (CGST and SGST when the vendor is in the tenant's
 * state, IGST otherwise), stock in for its product lines (with inventory management), and payments
 * made against it. Recorded in one transaction.
 */
@Tag(name = "Purchases")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/purchases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class PurchaseResource {

    /** Per-tenant counter of vendor bills entered, counted once the transaction has committed. */
    public static final String PURCHASES_RECORDED = "ipsc_purchases_recorded";

    private final TenantContext tenant;
    private final GstSlabs slabs;
    private final TenantMetrics metrics;

    public PurchaseResource(TenantContext tenant, GstSlabs slabs, TenantMetrics metrics) {
        this.tenant = tenant;
        this.slabs = slabs;
        this.metrics = metrics;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_VENDOR,UNKNOWN_PRODUCT,DUPLICATE_BILL,QUOTA_EXCEEDED")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "recordPurchase", summary = "Record a purchase")
    public Uni<RestResponse<ApiResponse<PurchaseView>>> record(PurchaseRequest r) {
        tenant.requireRole(Role.STAFF, "record purchases");
        validate(r);
        boolean inventory = tenant.tenant().snapshot().featureOn(Features.INVENTORY_MANAGEMENT);
        String ourState = InvoiceTotals.supplierStateCode(tenant.tenant().snapshot());
        LocalDate billDate = r.billDate() != null ? r.billDate() : LocalDate.now(ZoneId.of("Asia/Kolkata"));
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> Quotas.checkMonthlyTransactions(conn, tenant.tenant().snapshot())
                        .flatMap(q -> conn.preparedQuery("SELECT state_code FROM parties WHERE id = $1 AND kind = 'vendor'").execute(Tuple.of(r.vendorId())))
                        .flatMap(vendor -> {
                            if (!vendor.iterator().hasNext()) {
                                throw ApiException.unprocessable("UNKNOWN_VENDOR", "Vendor " + r.vendorId() + " does not exist");
                            }
                            String vendorState = vendor.iterator().next().getString(0);
                            GstCalculator.InvoiceTax tax = GstCalculator.compute(r.lines().stream()
                                    .map(l -> new GstCalculator.LineInput(l.quantity(), l.unitPrice(), BigDecimal.ZERO, l.gstRate())).toList(),
                                    vendorState, ourState);
                            return conn.preparedQuery("INSERT INTO purchases (vendor_id, bill_number, bill_date, due_date, status, inter_state, "
                                            + "taxable_amount, cgst, sgst, igst, round_off, total) VALUES ($1, $2, $3, $4, 'received', $5, $6, $7, $8, $9, $10, $11) RETURNING id")
                                    .execute(Tuple.from(Arrays.asList(r.vendorId(), r.billNumber().trim(), billDate, r.dueDate(), tax.interState(),
                                            tax.taxable(), tax.cgst(), tax.sgst(), tax.igst(), tax.roundOff(), tax.total())))
                                    .flatMap(rows -> lines(conn, rows.iterator().next().getLong(0), r.lines(), tax, inventory));
                        })
                        .flatMap(id -> load(conn, id))))
                .onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()))
                .transform(e -> ApiException.conflict("DUPLICATE_BILL", "Bill '" + r.billNumber() + "' of vendor " + r.vendorId() + " is already recorded"))
                .onFailure(e -> e instanceof PgException pg && "23503".equals(pg.getSqlState()))
                .transform(e -> ApiException.unprocessable("UNKNOWN_PRODUCT", "A line names a product that does not exist"))
                .invoke(p -> metrics.increment(PURCHASES_RECORDED, slug))
                .map(p -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(p, "Purchase " + p.id() + " recorded")));
    }

    @GET
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_FILTER")
    @Operation(operationId = "listPurchases", summary = "List purchases",
            description = "ageing=0-30|31-60|61-90|90+ keeps the purchases still owed (received or partially paid) of one ageing "
                    + "bucket of GET /api/cashflow's payables (days past the due date, or the bill date without one).")
    public Uni<ApiResponse<Page<PurchaseView>>> list(@QueryParam("ageing") String ageing, @QueryParam("page") Integer page,
                                                     @QueryParam("size") Integer size) {
        Ageing bucket = Ageing.parse(ageing);
        PageRequest request = PageRequest.of(page, size);
        String where = " WHERE (NOT $4::boolean OR status IN ('received', 'partially_paid')) AND " + Ageing.condition("bill_date", 1);
        List<Object> params = new ArrayList<>(Ageing.parameters(bucket));
        params.add(bucket != null);
        List<Object> paged = new ArrayList<>(params);
        paged.addAll(List.of(request.size(), request.offset()));
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT " + PurchaseView.COLUMNS + " FROM purchases" + where + " ORDER BY id DESC LIMIT $5 OFFSET $6")
                        .execute(Tuple.from(paged))
                        .flatMap(rows -> pool.preparedQuery("SELECT count(*) FROM purchases" + where).execute(Tuple.from(params)).map(count -> {
                            List<PurchaseView> items = new ArrayList<>();
                            rows.forEach(row -> items.add(PurchaseView.of(row)));
                            return Page.of(items, request, count.iterator().next().getLong(0));
                        })))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " purchase(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPurchase", summary = "Get a purchase")
    public Uni<ApiResponse<PurchaseView>> get(@PathParam("id") long id) {
        return tenant.withDatabase(pool -> load(pool, id)).map(p -> ApiResponse.ok(p, "Purchase " + id));
    }

    @POST
    @Path("/{id}/payments")
    @Extension(name = ErrorAnswers.CODES, value = "OVERPAYMENT")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "recordPurchasePayment", summary = "Record a payment against a purchase")
    public Uni<RestResponse<ApiResponse<PurchaseView>>> pay(@PathParam("id") long id, PaymentRequest r) {
        tenant.requireRole(Role.STAFF, "record payments");
        if (r == null || r.amount() == null || r.amount().signum() <= 0 || r.mode() == null || !PaymentRequest.MODES.contains(r.mode())) {
            throw ApiException.validation(List.of(new ErrorDetail("amount", "amount must be more than zero"),
                    new ErrorDetail("mode", "mode must be one of " + String.join(", ", PaymentRequest.MODES))));
        }
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> conn.preparedQuery(
                                "SELECT total, amount_paid FROM purchases WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                        .flatMap(rows -> {
                            if (!rows.iterator().hasNext()) {
                                throw ApiException.notFound("Purchase " + id);
                            }
                            Row p = rows.iterator().next();
                            BigDecimal outstanding = p.getBigDecimal("total").subtract(p.getBigDecimal("amount_paid"));
                            if (r.amount().compareTo(outstanding) > 0) {
                                throw ApiException.unprocessable("OVERPAYMENT", "Purchase " + id + " has " + outstanding.toPlainString() + " outstanding");
                            }
                            BigDecimal paid = p.getBigDecimal("amount_paid").add(r.amount());
                            String status = paid.compareTo(p.getBigDecimal("total")) == 0 ? "paid" : "partially_paid";
                            return conn.preparedQuery("INSERT INTO purchase_payments (purchase_id, amount, mode, reference, paid_on) VALUES ($1, $2, $3, $4, $5)")
                                    .execute(Tuple.from(Arrays.asList(id, r.amount(), r.mode(), r.reference(),
                                            r.paidOn() != null ? r.paidOn() : LocalDate.now(ZoneId.of("Asia/Kolkata")))))
                                    .flatMap(x -> conn.preparedQuery("UPDATE purchases SET amount_paid = $2, status = $3 WHERE id = $1").execute(Tuple.of(id, paid, status)));
                        })
                        .flatMap(x -> load(conn, id))))
                .invoke(p -> metrics.increment(InvoiceService.PAYMENTS_RECORDED, slug, "direction", "made"))
                .map(p -> RestResponse.status(RestResponse.Status.CREATED, ApiResponse.ok(p, "Payment recorded; purchase " + id + " is " + p.status())));
    }

    private void validate(PurchaseRequest r) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the purchase as JSON");
        }
        if (r.vendorId() == null) {
            errors.add(new ErrorDetail("vendor_id", "vendor_id is required"));
        }
        if (r.billNumber() == null || r.billNumber().isBlank() || r.billNumber().length() > 40) {
            errors.add(new ErrorDetail("bill_number", "bill_number (the vendor's number, up to 40 characters) is required"));
        }
        if (r.lines() == null || r.lines().isEmpty()) {
            errors.add(new ErrorDetail("lines", "a purchase needs at least one line"));
        } else {
            for (int i = 0; i < r.lines().size(); i++) {
                PurchaseRequest.Line l = r.lines().get(i);
                String at = "lines[" + i + "].";
                if (l == null) {
                    errors.add(new ErrorDetail("lines[" + i + "]", "a line must be an object"));
                    continue;
                }
                if (l.quantity() == null || l.quantity().signum() <= 0) {
                    errors.add(new ErrorDetail(at + "quantity", "quantity must be more than zero"));
                }
                if (l.unitPrice() == null || l.unitPrice().signum() < 0 || l.unitPrice().scale() > 2) {
                    errors.add(new ErrorDetail(at + "unit_price", "unit_price is required: zero or more, at most two decimals"));
                }
                if (!slabs.allowed(l.gstRate())) {
                    errors.add(new ErrorDetail(at + "gst_rate", "gst_rate must be one of " + slabs.describe()));
                }
                if (l.productId() == null && (l.description() == null || l.description().isBlank())) {
                    errors.add(new ErrorDetail(at + "description", "a line without product_id needs a description"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private static Uni<Long> lines(SqlClient conn, long purchaseId, List<PurchaseRequest.Line> lines, GstCalculator.InvoiceTax tax, boolean inventory) {
        List<Tuple> rows = new ArrayList<>();
        List<Tuple> stock = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            PurchaseRequest.Line l = lines.get(i);
            GstCalculator.LineTax t = tax.lines().get(i);
            rows.add(Tuple.from(Arrays.asList(purchaseId, i + 1, l.productId(), l.description() == null ? "Product " + l.productId() : l.description(),
                    l.hsnSac(), l.quantity(), l.unitPrice(), l.gstRate(), t.taxable(), t.cgst().add(t.sgst()).add(t.igst()))));
            if (inventory && l.productId() != null) {
                stock.add(Tuple.of(l.productId(), l.quantity(), "purchase:" + purchaseId));
            }
        }
        Uni<?> inserted = conn.preparedQuery("INSERT INTO purchase_lines (purchase_id, position, product_id, description, hsn_sac, quantity, unit_price, "
                + "gst_rate, taxable_amount, tax_amount) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)").executeBatch(rows);
        if (stock.isEmpty()) {
            return inserted.replaceWith(purchaseId);
        }
        return inserted.flatMap(x -> conn.preparedQuery("INSERT INTO stock_movements (product_id, quantity, reason, reference) VALUES ($1, $2, 'purchase', $3)")
                        .executeBatch(stock))
                .flatMap(x -> conn.preparedQuery("UPDATE products SET stock_quantity = stock_quantity + $2, updated_at = now() WHERE id = $1")
                        .executeBatch(stock.stream().map(t -> Tuple.of(t.getLong(0), t.getBigDecimal(1))).toList()))
                .replaceWith(purchaseId);
    }

    /** The bill with its lines (in their order) and the payments made against it (oldest first). */
    private static Uni<PurchaseView> load(SqlClient conn, long id) {
        return conn.preparedQuery("SELECT " + PurchaseView.COLUMNS + " FROM purchases WHERE id = $1").execute(Tuple.of(id)).flatMap(rows -> {
            if (!rows.iterator().hasNext()) {
                throw ApiException.notFound("Purchase " + id);
            }
            Row bill = rows.iterator().next();
            return conn.preparedQuery("SELECT " + PurchaseView.LINE_COLUMNS + " FROM purchase_lines WHERE purchase_id = $1 ORDER BY position")
                    .execute(Tuple.of(id))
                    .flatMap(lines -> conn.preparedQuery("SELECT " + PurchaseView.PAYMENT_COLUMNS
                                    + " FROM purchase_payments WHERE purchase_id = $1 ORDER BY paid_on, id").execute(Tuple.of(id))
                            .map(payments -> PurchaseView.of(bill, PurchaseView.all(lines, PurchaseView.Line::of),
                                    PurchaseView.all(payments, PurchaseView.Payment::of))));
        });
    }
}
