package io.ipsc.invoicing.purchase;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A vendor's bill as recorded, with what is still to pay. A single purchase ({@code GET /api/purchases/{id}} and the
 * answers of recording it or a payment) carries its lines and the payments made against it; the list leaves both out
 * (null), as a page of bills is read for its figures.
 */
public record PurchaseView(long id, long vendorId, String billNumber, LocalDate billDate, LocalDate dueDate, String status,
                           boolean interState, BigDecimal taxableAmount, BigDecimal cgst, BigDecimal sgst, BigDecimal igst,
                           BigDecimal roundOff, BigDecimal total, BigDecimal amountPaid, BigDecimal balanceDue, List<Line> lines,
                           List<Payment> payments) {

    /** The columns {@link #of} reads, in this order. */
    static final String COLUMNS = "id, vendor_id, bill_number, bill_date, due_date, status, inter_state, taxable_amount, cgst, sgst, igst, "
            + "round_off, total, amount_paid";
    static final String LINE_COLUMNS = "position, product_id, description, hsn_sac, quantity, unit_price, gst_rate, taxable_amount, tax_amount";
    static final String PAYMENT_COLUMNS = "id, amount, mode, reference, paid_on";

    /** A line of the bill as recorded: the tax is the line's whole GST (CGST+SGST or IGST, as the bill's {@code inter_state} says). */
    @Schema(name = "PurchaseLineView")
    public record Line(int position, Long productId, String description, String hsnSac, BigDecimal quantity, BigDecimal unitPrice,
                       BigDecimal gstRate, BigDecimal taxableAmount, BigDecimal taxAmount, BigDecimal total) {

        static Line of(Row r) {
            return new Line(r.getInteger("position"), r.getLong("product_id"), r.getString("description"), r.getString("hsn_sac"),
                    r.getBigDecimal("quantity"), r.getBigDecimal("unit_price"), r.getBigDecimal("gst_rate"), r.getBigDecimal("taxable_amount"),
                    r.getBigDecimal("tax_amount"), r.getBigDecimal("taxable_amount").add(r.getBigDecimal("tax_amount")));
        }
    }

    /** A payment made against the bill. */
    @Schema(name = "PurchasePaymentView")
    public record Payment(long id, BigDecimal amount, String mode, String reference, LocalDate paidOn) {

        static Payment of(Row r) {
            return new Payment(r.getLong("id"), r.getBigDecimal("amount"), r.getString("mode"), r.getString("reference"),
                    r.getLocalDate("paid_on"));
        }
    }

    /** The bill without its lines and payments, as the list shows it. */
    static PurchaseView of(Row r) {
        return of(r, null, null);
    }

    static PurchaseView of(Row r, List<Line> lines, List<Payment> payments) {
        return new PurchaseView(r.getLong("id"), r.getLong("vendor_id"), r.getString("bill_number"), r.getLocalDate("bill_date"),
                r.getLocalDate("due_date"), r.getString("status"), r.getBoolean("inter_state"), r.getBigDecimal("taxable_amount"),
                r.getBigDecimal("cgst"), r.getBigDecimal("sgst"), r.getBigDecimal("igst"), r.getBigDecimal("round_off"),
                r.getBigDecimal("total"), r.getBigDecimal("amount_paid"), r.getBigDecimal("total").subtract(r.getBigDecimal("amount_paid")),
                lines, payments);
    }

    static <T> List<T> all(Iterable<Row> rows, java.util.function.Function<Row, T> each) {
        List<T> items = new ArrayList<>();
        rows.forEach(r -> items.add(each.apply(r)));
        return items;
    }
}
