package io.ipsc.invoicing.cashflow;

import io.ipsc.invoicing.invoice.InvoiceService;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/cashflow?from=&to=}: money in (payments received) and out (payments made) per
 * month, what was invoiced per month (issued invoices by invoice date; drafts and cancelled ones are
 * no sales; debit notes add and credit notes take off in their note's month), what is owed (after credit and debit notes) either way today, in ageing buckets by due date (invoice date when none), and the
 * customers owing most ({@code top_customers}). {@link Ageing} filters the invoice and purchase lists by the same buckets.
 */
@Tag(name = "Cash flow")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/cashflow")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class CashFlowResource {

    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final String AGEING = "SELECT coalesce(sum(CASE WHEN age <= 30 THEN due END), 0) AS d0_30, "
            + "coalesce(sum(CASE WHEN age BETWEEN 31 AND 60 THEN due END), 0) AS d31_60, "
            + "coalesce(sum(CASE WHEN age BETWEEN 61 AND 90 THEN due END), 0) AS d61_90, "
            + "coalesce(sum(CASE WHEN age > 90 THEN due END), 0) AS d90_plus, coalesce(sum(due), 0) AS total FROM (%s) t";

    /** How many customers {@code top_customers} lists, those owing most first. */
    static final int TOP_CUSTOMERS = 5;
    private static final String TOP = "SELECT p.id AS customer_id, p.name, count(*) AS invoices, sum(i.total + i.debited - i.credited - i.amount_paid) AS outstanding "
            + "FROM invoices i JOIN parties p ON p.id = i.customer_id WHERE i.status IN ('issued', 'partially_paid') "
            + "GROUP BY p.id, p.name ORDER BY outstanding DESC, p.name LIMIT " + TOP_CUSTOMERS;

    /** The payments of each direction, as {@code GET /api/cashflow/payments} lists them: $1 from, $2 to. */
    private static final Map<String, String> PAYMENTS = Map.of(
            "in", "SELECT p.id, p.invoice_id AS document_id, coalesce(i.number, 'Draft #' || i.id) AS document_number, "
                    + "i.customer_id AS party_id, c.name AS party_name, p.amount, p.mode, p.reference, p.paid_on "
                    + "FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN parties c ON c.id = i.customer_id "
                    + "WHERE p.paid_on BETWEEN $1 AND $2",
            "out", "SELECT p.id, p.purchase_id AS document_id, b.bill_number AS document_number, b.vendor_id AS party_id, "
                    + "v.name AS party_name, p.amount, p.mode, p.reference, p.paid_on "
                    + "FROM purchase_payments p JOIN purchases b ON b.id = p.purchase_id JOIN parties v ON v.id = b.vendor_id "
                    + "WHERE p.paid_on BETWEEN $1 AND $2");

    private final TenantContext tenant;

    public CashFlowResource(TenantContext tenant) {
        this.tenant = tenant;
    }

    @GET
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_DATE,INVALID_RANGE")
    @Operation(operationId = "getCashFlow", summary = "Get the cash flow over a period")
    public Uni<ApiResponse<Map<String, Object>>> cashFlow(@QueryParam("from") String fromText, @QueryParam("to") String toText) {
        LocalDate today = LocalDate.now(INDIA);
        LocalDate to = parse(toText, "to", today);
        LocalDate from = parse(fromText, "from", to.withDayOfMonth(1).minusMonths(11));
        if (from.isAfter(to)) {
            throw ApiException.badRequest("INVALID_RANGE", "from", "from must not be after to");
        }
        String receivables = String.format(AGEING, "SELECT " + InvoiceService.AMOUNT_OWED + " - amount_paid AS due, $1::date - coalesce(due_date, invoice_date) AS age "
                + "FROM invoices WHERE status IN ('issued', 'partially_paid')");
        String payables = String.format(AGEING, "SELECT total - amount_paid AS due, $1::date - coalesce(due_date, bill_date) AS age "
                + "FROM purchases WHERE status IN ('received', 'partially_paid')");
        String months = "SELECT to_char(m, 'YYYY-MM') AS month, "
                + "(SELECT coalesce(sum(amount), 0) FROM payments WHERE date_trunc('month', paid_on) = m AND paid_on BETWEEN $1 AND $2) AS money_in, "
                + "(SELECT coalesce(sum(amount), 0) FROM purchase_payments WHERE date_trunc('month', paid_on) = m AND paid_on BETWEEN $1 AND $2) AS money_out, "
                + "(SELECT coalesce(sum(total), 0) FROM invoices WHERE status IN ('issued', 'partially_paid', 'paid') "
                + "AND date_trunc('month', invoice_date) = m AND invoice_date BETWEEN $1 AND $2) "
                // Notes change what was invoiced in their own month: debit notes add, credit notes take off (a cancelling
                // credit note is not counted: its invoice already is not).
                + "+ (SELECT coalesce(sum(CASE WHEN kind = 'debit' THEN total ELSE -total END), 0) FROM credit_notes WHERE NOT cancels_invoice "
                + "AND date_trunc('month', note_date) = m AND note_date BETWEEN $1 AND $2) AS invoiced "
                + "FROM generate_series(date_trunc('month', $1::date), date_trunc('month', $2::date), interval '1 month') AS m ORDER BY m";
        return tenant.withDatabase(pool -> pool.preparedQuery(months).execute(Tuple.of(from, to))
                .flatMap(monthRows -> pool.preparedQuery(receivables).execute(Tuple.of(today))
                        .flatMap(rec -> pool.preparedQuery(payables).execute(Tuple.of(today))
                        .flatMap(pay -> pool.query(TOP).execute().map(top -> {
                            List<Map<String, Object>> perMonth = new ArrayList<>();
                            BigDecimal in = BigDecimal.ZERO;
                            BigDecimal out = BigDecimal.ZERO;
                            BigDecimal invoiced = BigDecimal.ZERO;
                            for (Row m : monthRows) {
                                BigDecimal moneyIn = m.getBigDecimal("money_in");
                                BigDecimal moneyOut = m.getBigDecimal("money_out");
                                BigDecimal monthInvoiced = m.getBigDecimal("invoiced");
                                in = in.add(moneyIn);
                                out = out.add(moneyOut);
                                invoiced = invoiced.add(monthInvoiced);
                                perMonth.add(Map.of("month", m.getString("month"), "money_in", moneyIn, "money_out", moneyOut,
                                        "net", moneyIn.subtract(moneyOut), "invoiced", monthInvoiced));
                            }
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("from", from);
                            data.put("to", to);
                            data.put("months", perMonth);
                            data.put("money_in", in);
                            data.put("money_out", out);
                            data.put("net", in.subtract(out));
                            data.put("invoiced", invoiced);
                            data.put("receivables", ageing(rec.iterator().next()));
                            data.put("payables", ageing(pay.iterator().next()));
                            data.put("top_customers", topCustomers(top));
                            return ApiResponse.ok(data, "Cash flow from " + from + " to " + to);
                        })))));
    }

    /**
     * The payments behind a month's money in or out bar: received ({@code direction=in}) or made ({@code out}) from
     * {@code from} to {@code to} (both days counted; by default the cash flow's period), oldest first. They add up to
     * what {@code GET /api/cashflow} counts for the same days; the message says the sum.
     */
    @GET
    @Path("/payments")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_FILTER,INVALID_DATE,INVALID_RANGE")
    @Operation(operationId = "listCashFlowPayments", summary = "List the payments received or made over a period",
            description = "direction=in lists payments received against invoices, out payments made against purchases; from and to "
                    + "are dates like 2024-04-01 (by default the twelve months to today, as GET /api/cashflow).")
    public Uni<ApiResponse<Page<PaymentLine>>> payments(@QueryParam("direction") String direction, @QueryParam("from") String fromText,
                                                        @QueryParam("to") String toText, @QueryParam("page") Integer page,
                                                        @QueryParam("size") Integer size) {
        String query = direction == null ? null : PAYMENTS.get(direction.trim());
        if (query == null) {
            throw ApiException.badRequest("INVALID_FILTER", "direction", "direction must be in (payments received) or out (payments made)");
        }
        String wanted = direction.trim();
        LocalDate to = parse(toText, "to", LocalDate.now(INDIA));
        LocalDate from = parse(fromText, "from", to.withDayOfMonth(1).minusMonths(11));
        if (from.isAfter(to)) {
            throw ApiException.badRequest("INVALID_RANGE", "from", "from must not be after to");
        }
        PageRequest request = PageRequest.of(page, size);
        return tenant.withDatabase(pool -> pool.preparedQuery(query + " ORDER BY p.paid_on, p.id LIMIT $3 OFFSET $4")
                        .execute(Tuple.of(from, to, request.size(), request.offset()))
                        .flatMap(rows -> pool.preparedQuery("SELECT count(*), coalesce(sum(amount), 0) FROM (" + query + ") t")
                                .execute(Tuple.of(from, to)).map(count -> {
                                    List<PaymentLine> items = new ArrayList<>();
                                    rows.forEach(r -> items.add(PaymentLine.of(r, wanted)));
                                    Row all = count.iterator().next();
                                    return ApiResponse.ok(Page.of(items, request, all.getLong(0)), all.getLong(0) + " payment(s) "
                                            + (wanted.equals("in") ? "received" : "made") + " from " + from + " to " + to + ", "
                                            + all.getBigDecimal(1).toPlainString() + " in all");
                                })));
    }

    private static List<Map<String, Object>> topCustomers(Iterable<Row> rows) {
        List<Map<String, Object>> customers = new ArrayList<>();
        for (Row r : rows) {
            customers.add(Map.of("customer_id", r.getLong("customer_id"), "name", r.getString("name"),
                    "invoices", r.getLong("invoices"), "outstanding", r.getBigDecimal("outstanding")));
        }
        return customers;
    }

    private static Map<String, Object> ageing(Row r) {
        Map<String, Object> buckets = new LinkedHashMap<>();
        buckets.put("days_0_30", r.getBigDecimal("d0_30"));
        buckets.put("days_31_60", r.getBigDecimal("d31_60"));
        buckets.put("days_61_90", r.getBigDecimal("d61_90"));
        buckets.put("days_over_90", r.getBigDecimal("d90_plus"));
        buckets.put("total", r.getBigDecimal("total"));
        return buckets;
    }

    private static LocalDate parse(String text, String field, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_DATE", field, field + " must be a date like 2024-04-01");
        }
    }
}
