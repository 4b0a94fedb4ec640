package io.ipsc.dental.supply;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A supply as created: {@code openingStock} (default 0) is recorded as its first receipt. Updates
 * use {@link SupplyUpdate}, since stock changes only through receipts and consumption.
 */
public record SupplyRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 30) String unit,
        @DecimalMin("0") @Digits(integer = 9, fraction = 3) BigDecimal openingStock,
        @NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 3) BigDecimal reorderLevel,
        @Size(max = 2000) String notes) {
}
