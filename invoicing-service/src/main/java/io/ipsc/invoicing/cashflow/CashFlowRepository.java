package io.ipsc.invoicing.cashflow;

import io.ipsc.invoicing.invoice.InvoiceService;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cash flow's SQL: money in and out and what was invoiced per month, what is owed by ageing bucket, who owes most, the payments. */
@ApplicationScoped
public class CashFlowRepository {

    private static final String AGEING = "SELECT coalesce(sum(CASE WHEN age <= 30 THEN due END), 0) AS d0_30, "
            + "coalesce(sum(CASE WHEN age BETWEEN 31 AND 60 THEN due END), 0) AS d31_60, "
            + "coalesce(sum(CASE WHEN age BETWEEN 61 AND 90 THEN due END), 0) AS d61_90, "
            + "coalesce(sum(CASE WHEN age > 90 THEN due END), 0) AS d90_plus, coalesce(sum(due), 0) AS total FROM (%s) t";
    private static final String RECEIVABLES = String.format(AGEING, "SELECT " + InvoiceService.AMOUNT_OWED
            + " - amount_paid AS due, $1::date - coalesce(due_date, invoice_date) AS age FROM invoices WHERE status IN ('issued', 'partially_paid')");
    private static final String PAYABLES = String.format(AGEING, "SELECT total - amount_paid AS due, $1::date - coalesce(due_date, bill_date) AS age "
            + "FROM purchases WHERE status IN ('received', 'partially_paid')");
    private static final String MONTHS = "SELECT to_char(m, 'YYYY-MM') AS month, "
            + "(SELECT coalesce(sum(amount), 0) FROM payments WHERE date_trunc('month', paid_on) = m AND paid_on BETWEEN $1 AND $2) AS money_in, "
            + "(SELECT coalesce(sum(amount), 0) FROM purchase_payments WHERE date_trunc('month', paid_on) = m AND paid_on BETWEEN $1 AND $2) AS money_out, "
            + "(SELECT coalesce(sum(total), 0) FROM invoices WHERE status IN ('issued', 'partially_paid', 'paid') "
            + "AND date_trunc('month', invoice_date) = m AND invoice_date BETWEEN $1 AND $2) "
            // Notes change what was invoiced in their own month: debit notes add, credit notes take off (a cancelling
            // credit note is not counted: its invoice already is not).
            + "+ (SELECT coalesce(sum(CASE WHEN kind = 'debit' THEN total ELSE -total END), 0) FROM credit_notes WHERE NOT cancels_invoice "
            + "AND date_trunc('month', note_date) = m AND note_date BETWEEN $1 AND $2) AS invoiced "
            + "FROM generate_series(date_trunc('month', $1::date), date_trunc('month', $2::date), interval '1 month') AS m ORDER BY m";

    /** How many customers {@code top_customers} lists, those owing most first. */
    static final int TOP_CUSTOMERS = 5;
    private static final String TOP = "SELECT p.id AS customer_id, p.name, count(*) AS invoices, sum(i.total + i.debited - i.credited - i.amount_paid) AS outstanding "
            + "FROM invoices i JOIN parties p ON p.id = i.customer_id WHERE i.status IN ('issued', 'partially_paid') "
            + "GROUP BY p.id, p.name ORDER BY outstanding DESC, p.name LIMIT " + TOP_CUSTOMERS;

    /** The payments of each direction, as {@code GET /api/cashflow/payments} lists them: $1 from, $2 to. */
    static final Map<String, String> PAYMENTS = Map.of(
            "in", "SELECT p.id, p.invoice_id AS document_id, coalesce(i.number, 'Draft #' || i.id) AS document_number, "
                    + "i.customer_id AS party_id, c.name AS party_name, p.amount, p.mode, p.reference, p.paid_on "
                    + "FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN parties c ON c.id = i.customer_id "
                    + "WHERE p.paid_on BETWEEN $1 AND $2",
            "out", "SELECT p.id, p.purchase_id AS document_id, b.bill_number AS document_number, b.vendor_id AS party_id, "
                    + "v.name AS party_name, p.amount, p.mode, p.reference, p.paid_on "
                    + "FROM purchase_payments p JOIN purchases b ON b.id = p.purchase_id JOIN parties v ON v.id = b.vendor_id "
                    + "WHERE p.paid_on BETWEEN $1 AND $2");

    /** One month of the period. */
    public record Month(String month, BigDecimal moneyIn, BigDecimal moneyOut, BigDecimal invoiced) {
    }

    /** A page of the payments from {@code from} to {@code to}, and what all of them (every page) add up to. */
    public record Payments(Page<PaymentLine> page, BigDecimal sum, LocalDate from, LocalDate to) {
    }

    public Uni<List<Month>> months(SqlClient db, LocalDate from, LocalDate to) {
        return db.preparedQuery(MONTHS).execute(Tuple.of(from, to)).map(rows -> {
            List<Month> months = new ArrayList<>();
            rows.forEach(m -> months.add(new Month(m.getString("month"), m.getBigDecimal("money_in"), m.getBigDecimal("money_out"),
                    m.getBigDecimal("invoiced"))));
            return months;
        });
    }

    /** What customers owe on {@code today}, by ageing bucket ({@code days_0_30} … {@code days_over_90}, {@code total}). */
    public Uni<Map<String, Object>> receivables(SqlClient db, LocalDate today) {
        return db.preparedQuery(RECEIVABLES).execute(Tuple.of(today)).map(rows -> ageing(rows.iterator().next()));
    }

    /** What is owed to vendors on {@code today}, by the same buckets. */
    public Uni<Map<String, Object>> payables(SqlClient db, LocalDate today) {
        return db.preparedQuery(PAYABLES).execute(Tuple.of(today)).map(rows -> ageing(rows.iterator().next()));
    }

    public Uni<List<Map<String, Object>>> topCustomers(SqlClient db) {
        return db.query(TOP).execute().map(rows -> {
            List<Map<String, Object>> customers = new ArrayList<>();
            for (Row r : rows) {
                customers.add(Map.of("customer_id", r.getLong("customer_id"), "name", r.getString("name"),
                        "invoices", r.getLong("invoices"), "outstanding", r.getBigDecimal("outstanding")));
            }
            return customers;
        });
    }

    /**
     * A page of the payments of {@code direction} (a key of {@link #PAYMENTS}) from {@code from} to {@code to}, oldest
     * first. The count always runs: the answer's message says the sum of every page.
     */
    public Uni<Payments> payments(SqlClient db, String direction, LocalDate from, LocalDate to, PageRequest request) {
        String query = PAYMENTS.get(direction);
        return db.preparedQuery(query + " ORDER BY p.paid_on, p.id LIMIT $3 OFFSET $4")
                .execute(Tuple.of(from, to, request.size(), request.offset()))
                .flatMap(rows -> db.preparedQuery("SELECT count(*), coalesce(sum(amount), 0) FROM (" + query + ") t")
                        .execute(Tuple.of(from, to)).map(count -> {
                            List<PaymentLine> items = new ArrayList<>();
                            rows.forEach(r -> items.add(PaymentLine.of(r, direction)));
                            Row all = count.iterator().next();
                            return new Payments(Page.of(items, request, all.getLong(0)), all.getBigDecimal(1), from, to);
                        }));
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
}
