package io.ipsc.invoicing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A draft invoice: a customer and lines; a line names a product (its defaults fill the gaps) or is free text. */
public record InvoiceRequest(Long customerId, LocalDate invoiceDate, LocalDate dueDate, String notes, List<Line> lines) {

    public record Line(Long productId, String description, String hsnSac, BigDecimal quantity, BigDecimal unitPrice,
                       BigDecimal discountPercent, BigDecimal gstRate) {
    }
}
