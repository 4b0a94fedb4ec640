package io.ipsc.invoicing.invoice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A draft invoice: a customer and lines; a line names a product (its defaults fill the gaps: description,
 * HSN/SAC, unit, price, rate) or is free text (unit {@code nos} unless given).
 */
public record InvoiceRequest(Long customerId, LocalDate invoiceDate, LocalDate dueDate, String notes, List<Line> lines) {

    /** Named for the API document, which would otherwise call it Line or Line1. */
    @Schema(name = "InvoiceLineRequest")
    public record Line(Long productId, String description, String hsnSac, String unit, BigDecimal quantity, BigDecimal unitPrice,
                       BigDecimal discountPercent, BigDecimal gstRate) {
    }
}
