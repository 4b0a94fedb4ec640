package io.ipsc.manufacturing.bom;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A routing step: its order in the routing, the work center, setup minutes once per order and minutes per unit. */
public record OperationRequest(
        @NotNull(message = "sequence is required") @Positive(message = "sequence must be 1 or more") Integer sequence,
        @NotBlank(message = "name is required") @Size(max = 200, message = "name is at most 200 characters") String name,
        @NotNull(message = "work_center_id is required") @Positive(message = "work_center_id must be a work center's id") Long workCenterId,
        @DecimalMin(value = "0", message = "setup_minutes must not be negative")
        @DecimalMax(value = "99999999", message = "setup_minutes is too large") BigDecimal setupMinutes,
        @NotNull(message = "minutes_per_unit is required") @DecimalMin(value = "0", message = "minutes_per_unit must not be negative")
        @DecimalMax(value = "99999999", message = "minutes_per_unit is too large") BigDecimal minutesPerUnit) {

    BigDecimal setupOrZero() {
        return setupMinutes == null ? BigDecimal.ZERO : setupMinutes;
    }
}
