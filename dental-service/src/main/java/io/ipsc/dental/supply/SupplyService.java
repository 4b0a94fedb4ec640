package io.ipsc.dental.supply;

import io.ipsc.dental.clinic.Sql;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.error.ConstraintErrors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Supplies and their stock. Every stock change is one transaction that moves the stock with a
 * guarded {@code UPDATE} (so two consumptions at once cannot take the stock below zero) and records
 * the movement with the stock it left.
 */
@ApplicationScoped
public class SupplyService {

    private static final String LOW = " AND stock <= reorder_level";

    public Uni<Supply> create(Pool pool, SupplyRequest r) {
        BigDecimal opening = r.openingStock() == null ? BigDecimal.ZERO : r.openingStock();
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO dental_supplies (name, unit, stock, reorder_level, notes) "
                                + "VALUES ($1, $2, $3, $4, $5) RETURNING " + Supply.COLUMNS)
                        .execute(Sql.args(r.name().trim(), r.unit().trim(), opening, r.reorderLevel(), r.notes()))
                        .map(rows -> Sql.single(rows, Supply::from, "Supply"))
                        .call(supply -> opening.signum() > 0
                                ? record(conn, supply.id(), "receipt", opening, null, "opening stock", opening)
                                : Uni.createFrom().voidItem()))
                .onFailure().transform(ConstraintErrors.duplicate(() -> duplicate(r.name())));
    }

    public Uni<Supply> update(Pool pool, long id, SupplyUpdate r) {
        return pool.preparedQuery("UPDATE dental_supplies SET name = $2, unit = $3, reorder_level = $4, notes = $5, updated_at = now() "
                        + "WHERE id = $1 AND archived_at IS NULL RETURNING " + Supply.COLUMNS)
                .execute(Sql.args(id, r.name().trim(), r.unit().trim(), r.reorderLevel(), r.notes()))
                .map(rows -> Sql.single(rows, Supply::from, "Supply " + id))
                .onFailure().transform(ConstraintErrors.duplicate(() -> duplicate(r.name())));
    }

    public Uni<Supply> get(Pool pool, long id) {
        return pool.preparedQuery("SELECT " + Supply.COLUMNS + " FROM dental_supplies WHERE id = $1")
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, Supply::from, "Supply " + id));
    }

    public Uni<Supply> archive(Pool pool, long id) {
        return pool.preparedQuery("UPDATE dental_supplies SET archived_at = coalesce(archived_at, now()), updated_at = now() "
                        + "WHERE id = $1 RETURNING " + Supply.COLUMNS)
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, Supply::from, "Supply " + id));
    }

    /** Active supplies by name; {@code lowOnly} keeps those at or below their reorder level. */
    public Uni<Page<Supply>> list(Pool pool, String search, boolean lowOnly, PageRequest page) {
        String pattern = search == null || search.isBlank() ? null : Sql.containsPattern(search);
        String where = " WHERE archived_at IS NULL AND ($1::text IS NULL OR lower(name) LIKE $1)" + (lowOnly ? LOW : "");
        return PagedQuery.fetch(page,
                () -> pool.preparedQuery("SELECT " + Supply.COLUMNS + " FROM dental_supplies" + where
                                + " ORDER BY lower(name), id LIMIT $2 OFFSET $3")
                        .execute(Sql.args(pattern, page.size(), page.offset())),
                Supply::from,
                () -> pool.preparedQuery("SELECT count(*) FROM dental_supplies" + where).execute(Sql.args(pattern)));
    }

    public Uni<SupplyMovement> receive(Pool pool, long id, MovementRequest r) {
        if (r.treatmentId() != null) {
            throw ApiException.badRequest("VALIDATION_ERROR", "treatment_id", "a receipt is not against a treatment");
        }
        return pool.withTransaction(conn -> conn.preparedQuery("UPDATE dental_supplies SET stock = stock + $2, updated_at = now() "
                        + "WHERE id = $1 AND archived_at IS NULL RETURNING stock")
                .execute(Sql.args(id, r.quantity()))
                .map(rows -> Sql.single(rows, row -> row.getBigDecimal("stock"), "Supply " + id))
                .chain(stock -> record(conn, id, "receipt", r.quantity(), null, r.note(), stock)));
    }

    /** Takes stock out; refused with 422 when there is not enough, leaving the stock as it was. */
    public Uni<SupplyMovement> consume(Pool pool, long id, MovementRequest r) {
        return pool.withTransaction(conn -> checkTreatment(conn, r.treatmentId())
                .chain(() -> conn.preparedQuery("UPDATE dental_supplies SET stock = stock - $2, updated_at = now() "
                                + "WHERE id = $1 AND archived_at IS NULL AND stock >= $2 RETURNING stock")
                        .execute(Sql.args(id, r.quantity())))
                .chain(rows -> {
                    var it = rows.iterator();
                    if (it.hasNext()) {
                        return record(conn, id, "consumption", r.quantity(), r.treatmentId(), r.note(), it.next().getBigDecimal("stock"));
                    }
                    return conn.preparedQuery("SELECT stock, unit FROM dental_supplies WHERE id = $1 AND archived_at IS NULL")
                            .execute(Sql.args(id))
                            .map(found -> {
                                var row = Sql.single(found, x -> x, "Supply " + id);
                                throw new ApiException(422, "INSUFFICIENT_STOCK", "Only " + row.getBigDecimal("stock").stripTrailingZeros().toPlainString()
                                        + " " + row.getString("unit") + " in stock", List.of(new ErrorDetail("quantity", "exceeds the stock")), Map.of());
                            });
                }));
    }

    public Uni<Page<SupplyMovement>> movements(Pool pool, long id, PageRequest page) {
        return get(pool, id).chain(() -> PagedQuery.fetch(page,
                () -> pool.preparedQuery("SELECT " + SupplyMovement.COLUMNS
                                + " FROM supply_movements WHERE supply_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3")
                        .execute(Sql.args(id, page.size(), page.offset())),
                SupplyMovement::from,
                () -> pool.preparedQuery("SELECT count(*) FROM supply_movements WHERE supply_id = $1").execute(Sql.args(id))));
    }

    private static Uni<Void> checkTreatment(SqlConnection conn, Long treatmentId) {
        if (treatmentId == null) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("SELECT 1 FROM treatments WHERE id = $1").execute(Sql.args(treatmentId))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw new ApiException(422, "UNKNOWN_TREATMENT", "Treatment " + treatmentId + " does not exist",
                                List.of(new ErrorDetail("treatment_id", "no such treatment")), Map.of());
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<SupplyMovement> record(SqlConnection conn, long supplyId, String kind, BigDecimal quantity, Long treatmentId,
                                              String note, BigDecimal stockAfter) {
        return conn.preparedQuery("INSERT INTO supply_movements (supply_id, kind, quantity, treatment_id, note, stock_after) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + SupplyMovement.COLUMNS)
                .execute(Sql.args(supplyId, kind, quantity, treatmentId, note, stockAfter))
                .map(rows -> Sql.single(rows, SupplyMovement::from, "Movement"));
    }

    private static ApiException duplicate(String name) {
        return new ApiException(409, "DUPLICATE_SUPPLY", "A supply named '" + name.trim() + "' exists already",
                List.of(new ErrorDetail("name", "is taken")), Map.of());
    }
}
