package io.ipsc.dental.supply;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A supply's descriptive fields; its stock is not among them. */
public record SupplyUpdate(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 30) String unit,
        @NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 3) BigDecimal reorderLevel,
        @Size(max = 2000) String notes) {
}
