package io.ipsc.dental.supply;

import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One change of a supply's stock, with the stock it left. */
public record SupplyMovement(long id, long supplyId, String kind, BigDecimal quantity, Long treatmentId, String note,
                             BigDecimal stockAfter, OffsetDateTime createdAt) {

    static final String COLUMNS = "id, supply_id, kind, quantity, treatment_id, note, stock_after, created_at";

    static SupplyMovement from(Row row) {
        return new SupplyMovement(row.getLong("id"), row.getLong("supply_id"), row.getString("kind"), row.getBigDecimal("quantity"),
                row.getLong("treatment_id"), row.getString("note"), row.getBigDecimal("stock_after"), row.getOffsetDateTime("created_at"));
    }
}
