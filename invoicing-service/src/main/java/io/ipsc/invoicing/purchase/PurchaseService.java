package io.ipsc.invoicing.purchase;

import io.ipsc.invoicing.Quotas;
import io.ipsc.invoicing.cashflow.Ageing;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.gst.GstSlabs;
import io.ipsc.invoicing.invoice.InvoiceService;
import io.ipsc.invoicing.invoice.InvoiceTotals;
import io.ipsc.invoicing.invoice.PaymentRequest;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Purchases' use cases: a vendor's bill with input GST (CGST and SGST when the vendor is in the
 * tenant's state, IGST otherwise), stock in for its product lines (with inventory management), and
 * payments made against it. Each recorded in one transaction.
 */
@RequestScoped
public class PurchaseService {

    /** Per-tenant counter of vendor bills entered, counted once the transaction has committed. */
    public static final String PURCHASES_RECORDED = "ipsc_purchases_recorded";
    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    private final TenantContext tenant;
    private final PurchaseRepository purchases;
    private final GstSlabs slabs;
    private final TenantMetrics metrics;

    public PurchaseService(TenantContext tenant, PurchaseRepository purchases, GstSlabs slabs, TenantMetrics metrics) {
        this.tenant = tenant;
        this.purchases = purchases;
        this.slabs = slabs;
        this.metrics = metrics;
    }

    public Uni<PurchaseView> record(PurchaseRequest r) {
        tenant.requireRole(Role.STAFF, "record purchases");
        validate(r);
        boolean inventory = tenant.tenant().snapshot().featureOn(Features.INVENTORY_MANAGEMENT);
        String ourState = InvoiceTotals.supplierStateCode(tenant.tenant().snapshot());
        LocalDate billDate = r.billDate() != null ? r.billDate() : LocalDate.now(INDIA);
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> Quotas.checkMonthlyTransactions(conn, tenant.tenant().snapshot())
                        .chain(q -> purchases.vendorState(conn, r.vendorId()))
                        .chain(vendor -> {
                            String vendorState = vendor.orElseThrow(
                                    () -> ApiException.unprocessable("UNKNOWN_VENDOR", "Vendor " + r.vendorId() + " does not exist")).orElse(null);
                            GstCalculator.InvoiceTax tax = GstCalculator.compute(r.lines().stream()
                                    .map(l -> new GstCalculator.LineInput(l.quantity(), l.unitPrice(), BigDecimal.ZERO, l.gstRate())).toList(),
                                    vendorState, ourState);
                            return purchases.insert(conn, r, billDate, tax, inventory);
                        })
                        .chain(id -> purchases.load(conn, id))))
                .onFailure().transform(ConstraintErrors.duplicate("DUPLICATE_BILL",
                                "Bill '" + r.billNumber() + "' of vendor " + r.vendorId() + " is already recorded")
                        .orReference(() -> ApiException.unprocessable("UNKNOWN_PRODUCT", "A line names a product that does not exist")))
                .invoke(p -> metrics.increment(PURCHASES_RECORDED, slug));
    }

    public Uni<Page<PurchaseView>> list(Ageing bucket, PageRequest request) {
        return tenant.withDatabase(pool -> purchases.list(pool, bucket, request));
    }

    public Uni<PurchaseView> get(long id) {
        return tenant.withDatabase(pool -> purchases.load(pool, id));
    }

    public Uni<PurchaseView> pay(long id, PaymentRequest r) {
        tenant.requireRole(Role.STAFF, "record payments");
        if (r == null || r.amount() == null || r.amount().signum() <= 0 || r.mode() == null || !PaymentRequest.MODES.contains(r.mode())) {
            throw ApiException.validation(List.of(new ErrorDetail("amount", "amount must be more than zero"),
                    new ErrorDetail("mode", "mode must be one of " + String.join(", ", PaymentRequest.MODES))));
        }
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> purchases.lockBalance(conn, id)
                        .chain(p -> {
                            BigDecimal outstanding = p.getBigDecimal("total").subtract(p.getBigDecimal("amount_paid"));
                            if (r.amount().compareTo(outstanding) > 0) {
                                throw ApiException.unprocessable("OVERPAYMENT", "Purchase " + id + " has " + outstanding.toPlainString() + " outstanding");
                            }
                            BigDecimal paid = p.getBigDecimal("amount_paid").add(r.amount());
                            String status = paid.compareTo(p.getBigDecimal("total")) == 0 ? "paid" : "partially_paid";
                            return purchases.insertPayment(conn, id, r, r.paidOn() != null ? r.paidOn() : LocalDate.now(INDIA), paid, status);
                        })
                        .chain(x -> purchases.load(conn, id))))
                .invoke(p -> metrics.increment(InvoiceService.PAYMENTS_RECORDED, slug, "direction", "made"));
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
}
