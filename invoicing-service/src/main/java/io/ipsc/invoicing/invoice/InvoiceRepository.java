package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.cashflow.Ageing;
import io.ipsc.invoicing.gst.FinancialYear;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.gst.GstCategory;
import io.ipsc.invoicing.gst.PlaceOfSupply;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.money.IndianAmounts;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for invoices, their lines, payments and the stock they move, on whichever tenant database (or transaction) it is given. */
@ApplicationScoped
public class InvoiceRepository {

    static final String COLUMNS = "id, number, status, customer_id, invoice_date, due_date, place_of_supply, inter_state, "
            + "taxable_amount, cgst, sgst, igst, round_off, total, amount_paid, credited, debited, irn, notes, issued_at, reverse_charge, "
            + "with_payment_of_tax, export_currency, port_code, shipping_bill_number, shipping_bill_date, export_country, " + InvoiceTotals.CUSTOMER_CATEGORY;
    /** The columns of an invoice's supply terms, in the order {@link #terms} appends them. */
    private static final String TERMS = "reverse_charge, with_payment_of_tax, export_currency, port_code, shipping_bill_number, shipping_bill_date, export_country";

    /** The columns of an invoice's amounts, in the order {@link #amounts} appends them. */
    private static final String AMOUNTS = "place_of_supply, inter_state, taxable_amount, cgst, sgst, igst, round_off, total";

    /** A product's stock against what an invoice takes of it. */
    record StockNeed(long productId, String sku, BigDecimal inStock, BigDecimal needed) {
    }

    /** Writes a draft's head with its amounts, computed from its lines before the write. */
    public Uni<Long> insertDraft(SqlClient tx, InvoiceRequest r, LocalDate invoiceDate, InvoiceTotals.Computed amounts) {
        return tx.preparedQuery("INSERT INTO invoices (customer_id, status, invoice_date, due_date, notes, " + TERMS + ", " + AMOUNTS + ") "
                        + "VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id")
                .execute(Tuple.from(amounts(terms(Arrays.asList(r.customerId(), invoiceDate, r.dueDate(), r.notes()), r), amounts)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Replaces a draft's head (with its new amounts) and throws its lines away, for {@link #insertLines} to write the new ones. */
    public Uni<Void> replaceDraft(SqlClient tx, long id, InvoiceRequest r, InvoiceTotals.Computed amounts) {
        return tx.preparedQuery("UPDATE invoices SET customer_id = $2, invoice_date = coalesce($3, invoice_date), due_date = $4, notes = $5, "
                        + "(" + TERMS + ") = ($6, $7, $8, $9, $10, $11, $12), (" + AMOUNTS + ") = ($13, $14, $15, $16, $17, $18, $19, $20), "
                        + "updated_at = now() WHERE id = $1")
                .execute(Tuple.from(amounts(terms(Arrays.asList(id, r.customerId(), r.invoiceDate(), r.dueDate(), r.notes()), r), amounts)))
                .chain(x -> tx.preparedQuery("DELETE FROM invoice_lines WHERE invoice_id = $1").execute(Tuple.of(id)))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient tx, long id) {
        return tx.preparedQuery("DELETE FROM invoices WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Writes the lines with the amounts {@code amounts} computed for them: one INSERT per line, never updated after. */
    public Uni<Void> insertLines(SqlClient tx, long invoiceId, List<PricedLine> lines, InvoiceTotals.Computed amounts) {
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            PricedLine l = lines.get(i);
            GstCalculator.LineTax t = amounts.line(i);
            batch.add(Tuple.from(Arrays.asList(invoiceId, i + 1, l.productId(), l.description(), l.hsnSac(), l.unit(), l.quantity(), l.unitPrice(),
                    l.discountPercent(), l.gstRate(), t.taxable(), t.cgst(), t.sgst(), t.igst(), t.total())));
        }
        return tx.preparedQuery("INSERT INTO invoice_lines (invoice_id, position, product_id, description, hsn_sac, unit, quantity, unit_price, "
                        + "discount_percent, gst_rate, taxable_amount, cgst, sgst, igst, total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                        + "$11, $12, $13, $14, $15)")
                .executeBatch(batch)
                .replaceWithVoid();
    }

    /** Locks the invoice for a change of status; its status, date and customer's category. */
    public Uni<Row> lock(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT id, status, invoice_date, " + InvoiceTotals.CUSTOMER_CATEGORY + " FROM invoices WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)).map(rows -> single(rows, id));
    }

    /** Locks the invoice for cancelling; its amounts, as the cancelling credit note copies them. */
    public Uni<Row> lockAmounts(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT status, amount_paid, taxable_amount, cgst, sgst, igst, cgst + sgst + igst AS tax, round_off, total, inter_state, "
                        + "credited, debited, " + InvoiceTotals.CUSTOMER_CATEGORY + " FROM invoices WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)).map(rows -> single(rows, id));
    }

    /** Locks the invoice for a payment; its status, what is owed in all and what is paid. */
    public Uni<Row> lockBalance(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT status, " + InvoiceService.AMOUNT_OWED + " AS owed, amount_paid FROM invoices WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)).map(rows -> single(rows, id));
    }

    public Uni<Long> lineCount(SqlClient db, long id) {
        return db.preparedQuery("SELECT count(*) FROM invoice_lines WHERE invoice_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> markIssued(SqlClient tx, long id, String number, FinancialYear year, String irn) {
        return tx.preparedQuery("UPDATE invoices SET status = 'issued', number = $2, financial_year = $3, irn = $4, "
                        + "issued_at = now(), updated_at = now() WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(id, number, year.code(), irn))).replaceWithVoid();
    }

    public Uni<Void> setStatus(SqlClient tx, long id, InvoiceStatus status) {
        return tx.preparedQuery("UPDATE invoices SET status = $2, updated_at = now() WHERE id = $1").execute(Tuple.of(id, status.code()))
                .replaceWithVoid();
    }

    public Uni<Void> insertPayment(SqlClient tx, long id, PaymentRequest r, LocalDate paidOn, BigDecimal paidInAll, InvoiceStatus next) {
        return tx.preparedQuery("INSERT INTO payments (invoice_id, amount, mode, reference, paid_on) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.from(Arrays.asList(id, r.amount(), r.mode(), r.reference(), paidOn)))
                .chain(x -> tx.preparedQuery("UPDATE invoices SET amount_paid = $2, status = $3, updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(id, paidInAll, next.code())))
                .replaceWithVoid();
    }

    /** Writes the credit note that cancels invoice {@code id} at its full value; its id, number, total and IRN. */
    public Uni<Row> insertCancellingNote(SqlClient tx, long id, Row invoice, String number, FinancialYear year, LocalDate noteDate, String reason,
                                         String irn) {
        return tx.preparedQuery("INSERT INTO credit_notes (invoice_id, number, financial_year, note_date, reason, "
                        + "taxable_amount, tax_amount, total, irn, kind, cancels_invoice, inter_state, cgst, sgst, igst, round_off) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'credit', TRUE, $10, $11, $12, $13, $14) RETURNING id, number, total, irn")
                .execute(Tuple.from(Arrays.asList(id, number, year.code(), noteDate, reason, invoice.getBigDecimal("taxable_amount"),
                        invoice.getBigDecimal("tax"), invoice.getBigDecimal("total"), irn, invoice.getBoolean("inter_state"),
                        invoice.getBigDecimal("cgst"), invoice.getBigDecimal("sgst"), invoice.getBigDecimal("igst"), invoice.getBigDecimal("round_off"))))
                .map(rows -> rows.iterator().next());
    }

    /** Puts back the stock invoice {@code id}'s issue took out, referencing the credit note that cancels it. */
    public Uni<Void> returnStock(SqlClient tx, long id, String creditNoteNumber) {
        return tx.preparedQuery("WITH back AS (INSERT INTO stock_movements (product_id, quantity, reason, reference) "
                        + "SELECT product_id, -quantity, 'sale_cancelled', 'credit-note:' || $2::text FROM stock_movements WHERE reference = $1 "
                        + "RETURNING product_id, quantity) UPDATE products p SET stock_quantity = p.stock_quantity + b.quantity, "
                        + "updated_at = now() FROM back b WHERE p.id = b.product_id")
                .execute(Tuple.of("invoice:" + id, creditNoteNumber)).replaceWithVoid();
    }

    public Uni<Boolean> negativeStockAllowed(SqlClient db) {
        return db.query("SELECT value FROM module_settings WHERE key = 'allow_negative_stock'").execute()
                .map(rows -> rows.iterator().hasNext() && Boolean.parseBoolean(rows.iterator().next().getString(0)));
    }

    public Uni<String> invoicePrefix(SqlClient db) {
        return db.query("SELECT value FROM module_settings WHERE key = 'invoice_prefix'").execute()
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : "INV");
    }

    /** Locks the invoice's products in id order (so concurrent issues cannot deadlock), then reads what it takes of each. */
    public Uni<List<StockNeed>> lockStockNeeds(SqlClient tx, long invoiceId) {
        return tx.preparedQuery("SELECT id FROM products WHERE id IN (SELECT product_id FROM invoice_lines WHERE invoice_id = $1) ORDER BY id FOR UPDATE")
                .execute(Tuple.of(invoiceId))
                .chain(locked -> tx.preparedQuery("SELECT l.product_id, sum(l.quantity) AS quantity, p.stock_quantity, p.sku "
                        + "FROM invoice_lines l JOIN products p ON p.id = l.product_id WHERE l.invoice_id = $1 "
                        + "GROUP BY l.product_id, p.stock_quantity, p.sku ORDER BY l.product_id").execute(Tuple.of(invoiceId)))
                .map(rows -> {
                    List<StockNeed> needs = new ArrayList<>();
                    rows.forEach(r -> needs.add(new StockNeed(r.getLong("product_id"), r.getString("sku"), r.getBigDecimal("stock_quantity"),
                            r.getBigDecimal("quantity"))));
                    return needs;
                });
    }

    /** Takes what the invoice needs out of stock, with a 'sale' movement per product referencing the invoice. */
    public Uni<Void> moveStockOut(SqlClient tx, long invoiceId, List<StockNeed> needs) {
        if (needs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> moves = needs.stream().map(n -> Tuple.of(n.productId(), n.needed().negate(), "invoice:" + invoiceId)).toList();
        return tx.preparedQuery("INSERT INTO stock_movements (product_id, quantity, reason, reference) VALUES ($1, $2, 'sale', $3)")
                .executeBatch(moves)
                .chain(x -> tx.preparedQuery("UPDATE products SET stock_quantity = stock_quantity + $2, updated_at = now() WHERE id = $1")
                        .executeBatch(moves.stream().map(t -> Tuple.of(t.getLong(0), t.getBigDecimal(1))).toList()))
                .replaceWithVoid();
    }

    /** The customer {@code customerId}, if it exists. */
    public Uni<Optional<InvoiceCustomer>> customer(SqlClient db, long customerId) {
        return db.preparedQuery("SELECT state_code, gst_category FROM parties WHERE id = $1 AND kind = 'customer'").execute(Tuple.of(customerId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new InvoiceCustomer(row.getString("state_code"), GstCategory.byCode(row.getString("gst_category")).orElseThrow()));
                });
    }

    /** The products among {@code ids} that exist and are not archived, by id. */
    public Uni<Map<Long, Row>> sellableProducts(SqlClient db, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("SELECT id, name, hsn_sac, unit, price, gst_rate FROM products WHERE id = ANY($1) AND NOT archived")
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, Row> byId = new HashMap<>();
                    rows.forEach(row -> byId.put(row.getLong("id"), row));
                    return byId;
                });
    }

    public Uni<InvoiceView> load(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM invoices WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    Row invoice = single(rows, id);
                    return db.preparedQuery("SELECT * FROM invoice_lines WHERE invoice_id = $1 ORDER BY position").execute(Tuple.of(id))
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

    public Uni<Page<InvoiceView>> list(SqlClient db, InvoiceService.ListFilter filter, PageRequest request) {
        String where = " WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint IS NULL OR customer_id = $2)"
                + " AND (NOT $3::boolean OR status IN ('issued', 'partially_paid')) AND " + Ageing.condition("invoice_date", 4);
        List<Object> params = new ArrayList<>(Arrays.asList(filter.status(), filter.customerId(), filter.outstanding()));
        params.addAll(Ageing.parameters(filter.ageing()));
        List<Object> paged = new ArrayList<>(params);
        paged.addAll(List.of(request.size(), request.offset()));
        return PagedQuery.fetch(request,
                () -> db.preparedQuery("SELECT " + COLUMNS + " FROM invoices" + where + " ORDER BY id DESC LIMIT $7 OFFSET $8").execute(Tuple.from(paged)),
                row -> view(row, List.of()),
                () -> db.preparedQuery("SELECT count(*) FROM invoices" + where).execute(Tuple.from(params)));
    }

    /** The invoices, with their lines, newest first, of the customer another module billed under {@code externalRef}. */
    public Uni<Page<InvoiceView>> listForPartyRef(SqlClient db, String externalRef, PageRequest request) {
        String where = " WHERE customer_id IN (SELECT id FROM parties WHERE kind = 'customer' AND external_ref = $1)";
        return db.preparedQuery("SELECT id FROM invoices" + where + " ORDER BY id DESC LIMIT $2 OFFSET $3")
                .execute(Tuple.of(externalRef, request.size(), request.offset()))
                .flatMap(rows -> {
                    List<Uni<InvoiceView>> loads = new ArrayList<>();
                    rows.forEach(row -> loads.add(load(db, row.getLong("id"))));
                    Uni<List<InvoiceView>> items = loads.isEmpty() ? Uni.createFrom().item(List.of())
                            : Uni.join().all(loads).andFailFast();
                    return items.flatMap(list -> db.preparedQuery("SELECT count(*) FROM invoices" + where).execute(Tuple.of(externalRef))
                            .map(count -> Page.of(list, request, count.iterator().next().getLong(0))));
                });
    }

    static InvoiceView view(Row r, List<InvoiceView.LineView> lines) {
        BigDecimal total = r.getBigDecimal("total");
        BigDecimal paid = r.getBigDecimal("amount_paid");
        BigDecimal credited = r.getBigDecimal("credited");
        BigDecimal debited = r.getBigDecimal("debited");
        return new InvoiceView(r.getLong("id"), r.getString("number"), r.getString("status"), r.getLong("customer_id"),
                r.getLocalDate("invoice_date"), r.getLocalDate("due_date"), r.getString("place_of_supply"),
                PlaceOfSupply.name(r.getString("place_of_supply")), r.getBoolean("inter_state"),
                r.getBigDecimal("taxable_amount"), r.getBigDecimal("cgst"), r.getBigDecimal("sgst"), r.getBigDecimal("igst"),
                r.getBigDecimal("round_off"), total, IndianAmounts.inWords(total), paid, credited, debited,
                total.add(debited).subtract(credited).subtract(paid), r.getString("irn"), r.getString("notes"),
                r.getOffsetDateTime("issued_at"), lines, supplyType(r).name(), r.getBoolean("reverse_charge"), r.getString("export_currency"),
                r.getString("port_code"), r.getString("shipping_bill_number"), r.getLocalDate("shipping_bill_date"), r.getString("export_country"));
    }

    /** The supply type of an invoice row read with {@link #COLUMNS}. */
    static SupplyType supplyType(Row r) {
        return SupplyType.of(GstCategory.byCode(r.getString("gst_category")).orElseThrow(), r.getBoolean("with_payment_of_tax"));
    }

    static Row single(RowSet<Row> rows, long id) {
        if (!rows.iterator().hasNext()) {
            throw ApiException.notFound("Invoice " + id);
        }
        return rows.iterator().next();
    }

    private static List<Object> terms(List<Object> head, InvoiceRequest r) {
        List<Object> values = new ArrayList<>(head);
        values.addAll(Arrays.asList(Boolean.TRUE.equals(r.reverseCharge()), Boolean.TRUE.equals(r.withPaymentOfTax()), trim(r.exportCurrency()),
                trim(r.portCode()), trim(r.shippingBillNumber()), r.shippingBillDate(), trim(r.exportCountry())));
        return values;
    }

    private static List<Object> amounts(List<Object> head, InvoiceTotals.Computed amounts) {
        List<Object> values = new ArrayList<>(head);
        GstCalculator.InvoiceTax tax = amounts.tax();
        values.addAll(Arrays.asList(amounts.placeOfSupply(), tax.interState(), tax.taxable(), tax.cgst(), tax.sgst(), tax.igst(), tax.roundOff(),
                tax.total()));
        return values;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
