package io.ipsc.invoicing.invoice;

import java.math.BigDecimal;

/** The credit note that cancels an issued invoice: its number in the financial year's series, and its IRN. */
public record CreditNote(long invoiceId, String creditNoteNumber, BigDecimal total, String irn, String reason) {
}
