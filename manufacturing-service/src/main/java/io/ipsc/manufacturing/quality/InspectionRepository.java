package io.ipsc.manufacturing.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for inspections (their readings stored as JSON), on whichever tenant database (or transaction) it is given. */
@ApplicationScoped
public class InspectionRepository {

    private static final String COLUMNS = "id, order_id, sample_size, passed, failed, defect_codes, readings::text AS readings, result, "
            + "decision, decided_at, notes, created_at";
    private static final TypeReference<List<Inspection.CheckedReading>> READINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public InspectionRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The order's status, holding it (FOR SHARE) until the transaction ends; empty when there is no such order. */
    public Uni<Optional<String>> holdOrderStatus(SqlClient tx, long orderId) {
        return tx.preparedQuery("SELECT status FROM production_orders WHERE id = $1 FOR SHARE").execute(Tuple.of(orderId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("status")) : Optional.empty());
    }

    public Uni<Boolean> orderExists(SqlClient db, long orderId) {
        return db.preparedQuery("SELECT 1 FROM production_orders WHERE id = $1").execute(Tuple.of(orderId)).map(rows -> rows.iterator().hasNext());
    }

    public Uni<Inspection> insert(SqlClient tx, long orderId, InspectionRequest request, List<String> defectCodes,
                                  List<Inspection.CheckedReading> readings, String result) {
        return tx.preparedQuery("INSERT INTO inspections (order_id, sample_size, passed, failed, defect_codes, readings, result, notes) "
                        + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8) RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(orderId, request.sampleSize(), request.passed(), request.failed(),
                        defectCodes.toArray(String[]::new), write(readings), result, request.notes())))
                .map(rows -> inspection(rows.iterator().next()));
    }

    public Uni<List<Inspection>> list(SqlClient db, long orderId) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM inspections WHERE order_id = $1 ORDER BY id").execute(Tuple.of(orderId))
                .map(rows -> {
                    List<Inspection> list = new ArrayList<>();
                    rows.forEach(row -> list.add(inspection(row)));
                    return list;
                });
    }

    /** Records the decision on a failed, undecided inspection; empty when there is none such. */
    public Uni<Optional<Inspection>> decide(SqlClient db, long orderId, long inspectionId, String decision, String notes) {
        return db.preparedQuery("UPDATE inspections SET decision = $3, decided_at = now(), "
                        + "notes = COALESCE($4, notes) WHERE order_id = $1 AND id = $2 AND result = 'failed' AND decision IS NULL "
                        + "RETURNING " + COLUMNS)
                .execute(Tuple.of(orderId, inspectionId, decision, notes))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(inspection(rows.iterator().next())) : Optional.empty());
    }

    public Uni<Boolean> exists(SqlClient db, long orderId, long inspectionId) {
        return db.preparedQuery("SELECT 1 FROM inspections WHERE order_id = $1 AND id = $2").execute(Tuple.of(orderId, inspectionId))
                .map(rows -> rows.iterator().hasNext());
    }

    private Inspection inspection(Row row) {
        List<Inspection.CheckedReading> readings;
        try {
            readings = json.readValue(row.getString("readings"), READINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored readings of inspection " + row.getLong("id") + " are not readable", e);
        }
        return new Inspection(row.getLong("id"), row.getLong("order_id"), row.getInteger("sample_size"), row.getInteger("passed"),
                row.getInteger("failed"), Arrays.asList(row.getArrayOfStrings("defect_codes")), readings, row.getString("result"),
                row.getString("decision"), row.getOffsetDateTime("decided_at"), row.getString("notes"), row.getOffsetDateTime("created_at"));
    }

    private String write(List<Inspection.CheckedReading> readings) {
        try {
            return json.writeValueAsString(readings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the readings", e);
        }
    }
}
