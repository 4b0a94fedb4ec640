package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.Quotas;
import io.ipsc.invoicing.cashflow.Ageing;
import io.ipsc.invoicing.gst.FinancialYear;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.gst.GstCategory;
import io.ipsc.invoicing.gst.PlaceOfSupply;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.invoice.InvoiceStatus.Step;
import io.ipsc.invoicing.money.IndianAmounts;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.event.TenantSnapshot;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.RequestScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Invoices' use cases: drafts (editable, unnumbered) are issued into an immutable, numbered document.
 * Numbers run per financial year without gaps, also under concurrent issuing: the year's counter row
 * is locked by the issuing transaction, so a rolled-back issue gives its number back. Who may do what,
 * the transactions and the rules live here; the SQL in {@link InvoiceRepository}, the steps an
 * invoice may take in {@link InvoiceStatus}, the checks of a body in {@link InvoiceValidation}.
 */
@RequestScoped
public class InvoiceService {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    /** Per-tenant business counters, counted once the transaction has committed. */
    public static final String INVOICES_ISSUED = "ipsc_invoices_issued";
    public static final String PAYMENTS_RECORDED = "ipsc_payments_recorded";
    /** What the customer owes in all: the invoice, plus its debit notes, less its credit notes (payments not taken off). */
    public static final String AMOUNT_OWED = "(total + debited - credited)";
    /** A free-text line's unit when none is given, as for products. */
    private static final String DEFAULT_UNIT = "nos";

    private final TenantContext tenant;
    private final InvoiceRepository invoices;
    private final InvoiceValidation validation;
    private final TenantMetrics metrics;

    public InvoiceService(TenantContext tenant, InvoiceRepository invoices, InvoiceValidation validation, TenantMetrics metrics) {
        this.tenant = tenant;
        this.invoices = invoices;
        this.validation = validation;
        this.metrics = metrics;
    }

    public Uni<InvoiceView> createDraft(InvoiceRequest r) {
        tenant.requireRole(Role.STAFF, "create invoices");
        validation.check(r);
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> checkMonthlyQuota(conn)
                .chain(v -> customer(conn, r))
                .chain(customer -> priced(conn, r.lines()).chain(lines -> {
                    InvoiceTotals.Computed amounts = amounts(lines, customer, r);
                    return invoices.insertDraft(conn, r, invoiceDate(r), amounts)
                            .call(id -> invoices.insertLines(conn, id, lines, amounts));
                }))
                .chain(id -> invoices.load(conn, id))));
    }

    /**
     * What creating this body and issuing it would compute, through the same validation, pricing and
     * tax as a draft (so the same 4xx for bad input), with nothing written: no invoice, no number, no
     * stock moved, nothing counted against the plan. Writing nothing, it is open to every member,
     * viewers included.
     */
    public Uni<InvoicePreview> preview(InvoiceRequest r) {
        validation.check(r);
        return tenant.withDatabase(pool -> customer(pool, r)
                .flatMap(customer -> priced(pool, r.lines()).map(lines -> {
                    InvoiceTotals.Computed amounts = amounts(lines, customer, r);
                    GstCalculator.InvoiceTax tax = amounts.tax();
                    List<InvoiceView.LineView> views = new ArrayList<>();
                    for (int i = 0; i < lines.size(); i++) {
                        PricedLine l = lines.get(i);
                        GstCalculator.LineTax t = amounts.line(i);
                        views.add(new InvoiceView.LineView(i + 1, l.productId(), l.description(), l.hsnSac(), l.unit(), l.quantity(), l.unitPrice(),
                                l.discountPercent(), l.gstRate(), t.taxable(), t.cgst(), t.sgst(), t.igst(), t.total(), null));
                    }
                    String place = amounts.placeOfSupply();
                    return new InvoicePreview(r.customerId(), invoiceDate(r), r.dueDate(), place,
                            PlaceOfSupply.name(place), tax.interState(),
                            tax.taxable(), tax.cgst(), tax.sgst(), tax.igst(), tax.roundOff(), tax.total(), IndianAmounts.inWords(tax.total()), views);
                })));
    }

    public Uni<InvoiceView> replaceDraft(long id, InvoiceRequest r) {
        tenant.requireRole(Role.STAFF, "change invoices");
        validation.check(r);
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> lockFor(conn, id, Step.EDIT)
                .chain(v -> customer(conn, r))
                .chain(customer -> priced(conn, r.lines()).chain(lines -> {
                    InvoiceTotals.Computed amounts = amounts(lines, customer, r);
                    return invoices.replaceDraft(conn, id, r, amounts)
                            .call(x -> invoices.insertLines(conn, id, lines, amounts));
                }))
                .chain(x -> invoices.load(conn, id))));
    }

    public Uni<Void> deleteDraft(long id) {
        tenant.requireRole(Role.STAFF, "delete draft invoices");
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> lockFor(conn, id, Step.EDIT)
                .chain(v -> invoices.delete(conn, id))));
    }

    /** Numbers the draft, moves stock (with inventory management), computes the IRN: all or nothing. */
    public Uni<InvoiceView> issue(long id) {
        tenant.requireRole(Role.STAFF, "issue invoices");
        TenantSnapshot snapshot = tenant.tenant().snapshot();
        boolean inventory = snapshot.featureOn(Features.INVENTORY_MANAGEMENT);
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> lockFor(conn, id, Step.ISSUE).chain(draft -> {
            FinancialYear year = FinancialYear.of(draft.getLocalDate("invoice_date"));
            return invoices.lineCount(conn, id)
                    .chain(count -> {
                        if (count == 0) {
                            throw ApiException.unprocessable("EMPTY_INVOICE", "An invoice needs at least one line to be issued");
                        }
                        return inventory ? moveStockOut(conn, id) : Uni.createFrom().voidItem();
                    })
                    .chain(v -> invoices.invoicePrefix(conn))
                    .chain(prefix -> DocumentNumbers.next(conn, DocumentNumbers.Series.INVOICE, prefix, year))
                    .chain(number -> invoices.markIssued(conn, id, number, year, eInvoiced(draft) ? Irn.ofInvoice(snapshot.gstin(), year, number) : null));
        }).chain(x -> invoices.load(conn, id)))).invoke(issued -> metrics.increment(INVOICES_ISSUED, snapshot.slug()));
    }

    /**
     * Cancels an issued, unpaid invoice with a credit note for its full value (numbered
     * {@code CN/<year>/<n>}), putting back the stock its issue took out. All or nothing.
     */
    public Uni<CreditNote> cancel(long id, String reason) {
        tenant.requireRole(Role.MANAGER, "cancel invoices");
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ApiException.badRequest("VALIDATION_ERROR", "reason", "reason is required (up to 500 characters)");
        }
        TenantSnapshot snapshot = tenant.tenant().snapshot();
        LocalDate today = LocalDate.now(INDIA);
        FinancialYear year = FinancialYear.of(today);
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> invoices.lockAmounts(conn, id)
                .chain(inv -> {
                    InvoiceStatus cancelled = InvoiceStatus.of(inv.getString("status")).next(Step.CANCEL, id);
                    if (inv.getBigDecimal("credited").signum() != 0 || inv.getBigDecimal("debited").signum() != 0) {
                        throw ApiException.conflict("INVOICE_NOT_CANCELLABLE", "Invoice " + id + " has credit or debit notes: "
                                + "credit what remains with a credit note instead");
                    }
                    return DocumentNumbers.next(conn, DocumentNumbers.Series.CREDIT_NOTE, NoteKind.CREDIT.prefix(), year)
                            .chain(number -> invoices.insertCancellingNote(conn, id, inv, number, year, today, reason.trim(),
                                    eInvoiced(inv) ? Irn.of(snapshot.gstin(), year, NoteKind.CREDIT.documentType(), number) : null))
                            .call(note -> invoices.returnStock(conn, id, note.getString("number")))
                            .call(note -> invoices.setStatus(conn, id, cancelled))
                            .map(note -> new CreditNote(id, note.getString("number"), note.getBigDecimal("total"), note.getString("irn"), reason.trim()));
                })));
    }

    public Uni<InvoiceView> recordPayment(long id, PaymentRequest r) {
        tenant.requireRole(Role.STAFF, "record payments");
        List<ErrorDetail> errors = new ArrayList<>();
        if (r == null || r.amount() == null || r.amount().signum() <= 0 || r.amount().scale() > 2) {
            errors.add(new ErrorDetail("amount", "amount must be more than zero, in rupees with at most two decimals"));
        }
        if (r == null || r.mode() == null || !PaymentRequest.MODES.contains(r.mode())) {
            errors.add(new ErrorDetail("mode", "mode must be one of " + String.join(", ", PaymentRequest.MODES)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> checkMonthlyQuota(conn)
                .chain(v -> invoices.lockBalance(conn, id))
                .chain(inv -> {
                    InvoiceStatus status = InvoiceStatus.of(inv.getString("status"));
                    // Refused before the amount is weighed: a draft or cancelled invoice takes no payment of any size.
                    status.next(Step.PAY_IN_PART, id);
                    BigDecimal outstanding = inv.getBigDecimal("owed").subtract(inv.getBigDecimal("amount_paid"));
                    if (r.amount().compareTo(outstanding) > 0) {
                        throw ApiException.unprocessable("OVERPAYMENT", "Invoice " + id + " has " + outstanding.toPlainString()
                                + " outstanding; " + r.amount().toPlainString() + " is more");
                    }
                    BigDecimal paid = inv.getBigDecimal("amount_paid").add(r.amount());
                    InvoiceStatus next = status.next(paid.compareTo(inv.getBigDecimal("owed")) == 0 ? Step.PAY_IN_FULL : Step.PAY_IN_PART, id);
                    return invoices.insertPayment(conn, id, r, r.paidOn() != null ? r.paidOn() : LocalDate.now(INDIA), paid, next);
                })
                .chain(x -> invoices.load(conn, id)))).invoke(paid -> metrics.increment(PAYMENTS_RECORDED, slug, "direction", "received"));
    }

    public Uni<InvoiceView> get(long id) {
        return tenant.withDatabase(pool -> invoices.load(pool, id));
    }

    /** The list's filters; {@code outstanding} keeps issued and partially paid invoices, {@code ageing} (may be null) one bucket. */
    public record ListFilter(String status, Long customerId, boolean outstanding, Ageing ageing) {
    }

    public Uni<Page<InvoiceView>> list(ListFilter filter, PageRequest request) {
        return tenant.withDatabase(pool -> invoices.list(pool, filter, request));
    }

    /**
     * The invoices of the customer another module billed under {@code externalRef} (e.g. {@code dental:patient:5}), with their
     * lines, newest first: how that module's screens show what its party was billed and has paid.
     */
    public Uni<Page<InvoiceView>> listForPartyRef(String externalRef, PageRequest request) {
        return tenant.withDatabase(pool -> invoices.listForPartyRef(pool, externalRef, request));
    }

    /** The IRN of any document; kept here for the credit and debit notes, which compute theirs as an invoice does. */
    static String documentHash(String supplierGstin, FinancialYear year, String documentType, String number) {
        return Irn.of(supplierGstin, year, documentType, number);
    }

    /** The supply type of an invoice row; kept here for the credit and debit notes. */
    static SupplyType supplyType(Row r) {
        return InvoiceRepository.supplyType(r);
    }

    // ---- parts

    private static LocalDate invoiceDate(InvoiceRequest r) {
        return r.invoiceDate() != null ? r.invoiceDate() : LocalDate.now(INDIA);
    }

    private String supplierStateCode() {
        return InvoiceTotals.supplierStateCode(tenant.tenant().snapshot());
    }

    /** The draft's amounts, computed before it is written (so each of its rows is written once). */
    private InvoiceTotals.Computed amounts(List<PricedLine> lines, InvoiceCustomer customer, InvoiceRequest r) {
        return InvoiceTotals.of(lines, supplierStateCode(), customer.stateCode(), customer.supplyType(r));
    }

    private Uni<Void> checkMonthlyQuota(SqlClient conn) {
        return Quotas.checkMonthlyTransactions(conn, tenant.tenant().snapshot());
    }

    /** Locks the invoice and refuses it unless its status allows {@code step}. */
    private Uni<Row> lockFor(SqlClient conn, long id, Step step) {
        return invoices.lock(conn, id).invoke(row -> InvoiceStatus.of(row.getString("status")).next(step, id));
    }

    /** Whether an invoice (a row with {@link InvoiceTotals#CUSTOMER_CATEGORY}) takes an IRN: e-invoicing is for business buyers only. */
    private static boolean eInvoiced(Row invoice) {
        return GstCategory.byCode(invoice.getString("gst_category")).orElseThrow().business();
    }

    /** The customer must exist, and take the body's supply terms. */
    private Uni<InvoiceCustomer> customer(SqlClient conn, InvoiceRequest r) {
        long customerId = r.customerId();
        return invoices.customer(conn, customerId).map(found -> {
            InvoiceCustomer customer = found.orElseThrow(
                    () -> ApiException.unprocessable("UNKNOWN_CUSTOMER", "Customer " + customerId + " does not exist"));
            customer.supplyType(r);
            return customer;
        });
    }

    /** Fills a product line's gaps from the product; refuses unknown products. */
    private Uni<List<PricedLine>> priced(SqlClient conn, List<InvoiceRequest.Line> lines) {
        List<Long> ids = lines.stream().map(InvoiceRequest.Line::productId).filter(Objects::nonNull).distinct().toList();
        return invoices.sellableProducts(conn, ids).map(byId -> priced(lines, byId));
    }

    private static List<PricedLine> priced(List<InvoiceRequest.Line> lines, Map<Long, Row> products) {
        List<PricedLine> priced = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceRequest.Line l = lines.get(i);
            Row p = l.productId() == null ? null : products.get(l.productId());
            if (l.productId() != null && p == null) {
                throw ApiException.unprocessable("UNKNOWN_PRODUCT", "lines[" + i + "]: product " + l.productId() + " does not exist or is archived");
            }
            priced.add(new PricedLine(l.productId(),
                    l.description() != null ? l.description().trim() : p.getString("name"),
                    l.hsnSac() != null ? l.hsnSac() : p == null ? null : p.getString("hsn_sac"),
                    l.unit() != null ? l.unit().trim() : p == null ? DEFAULT_UNIT : p.getString("unit"),
                    l.quantity(),
                    l.unitPrice() != null ? l.unitPrice() : p.getBigDecimal("price"),
                    l.discountPercent() == null ? BigDecimal.ZERO : l.discountPercent(),
                    l.gstRate() != null ? l.gstRate() : p.getBigDecimal("gst_rate")));
        }
        return priced;
    }

    /** Takes the invoiced quantities out of stock, refusing to go below zero unless the tenant allows it. */
    private Uni<Void> moveStockOut(SqlClient conn, long invoiceId) {
        return invoices.negativeStockAllowed(conn)
                .chain(allowNegative -> invoices.lockStockNeeds(conn, invoiceId).invoke(needs -> {
                    for (InvoiceRepository.StockNeed need : needs) {
                        if (!allowNegative && need.inStock().compareTo(need.needed()) < 0) {
                            throw ApiException.conflict("INSUFFICIENT_STOCK", "Product '" + need.sku() + "' has "
                                    + need.inStock().stripTrailingZeros().toPlainString() + " in stock; the invoice needs "
                                    + need.needed().stripTrailingZeros().toPlainString());
                        }
                    }
                }))
                .chain(needs -> invoices.moveStockOut(conn, invoiceId, needs));
    }
}
