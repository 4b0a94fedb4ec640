package io.ipsc.dental.supply;

import io.ipsc.dental.clinic.Sql;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.Optional;

/** The SQL of supplies and their movements, on whichever tenant database (or transaction) it is given. */
@ApplicationScoped
public class SupplyRepository {

    private static final String LOW = " AND stock <= reorder_level";

    public Uni<Supply> insert(SqlClient db, String name, String unit, BigDecimal stock, BigDecimal reorderLevel, String notes) {
        return db.preparedQuery("INSERT INTO dental_supplies (name, unit, stock, reorder_level, notes) "
                        + "VALUES ($1, $2, $3, $4, $5) RETURNING " + Supply.COLUMNS)
                .execute(Sql.args(name, unit, stock, reorderLevel, notes))
                .map(rows -> Sql.single(rows, Supply::from, "Supply"));
    }

    /** Changes an active supply's description; 404 when it is missing or archived. */
    public Uni<Supply> update(SqlClient db, long id, SupplyUpdate r) {
        return db.preparedQuery("UPDATE dental_supplies SET name = $2, unit = $3, reorder_level = $4, notes = $5, updated_at = now() "
                        + "WHERE id = $1 AND archived_at IS NULL RETURNING " + Supply.COLUMNS)
                .execute(Sql.args(id, r.name().trim(), r.unit().trim(), r.reorderLevel(), r.notes()))
                .map(rows -> Sql.single(rows, Supply::from, "Supply " + id));
    }

    public Uni<Supply> get(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + Supply.COLUMNS + " FROM dental_supplies WHERE id = $1")
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, Supply::from, "Supply " + id));
    }

    public Uni<Supply> archive(SqlClient db, long id) {
        return db.preparedQuery("UPDATE dental_supplies SET archived_at = coalesce(archived_at, now()), updated_at = now() "
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

    /** Adds to an active supply's stock and answers the stock it left; 404 when it is missing or archived. */
    public Uni<BigDecimal> addStock(SqlClient db, long id, BigDecimal quantity) {
        return db.preparedQuery("UPDATE dental_supplies SET stock = stock + $2, updated_at = now() "
                        + "WHERE id = $1 AND archived_at IS NULL RETURNING stock")
                .execute(Sql.args(id, quantity))
                .map(rows -> Sql.single(rows, row -> row.getBigDecimal("stock"), "Supply " + id));
    }

    /**
     * Takes from an active supply's stock only if there is enough, in one guarded UPDATE (so two consumptions at once
     * cannot take it below zero); empty when there is not enough or no such supply.
     */
    public Uni<Optional<BigDecimal>> takeStock(SqlClient db, long id, BigDecimal quantity) {
        return db.preparedQuery("UPDATE dental_supplies SET stock = stock - $2, updated_at = now() "
                        + "WHERE id = $1 AND archived_at IS NULL AND stock >= $2 RETURNING stock")
                .execute(Sql.args(id, quantity))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(it.next().getBigDecimal("stock")) : Optional.empty();
                });
    }

    /** An active supply's stock and unit; 404 when it is missing or archived. */
    public Uni<Row> stockAndUnit(SqlClient db, long id) {
        return db.preparedQuery("SELECT stock, unit FROM dental_supplies WHERE id = $1 AND archived_at IS NULL")
                .execute(Sql.args(id))
                .map(found -> Sql.single(found, row -> row, "Supply " + id));
    }

    public Uni<Boolean> treatmentExists(SqlClient db, long treatmentId) {
        return db.preparedQuery("SELECT 1 FROM treatments WHERE id = $1").execute(Sql.args(treatmentId)).map(rows -> rows.size() > 0);
    }

    public Uni<SupplyMovement> insertMovement(SqlClient db, long supplyId, String kind, BigDecimal quantity, Long treatmentId,
                                              String note, BigDecimal stockAfter) {
        return db.preparedQuery("INSERT INTO supply_movements (supply_id, kind, quantity, treatment_id, note, stock_after) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + SupplyMovement.COLUMNS)
                .execute(Sql.args(supplyId, kind, quantity, treatmentId, note, stockAfter))
                .map(rows -> Sql.single(rows, SupplyMovement::from, "Movement"));
    }

    public Uni<Page<SupplyMovement>> movements(Pool pool, long id, PageRequest page) {
        return PagedQuery.fetch(page,
                () -> pool.preparedQuery("SELECT " + SupplyMovement.COLUMNS
                                + " FROM supply_movements WHERE supply_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3")
                        .execute(Sql.args(id, page.size(), page.offset())),
                SupplyMovement::from,
                () -> pool.preparedQuery("SELECT count(*) FROM supply_movements WHERE supply_id = $1").execute(Sql.args(id)));
    }
}
