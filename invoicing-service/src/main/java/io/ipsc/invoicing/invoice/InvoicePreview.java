package io.ipsc.invoicing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What issuing the body would make of it, stored nowhere: each line with its taxable value and
 * tax, the totals, the round-off and the total in words; the figures are named as on the invoice.
 */
public record InvoicePreview(long customerId, LocalDate invoiceDate, LocalDate dueDate, String placeOfSupply, String placeOfSupplyName,
                             boolean interState, BigDecimal taxableAmount, BigDecimal cgst, BigDecimal sgst, BigDecimal igst,
                             BigDecimal roundOff, BigDecimal total, String amountInWords, List<InvoiceView.LineView> lines) {
}
