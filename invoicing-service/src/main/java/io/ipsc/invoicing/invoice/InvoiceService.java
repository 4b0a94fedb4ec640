package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.cashflow.Ageing;
import io.ipsc.invoicing.Quotas;
import io.ipsc.invoicing.gst.FinancialYear;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.gst.GstCategory;
import io.ipsc.invoicing.gst.PlaceOfSupply;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.gst.GstSlabs;
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
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.RequestScoped;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Invoices: drafts (editable, unnumbered) are issued into an immutable, numbered document. Numbers
 * run per financial year without gaps, also under concurrent issuing: the year's counter row is
 * locked by the issuing transaction, so a rolled-back issue gives its number back.
 */
@RequestScoped
public class InvoiceService {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    /** Per-tenant business counters, counted once the transaction has committed. */
    public static final String INVOICES_ISSUED = "ipsc_invoices_issued";
    public static final String PAYMENTS_RECORDED = "ipsc_payments_recorded";
    private static final String INVOICE_COLUMNS = "id, number, status, customer_id, invoice_date, due_date, place_of_supply, inter_state, "
            + "taxable_amount, cgst, sgst, igst, round_off, total, amount_paid, credited, debited, irn, notes, issued_at, reverse_charge, "
            + "with_payment_of_tax, export_currency, port_code, shipping_bill_number, shipping_bill_date, " + InvoiceTotals.CUSTOMER_CATEGORY;
    /** What the customer owes in all: the invoice, plus its debit notes, less its credit notes (payments not taken off). */
    public static final String AMOUNT_OWED = "(total + debited - credited)";
    /** A free-text line's unit when none is given, as for products. */
    private static final String DEFAULT_UNIT = "nos";
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("99999999999.999");
    private static final BigDecimal MAX_PRICE = new BigDecimal("999999999999.99");

    private final TenantContext tenant;
    private final GstSlabs slabs;
    private final TenantMetrics metrics;

    public InvoiceService(TenantContext tenant, GstSlabs slabs, TenantMetrics metrics) {
        this.tenant = tenant;
        this.slabs = slabs;
        this.metrics = metrics;
    }

    public Uni<InvoiceView> createDraft(InvoiceRequest r) {
        tenant.requireRole(Role.STAFF, "create invoices");
        validate(r);
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> checkMonthlyQuota(conn)
                .flatMap(v -> customer(conn, r))
                .flatMap(customer -> priced(conn, r.lines()).flatMap(lines -> conn.preparedQuery(
                                "INSERT INTO invoices (customer_id, status, invoice_date, due_date, notes, " + TERMS + ") "
                                        + "VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id")
                        .execute(Tuple.from(terms(Arrays.asList(r.customerId(), invoiceDate(r), r.dueDate(), r.notes()), r)))
                        .flatMap(rows -> writeLines(conn, rows.iterator().next().getLong("id"), lines))))
                .flatMap(id -> load(conn, id))));
    }

    /**
     * What creating this body and issuing it would compute, through the same validation, pricing and
     * tax as a draft (so the same 4xx for bad input), with nothing written: no invoice, no number, no
     * stock moved, nothing counted against the plan. Writing nothing, it is open to every member,
     * viewers included.
     */
    public Uni<InvoicePreview> preview(InvoiceRequest r) {
        validate(r);
        String supplierState = InvoiceTotals.supplierStateCode(tenant.tenant().snapshot());
        return tenant.withDatabase(pool -> customer(pool, r)
                .flatMap(customer -> priced(pool, r.lines()).map(lines -> {
                    String customerState = customer.stateCode();
                    GstCalculator.InvoiceTax tax = InvoiceTotals.tax(lines.stream().map(PricedLine::taxInput).toList(), supplierState, customerState,
                            customer.supplyType(r));
                    List<InvoiceView.LineView> views = new ArrayList<>();
                    for (int i = 0; i < lines.size(); i++) {
                        PricedLine l = lines.get(i);
                        GstCalculator.LineTax t = tax.lines().get(i);
                        views.add(new InvoiceView.LineView(i + 1, l.productId(), l.description(), l.hsnSac(), l.unit(), l.quantity(), l.unitPrice(),
                                l.discountPercent(), l.gstRate(), t.taxable(), t.cgst(), t.sgst(), t.igst(), t.total(), null));
                    }
                    String place = InvoiceTotals.placeOfSupply(customerState, supplierState);
                    return new InvoicePreview(r.customerId(), invoiceDate(r), r.dueDate(), place,
                            PlaceOfSupply.name(place), tax.interState(),
                            tax.taxable(), tax.cgst(), tax.sgst(), tax.igst(), tax.roundOff(), tax.total(), IndianAmounts.inWords(tax.total()), views);
                })));
    }

    private static LocalDate invoiceDate(InvoiceRequest r) {
        return r.invoiceDate() != null ? r.invoiceDate() : LocalDate.now(INDIA);
    }

    public Uni<InvoiceView> replaceDraft(long id, InvoiceRequest r) {
        tenant.requireRole(Role.STAFF, "change invoices");
        validate(r);
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> lockDraft(conn, id)
                .flatMap(v -> customer(conn, r))
                .flatMap(customer -> priced(conn, r.lines()).flatMap(lines -> conn.preparedQuery(
                                "UPDATE invoices SET customer_id = $2, invoice_date = coalesce($3, invoice_date), due_date = $4, notes = $5, "
                                        + "(" + TERMS + ") = ($6, $7, $8, $9, $10, $11), updated_at = now() WHERE id = $1")
                        .execute(Tuple.from(terms(Arrays.asList(id, r.customerId(), r.invoiceDate(), r.dueDate(), r.notes()), r)))
                        .flatMap(x -> conn.preparedQuery("DELETE FROM invoice_lines WHERE invoice_id = $1").execute(Tuple.of(id)))
                        .flatMap(x -> writeLines(conn, id, lines))))
                .flatMap(x -> load(conn, id))));
    }

    public Uni<Void> deleteDraft(long id) {
        tenant.requireRole(Role.STAFF, "delete draft invoices");
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> lockDraft(conn, id)
                .flatMap(v -> conn.preparedQuery("DELETE FROM invoices WHERE id = $1").execute(Tuple.of(id))).replaceWithVoid()));
    }

    /** Numbers the draft, moves stock (with inventory management), computes the IRN: all or nothing. */
    public Uni<InvoiceView> issue(long id) {
        tenant.requireRole(Role.STAFF, "issue invoices");
        TenantSnapshot snapshot = tenant.tenant().snapshot();
        boolean inventory = snapshot.featureOn(Features.INVENTORY_MANAGEMENT);
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> lockDraft(conn, id).flatMap(draft -> {
            FinancialYear year = FinancialYear.of(draft.getLocalDate("invoice_date"));
            return conn.preparedQuery("SELECT count(*) FROM invoice_lines WHERE invoice_id = $1").execute(Tuple.of(id))
                    .flatMap(count -> {
                        if (count.iterator().next().getLong(0) == 0) {
                            throw ApiException.unprocessable("EMPTY_INVOICE", "An invoice needs at least one line to be issued");
                        }
                        return inventory ? moveStockOut(conn, id) : Uni.createFrom().voidItem();
                    })
                    .flatMap(v -> prefix(conn))
                    .flatMap(prefix -> DocumentNumbers.next(conn, DocumentNumbers.Series.INVOICE, prefix, year))
                    .flatMap(number -> conn.preparedQuery("UPDATE invoices SET status = 'issued', number = $2, financial_year = $3, irn = $4, "
                                    + "issued_at = now(), updated_at = now() WHERE id = $1")
                            .execute(Tuple.from(Arrays.asList(id, number, year.code(), eInvoiced(draft) ? irn(snapshot.gstin(), year, number) : null))));
        }).flatMap(x -> load(conn, id)))).invoke(issued -> metrics.increment(INVOICES_ISSUED, snapshot.slug()));
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
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> conn.preparedQuery(
                        "SELECT status, amount_paid, taxable_amount, cgst, sgst, igst, cgst + sgst + igst AS tax, round_off, total, inter_state, credited, "
                                + "debited, " + InvoiceTotals.CUSTOMER_CATEGORY + " FROM invoices WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .flatMap(rows -> {
                    Row inv = single(rows, id);
                    String status = inv.getString("status");
                    if (!"issued".equals(status)) {
                        throw ApiException.conflict("INVOICE_NOT_CANCELLABLE", "Invoice " + id + " is " + status
                                + ("draft".equals(status) ? ": delete a draft instead" : ": only issued, unpaid invoices can be cancelled"));
                    }
                    if (inv.getBigDecimal("credited").signum() != 0 || inv.getBigDecimal("debited").signum() != 0) {
                        throw ApiException.conflict("INVOICE_NOT_CANCELLABLE", "Invoice " + id + " has credit or debit notes: "
                                + "credit what remains with a credit note instead");
                    }
                    return DocumentNumbers.next(conn, DocumentNumbers.Series.CREDIT_NOTE, NoteKind.CREDIT.prefix(), year)
                            .flatMap(number -> conn.preparedQuery("INSERT INTO credit_notes (invoice_id, number, financial_year, note_date, reason, "
                                            + "taxable_amount, tax_amount, total, irn, kind, cancels_invoice, inter_state, cgst, sgst, igst, round_off) "
                                            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'credit', TRUE, $10, $11, $12, $13, $14) RETURNING id, number, total, irn")
                                    .execute(Tuple.from(Arrays.asList(id, number, year.code(), today, reason.trim(), inv.getBigDecimal("taxable_amount"),
                                            inv.getBigDecimal("tax"), inv.getBigDecimal("total"),
                                            eInvoiced(inv) ? documentHash(snapshot.gstin(), year, NoteKind.CREDIT.documentType(), number) : null,
                                            inv.getBoolean("inter_state"), inv.getBigDecimal("cgst"), inv.getBigDecimal("sgst"), inv.getBigDecimal("igst"),
                                            inv.getBigDecimal("round_off")))))
                            .flatMap(note -> conn.preparedQuery("WITH back AS (INSERT INTO stock_movements (product_id, quantity, reason, reference) "
                                            + "SELECT product_id, -quantity, 'sale_cancelled', 'credit-note:' || $2::text FROM stock_movements WHERE reference = $1 "
                                            + "RETURNING product_id, quantity) UPDATE products p SET stock_quantity = p.stock_quantity + b.quantity, "
                                            + "updated_at = now() FROM back b WHERE p.id = b.product_id")
                                    .execute(Tuple.of("invoice:" + id, note.iterator().next().getString("number")))
                                    .flatMap(x -> conn.preparedQuery("UPDATE invoices SET status = 'cancelled', updated_at = now() WHERE id = $1").execute(Tuple.of(id)))
                                    .map(x -> {
                                        Row n = note.iterator().next();
                                        return new CreditNote(id, n.getString("number"), n.getBigDecimal("total"), n.getString("irn"), reason.trim());
                                    }));
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
                .flatMap(v -> conn.preparedQuery("SELECT status, " + AMOUNT_OWED + " AS owed, amount_paid FROM invoices WHERE id = $1 FOR UPDATE")
                        .execute(Tuple.of(id)))
                .flatMap(rows -> {
                    Row inv = single(rows, id);
                    String status = inv.getString("status");
                    if (!status.equals("issued") && !status.equals("partially_paid")) {
                        throw ApiException.conflict("INVOICE_NOT_PAYABLE", "Invoice " + id + " is " + status + "; only issued invoices take payments");
                    }
                    BigDecimal outstanding = inv.getBigDecimal("owed").subtract(inv.getBigDecimal("amount_paid"));
                    if (r.amount().compareTo(outstanding) > 0) {
                        throw ApiException.unprocessable("OVERPAYMENT", "Invoice " + id + " has " + outstanding.toPlainString()
                                + " outstanding; " + r.amount().toPlainString() + " is more");
                    }
                    BigDecimal paid = inv.getBigDecimal("amount_paid").add(r.amount());
                    String next = paid.compareTo(inv.getBigDecimal("owed")) == 0 ? "paid" : "partially_paid";
                    return conn.preparedQuery("INSERT INTO payments (invoice_id, amount, mode, reference, paid_on) VALUES ($1, $2, $3, $4, $5)")
                            .execute(Tuple.from(Arrays.asList(id, r.amount(), r.mode(), r.reference(), r.paidOn() != null ? r.paidOn() : LocalDate.now(INDIA))))
                            .flatMap(x -> conn.preparedQuery("UPDATE invoices SET amount_paid = $2, status = $3, updated_at = now() WHERE id = $1")
                                    .execute(Tuple.of(id, paid, next)));
                })
                .flatMap(x -> load(conn, id)))).invoke(paid -> metrics.increment(PAYMENTS_RECORDED, slug, "direction", "received"));
    }

    public Uni<InvoiceView> get(long id) {
        return tenant.withDatabase(pool -> load(pool, id));
    }

    /** The list's filters; {@code outstanding} keeps issued and partially paid invoices, {@code ageing} (may be null) one bucket. */
    public record ListFilter(String status, Long customerId, boolean outstanding, Ageing ageing) {
    }

    public Uni<Page<InvoiceView>> list(ListFilter filter, PageRequest request) {
        String where = " WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR customer_id = $2)"
                + " AND (NOT $3::boolean OR status IN ('issued', 'partially_paid')) AND " + Ageing.condition("invoice_date", 4);
        List<Object> params = new ArrayList<>(Arrays.asList(filter.status(), filter.customerId(), filter.outstanding()));
        params.addAll(Ageing.parameters(filter.ageing()));
        List<Object> paged = new ArrayList<>(params);
        paged.addAll(List.of(request.size(), request.offset()));
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT " + INVOICE_COLUMNS + " FROM invoices" + where + " ORDER BY id DESC LIMIT $7 OFFSET $8")
                .execute(Tuple.from(paged))
                .flatMap(rows -> pool.preparedQuery("SELECT count(*) FROM invoices" + where).execute(Tuple.from(params))
                        .map(count -> {
                            List<InvoiceView> items = new ArrayList<>();
                            rows.forEach(row -> items.add(view(row, List.of())));
                            return Page.of(items, request, count.iterator().next().getLong(0));
                        })));
    }

    /**
     * The invoices of the customer another module billed under {@code externalRef} (e.g. {@code dental:patient:5}), with their
     * lines, newest first: how that module's screens show what its party was billed and has paid.
     */
    public Uni<Page<InvoiceView>> listForPartyRef(String externalRef, PageRequest request) {
        String where = " WHERE customer_id IN (SELECT id FROM parties WHERE kind = 'customer' AND external_ref = $1)";
        return tenant.withDatabase(pool -> pool.preparedQuery("SELECT id FROM invoices" + where + " ORDER BY id DESC LIMIT $2 OFFSET $3")
                .execute(Tuple.of(externalRef, request.size(), request.offset()))
                .flatMap(rows -> {
                    List<Uni<InvoiceView>> loads = new ArrayList<>();
                    rows.forEach(row -> loads.add(load(pool, row.getLong("id"))));
                    Uni<List<InvoiceView>> items = loads.isEmpty() ? Uni.createFrom().item(List.of())
                            : Uni.join().all(loads).andFailFast();
                    return items.flatMap(list -> pool.preparedQuery("SELECT count(*) FROM invoices" + where).execute(Tuple.of(externalRef))
                            .map(count -> Page.of(list, request, count.iterator().next().getLong(0))));
                }));
    }

    // ---- parts

    private void validate(InvoiceRequest r) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the invoice as JSON");
        }
        if (r.customerId() == null) {
            errors.add(new ErrorDetail("customer_id", "customer_id is required"));
        }
        if (r.lines() == null || r.lines().isEmpty()) {
            errors.add(new ErrorDetail("lines", "an invoice needs at least one line"));
        } else {
            for (int i = 0; i < r.lines().size(); i++) {
                InvoiceRequest.Line l = r.lines().get(i);
                String at = "lines[" + i + "].";
                if (l == null) {
                    errors.add(new ErrorDetail("lines[" + i + "]", "a line must be an object"));
                    continue;
                }
                // The limits of what a line stores (numeric(14,3), numeric(14,2), varchar): a preview refuses what creating would.
                if (l.quantity() == null || l.quantity().signum() <= 0 || l.quantity().scale() > 3
                        || l.quantity().compareTo(MAX_QUANTITY) > 0) {
                    errors.add(new ErrorDetail(at + "quantity", "quantity must be more than zero, at most " + MAX_QUANTITY.toPlainString()
                            + ", with at most three decimals"));
                }
                if (l.productId() == null && (l.description() == null || l.description().isBlank())) {
                    errors.add(new ErrorDetail(at + "description", "a line without product_id needs a description"));
                }
                if (l.description() != null && (l.description().length() > 500 || l.description().indexOf('\0') >= 0)) {
                    errors.add(new ErrorDetail(at + "description", "description must be at most 500 characters, without NUL"));
                }
                if (l.unit() != null && (l.unit().isBlank() || l.unit().trim().length() > 16 || l.unit().indexOf('\0') >= 0)) {
                    errors.add(new ErrorDetail(at + "unit", "unit must be 1 to 16 characters (nos, kg, hrs, ...)"));
                }
                if (l.productId() == null && l.unitPrice() == null) {
                    errors.add(new ErrorDetail(at + "unit_price", "a line without product_id needs a unit_price"));
                }
                if (l.productId() == null && l.gstRate() == null) {
                    errors.add(new ErrorDetail(at + "gst_rate", "a line without product_id needs a gst_rate"));
                }
                if (l.unitPrice() != null && (l.unitPrice().signum() < 0 || l.unitPrice().scale() > 2 || l.unitPrice().compareTo(MAX_PRICE) > 0)) {
                    errors.add(new ErrorDetail(at + "unit_price", "unit_price must be zero or more, at most " + MAX_PRICE.toPlainString()
                            + ", with at most two decimals"));
                }
                if (l.gstRate() != null && !slabs.allowed(l.gstRate())) {
                    errors.add(new ErrorDetail(at + "gst_rate", "gst_rate must be one of " + slabs.describe()));
                }
                if (l.discountPercent() != null && (l.discountPercent().signum() < 0 || l.discountPercent().compareTo(new BigDecimal("100")) > 0
                        || l.discountPercent().scale() > 2)) {
                    errors.add(new ErrorDetail(at + "discount_percent", "discount_percent must be between 0 and 100, with at most two decimals"));
                }
                if (l.hsnSac() != null && !l.hsnSac().matches("^(\\d{4}|\\d{6}|\\d{8})$")) {
                    errors.add(new ErrorDetail(at + "hsn_sac", "hsn_sac must be 4, 6 or 8 digits"));
                }
            }
        }
        if (r.dueDate() != null && r.invoiceDate() != null && r.dueDate().isBefore(r.invoiceDate())) {
            errors.add(new ErrorDetail("due_date", "due_date may not be before invoice_date"));
        }
        exportTerms(r, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** An export's terms as the e-invoice schema and GSTR-1's {@code exp} take them. */
    private static void exportTerms(InvoiceRequest r, List<ErrorDetail> errors) {
        if (r.exportCurrency() != null && !r.exportCurrency().trim().matches("^[A-Z]{3}$")) {
            errors.add(new ErrorDetail("export_currency", "export_currency must be an ISO 4217 code such as USD"));
        }
        if (r.portCode() != null && !r.portCode().trim().matches("^[A-Z0-9]{6}$")) {
            errors.add(new ErrorDetail("port_code", "port_code must be the 6-character Indian port code, e.g. INBOM1"));
        }
        if (r.shippingBillNumber() != null && !r.shippingBillNumber().trim().matches("^[0-9]{1,7}$")) {
            errors.add(new ErrorDetail("shipping_bill_number", "shipping_bill_number must be 1 to 7 digits"));
        }
        if (r.shippingBillDate() != null && r.invoiceDate() != null && r.shippingBillDate().isBefore(r.invoiceDate())) {
            errors.add(new ErrorDetail("shipping_bill_date", "shipping_bill_date may not be before invoice_date"));
        }
    }

    private Uni<Void> checkMonthlyQuota(SqlClient conn) {
        return Quotas.checkMonthlyTransactions(conn, tenant.tenant().snapshot());
    }

    /** The columns of an invoice's supply terms, in the order {@link #terms} appends them. */
    private static final String TERMS = "reverse_charge, with_payment_of_tax, export_currency, port_code, shipping_bill_number, shipping_bill_date";

    private static List<Object> terms(List<Object> head, InvoiceRequest r) {
        List<Object> values = new ArrayList<>(head);
        values.addAll(Arrays.asList(Boolean.TRUE.equals(r.reverseCharge()), Boolean.TRUE.equals(r.withPaymentOfTax()), trim(r.exportCurrency()),
                trim(r.portCode()), trim(r.shippingBillNumber()), r.shippingBillDate()));
        return values;
    }

    /** Whether an invoice (a row with {@link InvoiceTotals#CUSTOMER_CATEGORY}) takes an IRN: e-invoicing is for business buyers only. */
    private static boolean eInvoiced(Row invoice) {
        return GstCategory.byCode(invoice.getString("gst_category")).orElseThrow().business();
    }

    /** The customer an invoice names: its GST state (null when unknown) decides the place of supply, its category the supply type. */
    private record Customer(String stateCode, GstCategory category) {

        /** The supply type of this body for this customer, refusing the terms the customer's category does not take. */
        SupplyType supplyType(InvoiceRequest r) {
            List<ErrorDetail> errors = new ArrayList<>();
            if (Boolean.TRUE.equals(r.reverseCharge()) && (category == GstCategory.UNREGISTERED || category == GstCategory.OVERSEAS)) {
                errors.add(new ErrorDetail("reverse_charge", "reverse charge applies to supplies to registered persons, not to a "
                        + category.code() + " customer"));
            }
            if (Boolean.TRUE.equals(r.withPaymentOfTax()) && !category.zeroRated()) {
                errors.add(new ErrorDetail("with_payment_of_tax", "with_payment_of_tax is for SEZ and export (overseas) customers; this one is "
                        + category.code()));
            }
            if (category != GstCategory.OVERSEAS) {
                exportOnly(errors, "export_currency", r.exportCurrency());
                exportOnly(errors, "port_code", r.portCode());
                exportOnly(errors, "shipping_bill_number", r.shippingBillNumber());
                exportOnly(errors, "shipping_bill_date", r.shippingBillDate());
            }
            if (!errors.isEmpty()) {
                throw ApiException.validation(errors);
            }
            return SupplyType.of(category, Boolean.TRUE.equals(r.withPaymentOfTax()));
        }

        private static void exportOnly(List<ErrorDetail> errors, String field, Object value) {
            if (value != null) {
                errors.add(new ErrorDetail(field, field + " is for exports: the customer's gst_category must be overseas"));
            }
        }
    }

    /** The customer must exist, and take the body's supply terms. */
    private static Uni<Customer> customer(SqlClient conn, InvoiceRequest r) {
        long customerId = r.customerId();
        return conn.preparedQuery("SELECT state_code, gst_category FROM parties WHERE id = $1 AND kind = 'customer'").execute(Tuple.of(customerId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.unprocessable("UNKNOWN_CUSTOMER", "Customer " + customerId + " does not exist");
                    }
                    Row row = rows.iterator().next();
                    Customer customer = new Customer(row.getString("state_code"), GstCategory.byCode(row.getString("gst_category")).orElseThrow());
                    customer.supplyType(r);
                    return customer;
                });
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private record PricedLine(Long productId, String description, String hsnSac, String unit, BigDecimal quantity, BigDecimal unitPrice,
                              BigDecimal discountPercent, BigDecimal gstRate) {

        GstCalculator.LineInput taxInput() {
            return new GstCalculator.LineInput(quantity, unitPrice, discountPercent, gstRate);
        }
    }

    /** Fills a product line's gaps from the product; refuses unknown products. */
    private static Uni<List<PricedLine>> priced(SqlClient conn, List<InvoiceRequest.Line> lines) {
        List<Long> ids = lines.stream().map(InvoiceRequest.Line::productId).filter(java.util.Objects::nonNull).distinct().toList();
        Uni<Map<Long, Row>> products = ids.isEmpty() ? Uni.createFrom().item(Map.of())
                : conn.preparedQuery("SELECT id, name, hsn_sac, unit, price, gst_rate FROM products WHERE id = ANY($1) AND NOT archived")
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, Row> byId = new java.util.HashMap<>();
                    rows.forEach(row -> byId.put(row.getLong("id"), row));
                    return byId;
                });
        return products.map(byId -> {
            List<PricedLine> priced = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                InvoiceRequest.Line l = lines.get(i);
                Row p = l.productId() == null ? null : byId.get(l.productId());
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
        });
    }

    private Uni<Long> writeLines(SqlClient conn, long invoiceId, List<PricedLine> lines) {
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            PricedLine l = lines.get(i);
            batch.add(Tuple.from(Arrays.asList(invoiceId, i + 1, l.productId(), l.description(), l.hsnSac(), l.unit(), l.quantity(), l.unitPrice(),
                    l.discountPercent(), l.gstRate())));
        }
        // Amounts are derived in one place, from the lines as stored and the customer's state.
        return conn.preparedQuery("INSERT INTO invoice_lines (invoice_id, position, product_id, description, hsn_sac, unit, quantity, unit_price, "
                        + "discount_percent, gst_rate, taxable_amount, cgst, sgst, igst, total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 0, 0, 0, 0)")
                .executeBatch(batch)
                .flatMap(x -> InvoiceTotals.recompute(conn, invoiceId, InvoiceTotals.supplierStateCode(tenant.tenant().snapshot())))
                .replaceWith(invoiceId);
    }

    private static Uni<Row> lockDraft(SqlClient conn, long id) {
        return conn.preparedQuery("SELECT id, status, invoice_date, " + InvoiceTotals.CUSTOMER_CATEGORY + " FROM invoices WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)).map(rows -> {
            Row row = single(rows, id);
            if (!"draft".equals(row.getString("status"))) {
                throw ApiException.conflict("INVOICE_NOT_DRAFT", "Invoice " + id + " is " + row.getString("status")
                        + ": issued invoices are never changed or deleted; cancel one with a credit note");
            }
            return row;
        });
    }

    /** Takes the invoiced quantities out of stock, refusing to go below zero unless the tenant allows it. */
    private static Uni<Void> moveStockOut(SqlClient conn, long invoiceId) {
        return conn.query("SELECT value FROM module_settings WHERE key = 'allow_negative_stock'").execute()
                .map(rows -> rows.iterator().hasNext() && Boolean.parseBoolean(rows.iterator().next().getString(0)))
                // Lock the products first, in id order (so concurrent issues cannot deadlock), then read the totals.
                .flatMap(allowNegative -> conn.preparedQuery("SELECT id FROM products WHERE id IN "
                                + "(SELECT product_id FROM invoice_lines WHERE invoice_id = $1) ORDER BY id FOR UPDATE")
                        .execute(Tuple.of(invoiceId))
                        .flatMap(locked -> conn.preparedQuery("SELECT l.product_id, sum(l.quantity) AS quantity, p.stock_quantity, p.sku "
                                + "FROM invoice_lines l JOIN products p ON p.id = l.product_id WHERE l.invoice_id = $1 "
                                + "GROUP BY l.product_id, p.stock_quantity, p.sku ORDER BY l.product_id").execute(Tuple.of(invoiceId)))
                        .flatMap(rows -> {
                            List<Tuple> moves = new ArrayList<>();
                            for (Row r : rows) {
                                if (!allowNegative && r.getBigDecimal("stock_quantity").compareTo(r.getBigDecimal("quantity")) < 0) {
                                    throw ApiException.conflict("INSUFFICIENT_STOCK", "Product '" + r.getString("sku") + "' has "
                                            + r.getBigDecimal("stock_quantity").stripTrailingZeros().toPlainString() + " in stock; the invoice needs "
                                            + r.getBigDecimal("quantity").stripTrailingZeros().toPlainString());
                                }
                                moves.add(Tuple.of(r.getLong("product_id"), r.getBigDecimal("quantity").negate(), "invoice:" + invoiceId));
                            }
                            if (moves.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            return conn.preparedQuery("INSERT INTO stock_movements (product_id, quantity, reason, reference) VALUES ($1, $2, 'sale', $3)")
                                    .executeBatch(moves)
                                    .flatMap(x -> conn.preparedQuery("UPDATE products SET stock_quantity = stock_quantity + $2, updated_at = now() WHERE id = $1")
                                            .executeBatch(moves.stream().map(t -> Tuple.of(t.getLong(0), t.getBigDecimal(1))).toList()))
                                    .replaceWithVoid();
                        }));
    }

    private static Uni<String> prefix(SqlClient conn) {
        return conn.query("SELECT value FROM module_settings WHERE key = 'invoice_prefix'").execute()
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : "INV");
    }

    /** The e-invoice reference: SHA-256 of supplier GSTIN, financial year, document type and number. */
    static String irn(String supplierGstin, FinancialYear year, String number) {
        return documentHash(supplierGstin, year, "INV", number);
    }

    static String documentHash(String supplierGstin, FinancialYear year, String documentType, String number) {
        if (supplierGstin == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((supplierGstin + year.label() + documentType + number).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Uni<InvoiceView> load(SqlClient conn, long id) {
        return conn.preparedQuery("SELECT " + INVOICE_COLUMNS + " FROM invoices WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    Row invoice = single(rows, id);
                    return conn.preparedQuery("SELECT * FROM invoice_lines WHERE invoice_id = $1 ORDER BY position").execute(Tuple.of(id))
                            .map(lines -> {
                                List<InvoiceView.LineView> views = new ArrayList<>();
                                lines.forEach(l -> views.add(new InvoiceView.LineView(l.getInteger("position"), l.getLong("product_id"),
                                        l.getString("description"), l.getString("hsn_sac"), l.getString("unit"), l.getBigDecimal("quantity"),
                                        l.getBigDecimal("unit_price"),
                                        l.getBigDecimal("discount_percent"), l.getBigDecimal("gst_rate"), l.getBigDecimal("taxable_amount"),
                                        l.getBigDecimal("cgst"), l.getBigDecimal("sgst"), l.getBigDecimal("igst"), l.getBigDecimal("total"),
                                        l.getString("source_key"))));
                                return view(invoice, views);
                            });
                });
    }

    static InvoiceView view(Row r, List<InvoiceView.LineView> lines) {
        BigDecimal total = r.getBigDecimal("total");
        BigDecimal paid = r.getBigDecimal("amount_paid");
        BigDecimal credited = r.getBigDecimal("credited");
        BigDecimal debited = r.getBigDecimal("debited");
        return new InvoiceView(r.getLong("id"), r.getString("number"), r.getString("status"), r.getLong("customer_id"),
                r.getLocalDate("invoice_date"), r.getLocalDate("due_date"), r.getString("place_of_supply"), r.getBoolean("inter_state"),
                r.getBigDecimal("taxable_amount"), r.getBigDecimal("cgst"), r.getBigDecimal("sgst"), r.getBigDecimal("igst"),
                r.getBigDecimal("round_off"), total, IndianAmounts.inWords(total), paid, credited, debited,
                total.add(debited).subtract(credited).subtract(paid), r.getString("irn"), r.getString("notes"),
                r.getOffsetDateTime("issued_at"), lines, supplyType(r).name(), r.getBoolean("reverse_charge"), r.getString("export_currency"),
                r.getString("port_code"), r.getString("shipping_bill_number"), r.getLocalDate("shipping_bill_date"));
    }

    /** The supply type of an invoice row read with {@link #INVOICE_COLUMNS}. */
    static SupplyType supplyType(Row r) {
        return SupplyType.of(GstCategory.byCode(r.getString("gst_category")).orElseThrow(), r.getBoolean("with_payment_of_tax"));
    }

    static Row single(RowSet<Row> rows, long id) {
        if (!rows.iterator().hasNext()) {
            throw ApiException.notFound("Invoice " + id);
        }
        return rows.iterator().next();
    }
}
