package io.ipsc.invoicing.report;

import io.ipsc.invoicing.gst.GstCategory;
import io.ipsc.invoicing.gst.SupplyType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the month's reports read from the tenant's database; the rules that sort it are {@link Gstr1}'s. */
@Singleton
public class Gstr1Repository {

    /**
     * The credit note that cancelled a whole invoice, dated up to the month's end ($2). An invoice cancelled within its
     * own month is reported in no section (Table 13 counts it cancelled); one cancelled in a later month was filed in its
     * month's return, which stays as filed, and its cancelling note is reported in 9B of the cancel's month
     * ({@link #notes}). The portal takes no change to a filed invoice but by a note or an amendment.
     */
    private static final String CANCELLED_BY_MONTH_END = "EXISTS (SELECT 1 FROM credit_notes c WHERE c.invoice_id = i.id AND c.cancels_invoice "
            + "AND c.note_date <= $2)";
    /** Issued invoices dated in the month, and those cancelled only after it: drafts are no supplies yet. */
    static final String ISSUED_IN_MONTH = "i.invoice_date BETWEEN $1 AND $2 AND (i.status IN ('issued', 'partially_paid', 'paid') "
            + "OR (i.status = 'cancelled' AND NOT " + CANCELLED_BY_MONTH_END + "))";

    public Uni<List<SupplyLine>> supplies(SqlClient db, YearMonth month) {
        String sql = "SELECT i.id, i.number, i.invoice_date, i.total AS invoice_value, p.gstin, p.name, i.place_of_supply, i.inter_state, "
                + "l.description, l.hsn_sac, l.unit, l.gst_rate, l.quantity, l.taxable_amount, l.cgst, l.sgst, l.igst, " + TERMS
                + " FROM invoices i JOIN parties p ON p.id = i.customer_id JOIN invoice_lines l ON l.invoice_id = i.id WHERE " + ISSUED_IN_MONTH
                + " ORDER BY i.invoice_date, i.number, l.position";
        return db.preparedQuery(sql).execute(range(month)).map(rows -> {
            List<SupplyLine> lines = new ArrayList<>();
            for (Row r : rows) {
                lines.add(new SupplyLine(r.getLong("id"), r.getString("number"), r.getLocalDate("invoice_date"), r.getBigDecimal("invoice_value"),
                        r.getString("gstin"), r.getString("name"), r.getString("place_of_supply"), r.getBoolean("inter_state"),
                        r.getString("description"), r.getString("hsn_sac"), r.getString("unit"), r.getBigDecimal("gst_rate"),
                        r.getBigDecimal("quantity"), r.getBigDecimal("taxable_amount"), r.getBigDecimal("cgst"), r.getBigDecimal("sgst"),
                        r.getBigDecimal("igst"), terms(r)));
            }
            return lines;
        });
    }

    /** What {@link #terms} reads: the customer's category and the invoice's supply terms. */
    private static final String TERMS = "p.gst_category, i.with_payment_of_tax, i.reverse_charge, i.port_code, i.shipping_bill_number, "
            + "i.shipping_bill_date";

    private static SupplyLine.Terms terms(Row r) {
        return new SupplyLine.Terms(SupplyType.of(GstCategory.byCode(r.getString("gst_category")).orElseThrow(), r.getBoolean("with_payment_of_tax")),
                r.getBoolean("reverse_charge"), r.getString("port_code"), r.getString("shipping_bill_number"), r.getLocalDate("shipping_bill_date"));
    }

    /** Every number given to an invoice dated in the month, cancelled ones included (Table 13 counts those cancelled in the month). */
    public Uni<List<IssuedNumber>> numbers(SqlClient db, YearMonth month) {
        return db.preparedQuery("SELECT number, " + CANCELLED_BY_MONTH_END + " AS cancelled FROM invoices i WHERE number IS NOT NULL "
                        + "AND invoice_date BETWEEN $1 AND $2 ORDER BY number").execute(range(month))
                .map(rows -> {
                    List<IssuedNumber> numbers = new ArrayList<>();
                    rows.forEach(r -> numbers.add(new IssuedNumber(r.getString("number"), r.getBoolean("cancelled"))));
                    return numbers;
                });
    }

    /**
     * The month's credit and debit notes by note date, line by line with their invoice and buyer, and every note number
     * given in the month. A credit note that cancelled a whole invoice is among them, with its invoice's lines, only
     * where that invoice is dated in an earlier month (filed then); one within the invoice's month is left out of 9B,
     * as its invoice is out of every section, but its number counts in Table 13.
     */
    public Uni<Gstr1.NoteSupplies> notes(SqlClient db, YearMonth month) {
        String select = "SELECT n.id, n.kind, n.number, n.note_date, n.total AS note_value, i.number AS invoice_number, i.invoice_date, "
                + "i.total AS invoice_value, p.gstin, p.name, i.place_of_supply, n.inter_state, l.description, l.hsn_sac, l.unit, l.gst_rate, "
                + "l.quantity, l.taxable_amount, l.cgst, l.sgst, l.igst, l.position, " + TERMS + " FROM credit_notes n "
                + "JOIN invoices i ON i.id = n.invoice_id JOIN parties p ON p.id = i.customer_id ";
        String sql = select + "JOIN note_lines l ON l.note_id = n.id "
                + "WHERE NOT n.cancels_invoice AND n.note_date BETWEEN $1 AND $2 UNION ALL "
                // The whole invoice back: every line as sold, goods in full.
                + select + "JOIN invoice_lines l ON l.invoice_id = i.id "
                + "WHERE n.cancels_invoice AND n.note_date BETWEEN $1 AND $2 AND i.invoice_date < $1 "
                + "ORDER BY note_date, kind, number, position";
        return db.preparedQuery(sql).execute(range(month)).flatMap(rows -> {
            List<NoteLine> lines = new ArrayList<>();
            for (Row r : rows) {
                lines.add(new NoteLine(r.getLong("id"), "credit".equals(r.getString("kind")) ? NoteLine.CREDIT : NoteLine.DEBIT, r.getString("number"),
                        r.getLocalDate("note_date"), r.getBigDecimal("note_value"), r.getString("invoice_number"), r.getLocalDate("invoice_date"),
                        r.getBigDecimal("invoice_value"), r.getString("gstin"), r.getString("name"), r.getString("place_of_supply"),
                        r.getBoolean("inter_state"), r.getString("description"), r.getString("hsn_sac"), r.getString("unit"),
                        r.getBigDecimal("gst_rate"), r.getBigDecimal("quantity"), r.getBigDecimal("taxable_amount"), r.getBigDecimal("cgst"),
                        r.getBigDecimal("sgst"), r.getBigDecimal("igst"), terms(r)));
            }
            return db.preparedQuery("SELECT number, kind FROM credit_notes WHERE note_date BETWEEN $1 AND $2 ORDER BY number").execute(range(month))
                    .map(numbers -> {
                        List<IssuedNumber> credit = new ArrayList<>();
                        List<IssuedNumber> debit = new ArrayList<>();
                        // A note is never cancelled: it is answered by another note.
                        numbers.forEach(n -> ("credit".equals(n.getString("kind")) ? credit : debit).add(new IssuedNumber(n.getString("number"), false)));
                        return new Gstr1.NoteSupplies(lines, credit, debit);
                    });
        });
    }

    public Uni<List<Map<String, Object>>> salesRegister(SqlClient db, YearMonth month) {
        String sql = "SELECT i.number, i.invoice_date, p.name AS customer, p.gstin AS customer_gstin, i.place_of_supply, i.taxable_amount AS taxable, "
                + "i.cgst, i.sgst, i.igst, i.round_off, i.total, i.status FROM invoices i JOIN parties p ON p.id = i.customer_id WHERE "
                + ISSUED_IN_MONTH + " ORDER BY i.invoice_date, i.number";
        return db.preparedQuery(sql).execute(range(month)).map(Gstr1Repository::rows);
    }

    private static Tuple range(YearMonth month) {
        return Tuple.of(month.atDay(1), month.atEndOfMonth());
    }

    private static List<Map<String, Object>> rows(RowSet<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                Object v = r.getValue(i);
                m.put(r.getColumnName(i), v instanceof LocalDate d ? d.toString() : v);
            }
            out.add(m);
        }
        return out;
    }
}
