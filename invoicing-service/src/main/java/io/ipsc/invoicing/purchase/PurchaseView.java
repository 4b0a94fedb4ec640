package io.ipsc.invoicing.purchase;

import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A vendor's bill as recorded, with what is still to pay. */
public record PurchaseView(long id, long vendorId, String billNumber, LocalDate billDate, LocalDate dueDate, String status,
                           boolean interState, BigDecimal taxableAmount, BigDecimal cgst, BigDecimal sgst, BigDecimal igst,
                           BigDecimal roundOff, BigDecimal total, BigDecimal amountPaid, BigDecimal balanceDue) {

    /** The columns {@link #of} reads, in this order. */
    static final String COLUMNS = "id, vendor_id, bill_number, bill_date, due_date, status, inter_state, taxable_amount, cgst, sgst, igst, "
            + "round_off, total, amount_paid";

    static PurchaseView of(Row r) {
        return new PurchaseView(r.getLong("id"), r.getLong("vendor_id"), r.getString("bill_number"), r.getLocalDate("bill_date"),
                r.getLocalDate("due_date"), r.getString("status"), r.getBoolean("inter_state"), r.getBigDecimal("taxable_amount"),
                r.getBigDecimal("cgst"), r.getBigDecimal("sgst"), r.getBigDecimal("igst"), r.getBigDecimal("round_off"),
                r.getBigDecimal("total"), r.getBigDecimal("amount_paid"), r.getBigDecimal("total").subtract(r.getBigDecimal("amount_paid")));
    }
}
