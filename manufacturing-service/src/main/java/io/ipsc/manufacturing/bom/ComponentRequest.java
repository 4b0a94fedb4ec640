package io.ipsc.manufacturing.bom;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;

/** A component line: a product, how much of it per unit of the parent, the planned scrap in percent, and its unit cost. */
public record ComponentRequest(
        @NotNull(message = "product_id is required") @Positive(message = "product_id must be a product's id") Long productId,
        @NotNull(message = "quantity_per_unit is required") @DecimalMin(value = "0", inclusive = false, message = "quantity_per_unit must be more than 0")
        @DecimalMax(value = "9999999999", message = "quantity_per_unit is too large") BigDecimal quantityPerUnit,
        @DecimalMin(value = "0", message = "scrap_percent must not be negative")
        @DecimalMax(value = "100", inclusive = false, message = "scrap_percent must be less than 100") BigDecimal scrapPercent,
        @DecimalMin(value = "0", message = "unit_cost must not be negative")
        @DecimalMax(value = "9999999999", message = "unit_cost is too large") BigDecimal unitCost) {

    BigDecimal scrapOrZero() {
        return scrapPercent == null ? BigDecimal.ZERO : scrapPercent;
    }

    BigDecimal unitCostOrZero() {
        return unitCost == null ? BigDecimal.ZERO : unitCost;
    }
}
