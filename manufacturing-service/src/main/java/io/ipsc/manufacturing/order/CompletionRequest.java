package io.ipsc.manufacturing.order;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import java.math.BigDecimal;

/**
 * What came out of an order: good units (they go into stock) and rejected ones (they consumed
 * material but go nowhere). Without a body the whole ordered quantity counts as good.
 */
public record CompletionRequest(
        @DecimalMin(value = "0", message = "good_quantity must not be negative")
        @DecimalMax(value = "9999999999", message = "good_quantity is too large") BigDecimal goodQuantity,
        @DecimalMin(value = "0", message = "rejected_quantity must not be negative")
        @DecimalMax(value = "9999999999", message = "rejected_quantity is too large") BigDecimal rejectedQuantity) {
}
