package io.ipsc.manufacturing.order;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A production order as the seed creates it; {@code bom_id} is the BOM's integer id. Past dates are allowed. */
public record ProductionOrderRequest(
        @NotBlank(message = "order_number is required") @Size(max = 50, message = "order_number is at most 50 characters") String orderNumber,
        @NotNull(message = "bom_id is required") @Positive(message = "bom_id must be a BOM's id") Long bomId,
        @NotNull(message = "quantity is required") @DecimalMin(value = "0", inclusive = false, message = "quantity must be more than 0")
        @DecimalMax(value = "9999999999", message = "quantity is too large") BigDecimal quantity,
        @NotNull(message = "start_date is required") LocalDate startDate,
        @NotNull(message = "due_date is required") LocalDate dueDate,
        @Size(max = 2000, message = "notes is at most 2000 characters") String notes) {
}
