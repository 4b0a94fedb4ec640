package io.ipsc.invoicing.product;

import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A product as the API shows it; {@code service} is true for SAC codes (starting 99). */
public record ProductView(long id, String sku, String name, String description, String hsnSac, boolean service, String unit,
                         BigDecimal price, BigDecimal gstRate, BigDecimal cost, BigDecimal stockQuantity, BigDecimal reorderLevel,
                         boolean archived, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static final String COLUMNS = "id, sku, name, description, hsn_sac, unit, price, gst_rate, cost, stock_quantity, reorder_level, "
            + "archived, created_at, updated_at";

    static ProductView of(Row r) {
        String hsn = r.getString("hsn_sac");
        return new ProductView(r.getLong("id"), r.getString("sku"), r.getString("name"), r.getString("description"), hsn,
                hsn != null && hsn.startsWith("99"), r.getString("unit"), r.getBigDecimal("price"), r.getBigDecimal("gst_rate"),
                r.getBigDecimal("cost"), r.getBigDecimal("stock_quantity"), r.getBigDecimal("reorder_level"), r.getBoolean("archived"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}
