package io.ipsc.manufacturing.workcenter;

import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A work center as the API shows it. */
public record WorkCenter(long id, String name, String description, BigDecimal capacity, BigDecimal efficiency, BigDecimal hourlyCost,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static WorkCenter from(Row row) {
        return new WorkCenter(row.getLong("id"), row.getString("name"), row.getString("description"), row.getBigDecimal("capacity"),
                row.getBigDecimal("efficiency"), row.getBigDecimal("hourly_cost"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
