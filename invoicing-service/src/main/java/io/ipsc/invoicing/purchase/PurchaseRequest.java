package io.ipsc.invoicing.purchase;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A vendor's bill as received: its number and date, and its lines (a product line brings stock in). */
public record PurchaseRequest(Long vendorId, String billNumber, LocalDate billDate, LocalDate dueDate, List<Line> lines) {

    public record Line(Long productId, String description, String hsnSac, BigDecimal quantity, BigDecimal unitPrice, BigDecimal gstRate) {
    }
}
