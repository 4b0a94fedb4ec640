package io.ipsc.dental.supply;

import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A dental supply and its stock; {@code lowStock} when the stock is at or below the reorder level. */
public record Supply(long id, String name, String unit, BigDecimal stock, BigDecimal reorderLevel, boolean lowStock,
                     String notes, boolean archived, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static final String COLUMNS = "id, name, unit, stock, reorder_level, notes, archived_at, created_at, updated_at";

    static Supply from(Row row) {
        BigDecimal stock = row.getBigDecimal("stock");
        BigDecimal reorder = row.getBigDecimal("reorder_level");
        return new Supply(row.getLong("id"), row.getString("name"), row.getString("unit"), stock, reorder,
                stock.compareTo(reorder) <= 0, row.getString("notes"), row.getOffsetDateTime("archived_at") != null,
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
