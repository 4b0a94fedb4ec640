package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.gst.FinancialYear;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.RequestScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credit and debit notes against an issued invoice (CGST Act s. 34, Rule 53): each line refers to a line of the invoice
 * and is taxed by {@link GstCalculator} at that line's rate, split CGST+SGST or IGST as the invoice was. Goods that come
 * back on a credit note return to stock, and extra goods on a debit note leave it, where issuing the invoice moved the
 * product's stock. The invoice row is locked for the whole transaction, so two notes written at once are judged one
 * after the other: credit never exceeds what was sold (per line in quantity and value, and in all the invoice's value
 * with its debit notes).
 */
@RequestScoped
public class NoteService {

    private static final String COLUMNS = "SELECT n.id, n.kind, n.number, n.invoice_id, i.number AS invoice_number, i.invoice_date, n.note_date, "
            + "n.reason, n.cancels_invoice, i.place_of_supply, n.inter_state, n.taxable_amount, n.cgst, n.sgst, n.igst, n.round_off, n.total, n.irn "
            + "FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id";
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("99999999999.999");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    /** Amounts are numeric(14,2): an invoice's total with its debit notes must stay below this. */
    private static final BigDecimal UNSTORABLE = new BigDecimal("1000000000000");
    private static final int MAX_LINES = 500;

    private final TenantContext tenant;

    public NoteService(TenantContext tenant) {
        this.tenant = tenant;
    }

    public Uni<NoteView> create(NoteKind kind, NoteRequest r) {
        tenant.requireRole(Role.MANAGER, "write " + kind.title().toLowerCase() + "s");
        validate(r);
        LocalDate today = LocalDate.now(InvoiceService.INDIA);
        LocalDate noteDate = r.noteDate() != null ? r.noteDate() : today;
        if (noteDate.isAfter(today)) {
            throw ApiException.badRequest("VALIDATION_ERROR", "note_date", "note_date may not be in the future");
        }
        FinancialYear year = FinancialYear.of(noteDate);
        String gstin = tenant.tenant().snapshot().gstin();
        long invoiceId = r.invoiceId();
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> conn.preparedQuery("SELECT status, invoice_date, inter_state, total, "
                                + "credited, debited, amount_paid, irn, with_payment_of_tax, " + InvoiceTotals.CUSTOMER_CATEGORY + " FROM invoices WHERE id = $1 FOR UPDATE").execute(Tuple.of(invoiceId))
                .flatMap(rows -> {
                    Row invoice = lockedInvoice(rows, invoiceId);
                    if (noteDate.isBefore(invoice.getLocalDate("invoice_date"))) {
                        throw ApiException.badRequest("VALIDATION_ERROR", "note_date", "note_date may not be before the invoice's date, "
                                + invoice.getLocalDate("invoice_date"));
                    }
                    return conn.preparedQuery("SELECT position, product_id, description, hsn_sac, unit, quantity, unit_price, discount_percent, "
                                    + "gst_rate, taxable_amount FROM invoice_lines WHERE invoice_id = $1 ORDER BY position").execute(Tuple.of(invoiceId))
                            .flatMap(lines -> conn.preparedQuery("SELECT l.invoice_position, n.kind, coalesce(sum(l.quantity), 0) AS quantity, "
                                            + "sum(l.taxable_amount) AS taxable FROM note_lines l JOIN credit_notes n ON n.id = l.note_id "
                                            + "WHERE n.invoice_id = $1 GROUP BY l.invoice_position, n.kind").execute(Tuple.of(invoiceId))
                                    .map(noted -> plan(kind, r, invoice, lines, noted)))
                            .flatMap(plan -> DocumentNumbers.next(conn, kind.series(), kind.prefix(), year)
                                    .flatMap(number -> write(conn, kind, r, invoice, invoiceId, noteDate, year, number,
                                            invoice.getString("irn") == null ? null : InvoiceService.documentHash(gstin, year, kind.documentType(), number),
                                            plan)));
                })
                .flatMap(noteId -> load(conn, kind, noteId))));
    }

    public Uni<NoteView> get(NoteKind kind, long id) {
        return tenant.withDatabase(pool -> load(pool, kind, id));
    }

    public Uni<Page<NoteView>> list(NoteKind kind, Long invoiceId, PageRequest request) {
        String where = " WHERE n.kind = $1 AND ($2::bigint IS NULL OR n.invoice_id = $2)";
        return tenant.withDatabase(pool -> pool.preparedQuery(COLUMNS + where + " ORDER BY n.id DESC LIMIT $3 OFFSET $4")
                .execute(Tuple.from(Arrays.asList(kind.code(), invoiceId, request.size(), request.offset())))
                .flatMap(rows -> withLines(pool, rows))
                .flatMap(items -> pool.preparedQuery("SELECT count(*) FROM credit_notes n" + where)
                        .execute(Tuple.from(Arrays.asList(kind.code(), invoiceId)))
                        .map(count -> Page.of(items, request, count.iterator().next().getLong(0)))));
    }

    // ---- parts

    private static void validate(NoteRequest r) {
        if (r == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the note as JSON");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        if (r.invoiceId() == null) {
            errors.add(new ErrorDetail("invoice_id", "invoice_id is required"));
        }
        if (r.reason() == null || r.reason().isBlank() || r.reason().length() > 500 || r.reason().indexOf('\0') >= 0) {
            errors.add(new ErrorDetail("reason", "reason is required (up to 500 characters)"));
        }
        if (r.lines() == null || r.lines().isEmpty() || r.lines().size() > MAX_LINES) {
            errors.add(new ErrorDetail("lines", "a note needs 1 to " + MAX_LINES + " lines"));
        } else {
            for (int i = 0; i < r.lines().size(); i++) {
                NoteRequest.Line l = r.lines().get(i);
                String at = "lines[" + i + "].";
                if (l == null) {
                    errors.add(new ErrorDetail("lines[" + i + "]", "a line must be an object"));
                    continue;
                }
                if (l.invoiceLine() == null || l.invoiceLine() < 1) {
                    errors.add(new ErrorDetail(at + "invoice_line", "invoice_line (the position of the invoice's line, from 1) is required"));
                }
                if ((l.quantity() == null) == (l.amount() == null)) {
                    errors.add(new ErrorDetail(at + "quantity", "give either quantity (goods) or amount (a taxable value), not both"));
                }
                if (l.quantity() != null && (l.quantity().signum() <= 0 || l.quantity().scale() > 3 || l.quantity().compareTo(MAX_QUANTITY) > 0)) {
                    errors.add(new ErrorDetail(at + "quantity", "quantity must be more than zero, at most " + MAX_QUANTITY.toPlainString()
                            + ", with at most three decimals"));
                }
                if (l.amount() != null && (l.amount().signum() <= 0 || l.amount().scale() > 2 || l.amount().compareTo(MAX_AMOUNT) > 0)) {
                    errors.add(new ErrorDetail(at + "amount", "amount must be more than zero, at most " + MAX_AMOUNT.toPlainString()
                            + ", in rupees with at most two decimals"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    private static Row lockedInvoice(RowSet<Row> rows, long invoiceId) {
        if (!rows.iterator().hasNext()) {
            throw ApiException.unprocessable("UNKNOWN_INVOICE", "Invoice " + invoiceId + " does not exist");
        }
        Row invoice = rows.iterator().next();
        InvoiceStatus.of(invoice.getString("status")).next(InvoiceStatus.Step.NOTE, invoiceId);
        return invoice;
    }

    /** One line of the invoice as sold, and what earlier notes credited and debited against it. */
    private record Sold(Row line, BigDecimal creditedQuantity, BigDecimal creditedTaxable, BigDecimal debitedQuantity, BigDecimal debitedTaxable) {
    }

    /** A note line to write: the invoice line it refers to, the quantity (null for a value), and its tax input. */
    record Planned(Row invoiceLine, BigDecimal quantity, GstCalculator.LineInput input) {
    }

    record Plan(List<Planned> lines, GstCalculator.InvoiceTax tax) {
    }

    /** Prices each line as its invoice line was, taxes the note as the invoice was, and refuses any over-credit. */
    static Plan plan(NoteKind kind, NoteRequest r, Row invoice, RowSet<Row> invoiceLines, RowSet<Row> noted) {
        Map<Integer, Row> byPosition = new HashMap<>();
        invoiceLines.forEach(l -> byPosition.put(l.getInteger("position"), l));
        Map<Integer, BigDecimal[]> earlier = new HashMap<>();
        for (Row n : noted) {
            BigDecimal[] sums = earlier.computeIfAbsent(n.getInteger("invoice_position"),
                    p -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            int at = NoteKind.CREDIT.code().equals(n.getString("kind")) ? 0 : 2;
            sums[at] = n.getBigDecimal("quantity");
            sums[at + 1] = n.getBigDecimal("taxable");
        }
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            NoteRequest.Line l = r.lines().get(i);
            Row line = byPosition.get(l.invoiceLine());
            if (line == null) {
                throw ApiException.badRequest("VALIDATION_ERROR", "lines[" + i + "].invoice_line", "The invoice has no line " + l.invoiceLine()
                        + " (it has " + byPosition.size() + ")");
            }
            GstCalculator.LineInput input = l.quantity() != null
                    ? new GstCalculator.LineInput(l.quantity(), line.getBigDecimal("unit_price"), line.getBigDecimal("discount_percent"),
                    line.getBigDecimal("gst_rate"))
                    : new GstCalculator.LineInput(BigDecimal.ONE, l.amount(), BigDecimal.ZERO, line.getBigDecimal("gst_rate"));
            planned.add(new Planned(line, l.quantity(), input));
        }
        // Taxed as the invoice was: its split, and nil on a zero-rated supply under LUT/bond (the note follows its invoice).
        GstCalculator.InvoiceTax tax = GstCalculator.compute(planned.stream().map(Planned::input).toList(), invoice.getBoolean("inter_state"),
                InvoiceService.supplyType(invoice).withoutTax());
        BigDecimal owed = invoice.getBigDecimal("total").add(invoice.getBigDecimal("debited"));
        if (kind == NoteKind.CREDIT) {
            refuseOverCredit(planned, tax, earlier);
            BigDecimal credited = invoice.getBigDecimal("credited").add(tax.total());
            if (credited.compareTo(owed) > 0) {
                throw ApiException.unprocessable("CREDIT_EXCEEDS_INVOICE", "Credit notes would come to " + credited.toPlainString()
                        + " against an invoice worth " + owed.toPlainString() + " with its debit notes");
            }
        } else if (owed.add(tax.total()).compareTo(UNSTORABLE) >= 0) {
            throw ApiException.badRequest("INVALID_VALUE", "lines", "The invoice with its debit notes would come to "
                    + owed.add(tax.total()).toPlainString() + ", beyond what an invoice can hold");
        }
        return new Plan(planned, tax);
    }

    /** Per invoice line: never more quantity than sold (with debit notes' extra), never more value than its taxable value. */
    private static void refuseOverCredit(List<Planned> planned, GstCalculator.InvoiceTax tax, Map<Integer, BigDecimal[]> earlier) {
        Map<Integer, BigDecimal[]> asked = new LinkedHashMap<>();
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            BigDecimal[] sums = asked.computeIfAbsent(p.invoiceLine().getInteger("position"), x -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            sums[0] = sums[0].add(p.quantity() == null ? BigDecimal.ZERO : p.quantity());
            sums[1] = sums[1].add(tax.lines().get(i).taxable());
        }
        Map<Integer, Row> lines = new HashMap<>();
        planned.forEach(p -> lines.put(p.invoiceLine().getInteger("position"), p.invoiceLine()));
        asked.forEach((position, sums) -> {
            Row line = lines.get(position);
            BigDecimal[] before = earlier.getOrDefault(position, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal sold = line.getBigDecimal("quantity").add(before[2]);
            BigDecimal left = sold.subtract(before[0]);
            if (sums[0].compareTo(left) > 0) {
                throw ApiException.unprocessable("QUANTITY_EXCEEDS_SOLD", "Line " + position + " sold " + plain(sold) + " " + line.getString("unit")
                        + (before[0].signum() > 0 ? ", of which " + plain(before[0]) + " credited already" : "") + "; "
                        + plain(sums[0]) + " is more than the " + plain(left) + " left");
            }
            BigDecimal value = line.getBigDecimal("taxable_amount").add(before[3]);
            BigDecimal valueLeft = value.subtract(before[1]);
            if (sums[1].compareTo(valueLeft) > 0) {
                throw ApiException.unprocessable("CREDIT_EXCEEDS_INVOICE", "Line " + position + " has a taxable value of " + value.toPlainString()
                        + (before[1].signum() > 0 ? ", of which " + before[1].toPlainString() + " credited already" : "") + "; "
                        + sums[1].toPlainString() + " is more than the " + valueLeft.toPlainString() + " left");
            }
        });
    }

    private static String plain(BigDecimal quantity) {
        return quantity.stripTrailingZeros().toPlainString();
    }

    /** @param invoice the invoice's row, locked: its amounts are those the note changes */
    private static Uni<Long> write(SqlClient conn, NoteKind kind, NoteRequest r, Row invoice, long invoiceId, LocalDate noteDate,
                                   FinancialYear year, String number, String irn, Plan plan) {
        GstCalculator.InvoiceTax tax = plan.tax();
        return conn.preparedQuery("INSERT INTO credit_notes (invoice_id, number, financial_year, note_date, reason, taxable_amount, tax_amount, "
                        + "total, irn, kind, cancels_invoice, inter_state, cgst, sgst, igst, round_off) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, FALSE, $11, $12, $13, $14, $15) RETURNING id")
                .execute(Tuple.from(Arrays.asList(invoiceId, number, year.code(), noteDate, r.reason().trim(), tax.taxable(),
                        tax.cgst().add(tax.sgst()).add(tax.igst()), tax.total(), irn, kind.code(), tax.interState(), tax.cgst(), tax.sgst(),
                        tax.igst(), tax.roundOff())))
                .map(rows -> rows.iterator().next().getLong("id"))
                .flatMap(noteId -> {
                    List<Tuple> lines = new ArrayList<>();
                    List<Tuple> moves = new ArrayList<>();
                    // Goods back add to stock, extra goods take from it; only where the invoice's issue moved the product's stock.
                    BigDecimal direction = kind == NoteKind.CREDIT ? BigDecimal.ONE : BigDecimal.ONE.negate();
                    for (int i = 0; i < plan.lines().size(); i++) {
                        Planned p = plan.lines().get(i);
                        Row l = p.invoiceLine();
                        GstCalculator.LineTax t = tax.lines().get(i);
                        lines.add(Tuple.from(Arrays.asList(noteId, i + 1, l.getInteger("position"), l.getLong("product_id"), l.getString("description"),
                                l.getString("hsn_sac"), l.getString("unit"), p.quantity(), l.getBigDecimal("gst_rate"), t.taxable(), t.cgst(), t.sgst(),
                                t.igst(), t.total())));
                        if (p.quantity() != null && l.getLong("product_id") != null) {
                            moves.add(Tuple.of(l.getLong("product_id"), p.quantity().multiply(direction),
                                    kind == NoteKind.CREDIT ? "sale_returned" : "sale", kind.code() + "-note:" + number, "invoice:" + invoiceId));
                        }
                    }
                    Uni<?> stock = moves.isEmpty() ? Uni.createFrom().voidItem()
                            : conn.preparedQuery("WITH moved AS (INSERT INTO stock_movements (product_id, quantity, reason, reference) "
                                    + "SELECT $1::bigint, $2::numeric, $3::text, $4::text WHERE EXISTS "
                                    + "(SELECT 1 FROM stock_movements WHERE reference = $5 AND product_id = $1) RETURNING product_id, quantity) "
                                    + "UPDATE products p SET stock_quantity = p.stock_quantity + m.quantity, updated_at = now() FROM moved m "
                                    + "WHERE p.id = m.product_id").executeBatch(moves);
                    BigDecimal credited = kind == NoteKind.CREDIT ? tax.total() : BigDecimal.ZERO;
                    BigDecimal debited = kind == NoteKind.DEBIT ? tax.total() : BigDecimal.ZERO;
                    BigDecimal paid = invoice.getBigDecimal("amount_paid");
                    BigDecimal balanceDue = invoice.getBigDecimal("total").add(invoice.getBigDecimal("debited")).add(debited)
                            .subtract(invoice.getBigDecimal("credited")).subtract(credited).subtract(paid);
                    InvoiceStatus after = InvoiceStatus.of(invoice.getString("status")).afterNote(invoiceId, balanceDue, paid);
                    return conn.preparedQuery("INSERT INTO note_lines (note_id, position, invoice_position, product_id, description, hsn_sac, unit, "
                                    + "quantity, gst_rate, taxable_amount, cgst, sgst, igst, total) "
                                    + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)").executeBatch(lines)
                            .flatMap(x -> stock)
                            .flatMap(x -> conn.preparedQuery("UPDATE invoices SET credited = credited + $2, debited = debited + $3, status = $4, "
                                            + "updated_at = now() WHERE id = $1")
                                    .execute(Tuple.of(invoiceId, credited, debited, after.code())))
                            .replaceWith(noteId);
                });
    }

    private static Uni<NoteView> load(SqlClient conn, NoteKind kind, long id) {
        return conn.preparedQuery(COLUMNS + " WHERE n.id = $1 AND n.kind = $2").execute(Tuple.of(id, kind.code()))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.notFound(kind.title() + " " + id);
                    }
                    return withLines(conn, rows);
                })
                .map(notes -> notes.get(0));
    }

    private static Uni<List<NoteView>> withLines(SqlClient conn, RowSet<Row> notes) {
        List<Long> ids = new ArrayList<>();
        notes.forEach(n -> ids.add(n.getLong("id")));
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return conn.preparedQuery("SELECT * FROM note_lines WHERE note_id = ANY($1) ORDER BY note_id, position")
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .map(lines -> {
                    Map<Long, List<NoteView.Line>> byNote = new HashMap<>();
                    lines.forEach(l -> byNote.computeIfAbsent(l.getLong("note_id"), x -> new ArrayList<>()).add(new NoteView.Line(
                            l.getInteger("position"), l.getInteger("invoice_position"), l.getLong("product_id"), l.getString("description"),
                            l.getString("hsn_sac"), l.getString("unit"), l.getBigDecimal("quantity"), l.getBigDecimal("gst_rate"),
                            l.getBigDecimal("taxable_amount"), l.getBigDecimal("cgst"), l.getBigDecimal("sgst"), l.getBigDecimal("igst"),
                            l.getBigDecimal("total"))));
                    List<NoteView> views = new ArrayList<>();
                    for (Row n : notes) {
                        views.add(new NoteView(n.getLong("id"), n.getString("kind"), n.getString("number"), n.getLong("invoice_id"),
                                n.getString("invoice_number"), n.getLocalDate("invoice_date"), n.getLocalDate("note_date"), n.getString("reason"),
                                n.getBoolean("cancels_invoice"), n.getString("place_of_supply"), n.getBoolean("inter_state"),
                                n.getBigDecimal("taxable_amount"), n.getBigDecimal("cgst"), n.getBigDecimal("sgst"), n.getBigDecimal("igst"),
                                n.getBigDecimal("round_off"), n.getBigDecimal("total"), n.getString("irn"),
                                byNote.getOrDefault(n.getLong("id"), List.of())));
                    }
                    return views;
                });
    }
}
