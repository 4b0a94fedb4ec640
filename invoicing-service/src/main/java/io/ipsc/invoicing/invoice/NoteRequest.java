package io.ipsc.invoicing.invoice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit or debit note against an issued invoice: each line names a line of the invoice by its position
 * ({@code invoice_line}, from 1) and either a {@code quantity} (goods back, or extra goods, at the line's price and
 * discount) or an {@code amount} (a taxable value: a price reduction or increase), taxed at that line's rate.
 */
public record NoteRequest(Long invoiceId, String reason, LocalDate noteDate, List<Line> lines) {

    @Schema(name = "NoteLineRequest")
    public record Line(Integer invoiceLine, BigDecimal quantity, BigDecimal amount) {
    }
}
