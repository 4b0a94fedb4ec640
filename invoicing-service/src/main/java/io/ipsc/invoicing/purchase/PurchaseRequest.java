package io.ipsc.invoicing.purchase;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A vendor's bill as received: its number and date, and its lines (a product line brings stock in). */
public record PurchaseRequest(Long vendorId, String billNumber, LocalDate billDate, LocalDate dueDate, List<Line> lines) {

    /** Named for the API document, which would otherwise call it Line or Line1. */
    @Schema(name = "PurchaseLineRequest")
    public record Line(Long productId, String description, String hsnSac, BigDecimal quantity, BigDecimal unitPrice, BigDecimal gstRate) {
    }
}
