package io.ipsc.manufacturing.stock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.event.StockMovement;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Writes stock movements into the tenant database's outbox, inside the caller's transaction, so a
 * movement exists exactly when the change that caused it committed. A movement id already in the
 * outbox is skipped: writing the same movement twice changes nothing.
 */
@ApplicationScoped
public class StockOutbox {

    private final ObjectMapper json;

    public StockOutbox(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> add(SqlClient tx, List<StockMovement> movements) {
        if (movements.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = movements.stream().map(m -> Tuple.of(m.movementId(), serialize(m))).toList();
        return tx.preparedQuery("INSERT INTO stock_outbox (movement_id, payload) VALUES ($1, $2) ON CONFLICT (movement_id) DO NOTHING")
                .executeBatch(rows).replaceWithVoid();
    }

    private String serialize(StockMovement movement) {
        try {
            return json.writeValueAsString(movement);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write stock movement " + movement.movementId(), e);
        }
    }
}
