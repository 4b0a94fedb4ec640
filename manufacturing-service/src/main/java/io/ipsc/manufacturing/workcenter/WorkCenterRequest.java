package io.ipsc.manufacturing.workcenter;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A work center as the seed creates it ({@code name, description, capacity, efficiency}) plus its
 * hourly cost. {@code capacity} is productive hours per day; {@code efficiency} is in (0, 1].
 */
public record WorkCenterRequest(
        @NotBlank(message = "name is required") @Size(max = 200, message = "name is at most 200 characters") String name,
        @Size(max = 2000, message = "description is at most 2000 characters") String description,
        @NotNull(message = "capacity is required") @DecimalMin(value = "0", inclusive = false, message = "capacity must be more than 0")
        @DecimalMax(value = "9999999999", message = "capacity is too large") BigDecimal capacity,
        @NotNull(message = "efficiency is required") @DecimalMin(value = "0", inclusive = false, message = "efficiency must be more than 0")
        @DecimalMax(value = "1", message = "efficiency must be at most 1") BigDecimal efficiency,
        @DecimalMin(value = "0", message = "hourly_cost must not be negative")
        @DecimalMax(value = "999999999999", message = "hourly_cost is too large") BigDecimal hourlyCost) {

    public BigDecimal hourlyCostOrZero() {
        return hourlyCost == null ? BigDecimal.ZERO : hourlyCost;
    }
}
