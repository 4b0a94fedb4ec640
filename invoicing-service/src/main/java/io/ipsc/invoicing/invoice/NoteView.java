package io.ipsc.invoicing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit or debit note as the API shows it, with the invoice it refers to (number and date: CGST Rule 53) and its
 * tax, split as the invoice's was. {@code cancels_invoice} marks the credit note that cancelled a whole invoice
 * ({@code POST /api/invoices/{id}/cancel}); it has no lines.
 */
public record NoteView(long id, String kind, String number, long invoiceId, String invoiceNumber, LocalDate invoiceDate, LocalDate noteDate,
                       String reason, boolean cancelsInvoice, String placeOfSupply, boolean interState, BigDecimal taxableAmount,
                       BigDecimal cgst, BigDecimal sgst, BigDecimal igst, BigDecimal roundOff, BigDecimal total, String irn, List<Line> lines) {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "NoteLineView")
    public record Line(int position, int invoiceLine, Long productId, String description, String hsnSac, String unit, BigDecimal quantity,
                       BigDecimal gstRate, BigDecimal taxableAmount, BigDecimal cgst, BigDecimal sgst, BigDecimal igst, BigDecimal total) {
    }
}
