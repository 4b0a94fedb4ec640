package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.gst.GstCalculator;

import java.math.BigDecimal;

/** An invoice line as it is stored: the request's line with its gaps filled from the product. */
record PricedLine(Long productId, String description, String hsnSac, String unit, BigDecimal quantity, BigDecimal unitPrice,
                  BigDecimal discountPercent, BigDecimal gstRate) {

    GstCalculator.LineInput taxInput() {
        return new GstCalculator.LineInput(quantity, unitPrice, discountPercent, gstRate);
    }
}
