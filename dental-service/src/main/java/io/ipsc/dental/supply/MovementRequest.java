package io.ipsc.dental.supply;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A receipt or a consumption of a supply; {@code treatmentId} says which treatment used it (consumption only). */
public record MovementRequest(
        @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 9, fraction = 3) BigDecimal quantity,
        @Positive Long treatmentId,
        @Size(max = 500) String note) {
}
