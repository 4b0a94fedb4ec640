package io.ipsc.invoicing.purchase;

import io.ipsc.invoicing.cashflow.Ageing;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.invoice.PaymentRequest;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for vendor bills, their lines, the stock they bring in and the payments made against them. */
@ApplicationScoped
public class PurchaseRepository {

    /** The vendor's GST state code (null when unknown); empty when there is no such vendor. */
    public Uni<Optional<Optional<String>>> vendorState(SqlClient db, long vendorId) {
        return db.preparedQuery("SELECT state_code FROM parties WHERE id = $1 AND kind = 'vendor'").execute(Tuple.of(vendorId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(Optional.ofNullable(rows.iterator().next().getString(0))) : Optional.empty());
    }

    /** Writes the bill with its tax, its lines and (with inventory management) the stock its product lines bring in; its id. */
    public Uni<Long> insert(SqlClient tx, PurchaseRequest r, LocalDate billDate, GstCalculator.InvoiceTax tax, boolean inventory) {
        return tx.preparedQuery("INSERT INTO purchases (vendor_id, bill_number, bill_date, due_date, status, inter_state, "
                        + "taxable_amount, cgst, sgst, igst, round_off, total) VALUES ($1, $2, $3, $4, 'received', $5, $6, $7, $8, $9, $10, $11) RETURNING id")
                .execute(Tuple.from(Arrays.asList(r.vendorId(), r.billNumber().trim(), billDate, r.dueDate(), tax.interState(),
                        tax.taxable(), tax.cgst(), tax.sgst(), tax.igst(), tax.roundOff(), tax.total())))
                .chain(rows -> lines(tx, rows.iterator().next().getLong(0), r.lines(), tax, inventory));
    }

    /** The bills, newest first; {@code ageing} (may be null) keeps those still owed of one ageing bucket. */
    public Uni<Page<PurchaseView>> list(SqlClient db, Ageing bucket, PageRequest request) {
        String where = " WHERE (NOT $4::boolean OR status IN ('received', 'partially_paid')) AND " + Ageing.condition("bill_date", 1);
        List<Object> params = new ArrayList<>(Ageing.parameters(bucket));
        params.add(bucket != null);
        List<Object> paged = new ArrayList<>(params);
        paged.addAll(List.of(request.size(), request.offset()));
        return PagedQuery.fetch(request,
                () -> db.preparedQuery("SELECT " + PurchaseView.COLUMNS + " FROM purchases" + where + " ORDER BY id DESC LIMIT $5 OFFSET $6")
                        .execute(Tuple.from(paged)),
                PurchaseView::of,
                () -> db.preparedQuery("SELECT count(*) FROM purchases" + where).execute(Tuple.from(params)));
    }

    /** Locks the bill for a payment; its total and what is paid. */
    public Uni<Row> lockBalance(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT total, amount_paid FROM purchases WHERE id = $1 FOR UPDATE").execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw ApiException.notFound("Purchase " + id);
            }
            return rows.iterator().next();
        });
    }

    public Uni<Void> insertPayment(SqlClient tx, long id, PaymentRequest r, LocalDate paidOn, BigDecimal paidInAll, String status) {
        return tx.preparedQuery("INSERT INTO purchase_payments (purchase_id, amount, mode, reference, paid_on) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.from(Arrays.asList(id, r.amount(), r.mode(), r.reference(), paidOn)))
                .chain(x -> tx.preparedQuery("UPDATE purchases SET amount_paid = $2, status = $3 WHERE id = $1").execute(Tuple.of(id, paidInAll, status)))
                .replaceWithVoid();
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
    public Uni<PurchaseView> load(SqlClient conn, long id) {
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
