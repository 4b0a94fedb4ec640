package io.ipsc.manufacturing.bom;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A BOM as the seed creates it: {@code bom_id} is its code (e.g. "BOM-001"), {@code product_id} the
 * invoicing-service product it builds. Components and operations are added afterwards.
 * {@code is_default} (default true) makes it the product's active default BOM, replacing the previous one.
 */
public record BomRequest(
        @NotBlank(message = "bom_id is required") @Size(max = 50, message = "bom_id is at most 50 characters")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._/-]*", message = "bom_id may contain letters, digits and . _ / -") String bomId,
        @NotNull(message = "product_id is required") @Positive(message = "product_id must be a product's id") Long productId,
        @Size(max = 2000, message = "description is at most 2000 characters") String description,
        @NotBlank(message = "version is required") @Size(max = 20, message = "version is at most 20 characters") String version,
        Boolean isDefault) {

    public boolean makesDefault() {
        return isDefault == null || isDefault;
    }
}
