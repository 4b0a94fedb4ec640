package io.ipsc.invoicing.product;

import java.math.BigDecimal;

/** Body of {@code POST /api/products} and {@code PUT /api/products/{id}} (every field optional on update). */
public record ProductRequest(String sku, String name, String description, String hsnSac, String unit, BigDecimal price,
                             BigDecimal gstRate, BigDecimal cost, BigDecimal stockQuantity, BigDecimal reorderLevel) {
}
