package io.ipsc.invoicing.cashflow;

import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One payment behind the cash flow's money in ({@code direction} {@code in}: received against an invoice) or money out
 * ({@code out}: made against a vendor's bill), with the document and the party it concerns. {@code document_number} is
 * the invoice's number or the vendor's bill number.
 */
public record PaymentLine(long id, String direction, long documentId, String documentNumber, long partyId, String partyName,
                          BigDecimal amount, String mode, String reference, LocalDate paidOn) {

    static PaymentLine of(Row r, String direction) {
        return new PaymentLine(r.getLong("id"), direction, r.getLong("document_id"), r.getString("document_number"), r.getLong("party_id"),
                r.getString("party_name"), r.getBigDecimal("amount"), r.getString("mode"), r.getString("reference"), r.getLocalDate("paid_on"));
    }
}
