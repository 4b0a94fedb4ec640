package io.ipsc.manufacturing.workcenter;

import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for work centers and their scheduled load, on whichever tenant database it is given. */
@ApplicationScoped
public class WorkCenterRepository {

    private static final String COLUMNS = "id, name, description, capacity, efficiency, hourly_cost, created_at, updated_at";

    public Uni<WorkCenter> insert(SqlClient db, WorkCenterRequest r) {
        return db.preparedQuery("INSERT INTO work_centers (name, description, capacity, efficiency, hourly_cost) "
                        + "VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(r.name().trim(), r.description(), r.capacity(), r.efficiency(), r.hourlyCostOrZero())))
                .map(rows -> WorkCenter.from(rows.iterator().next()));
    }

    public Uni<Optional<WorkCenter>> update(SqlClient db, long id, WorkCenterRequest r) {
        return db.preparedQuery("UPDATE work_centers SET name = $2, description = $3, capacity = $4, efficiency = $5, hourly_cost = $6, "
                        + "updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, r.name().trim(), r.description(), r.capacity(), r.efficiency(), r.hourlyCostOrZero())))
                .map(WorkCenterRepository::first);
    }

    public Uni<Optional<WorkCenter>> find(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM work_centers WHERE id = $1").execute(Tuple.of(id))
                .map(WorkCenterRepository::first);
    }

    public Uni<Page<WorkCenter>> list(Pool db, PageRequest page) {
        return PagedQuery.fetch(page,
                () -> db.preparedQuery("SELECT " + COLUMNS + " FROM work_centers ORDER BY id LIMIT $1 OFFSET $2")
                        .execute(Tuple.of(page.size(), page.offset())),
                WorkCenter::from,
                () -> db.query("SELECT count(*) FROM work_centers").execute());
    }

    public Uni<Boolean> delete(SqlClient db, long id) {
        return db.preparedQuery("DELETE FROM work_centers WHERE id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    /** Scheduled minutes per day in [from, to], for the days that have any. */
    public Uni<Map<LocalDate, BigDecimal>> scheduledMinutes(SqlClient db, long workCenterId, LocalDate from, LocalDate to) {
        return db.preparedQuery("SELECT l.day, sum(l.minutes) AS minutes FROM work_center_load l "
                        + "JOIN production_order_operations o ON o.id = l.operation_id "
                        + "JOIN production_orders p ON p.id = o.order_id "
                        + "WHERE l.work_center_id = $1 AND l.day BETWEEN $2 AND $3 AND p.status IN ('released', 'in_progress') "
                        + "GROUP BY l.day ORDER BY l.day")
                .execute(Tuple.of(workCenterId, from, to))
                .map(rows -> {
                    Map<LocalDate, BigDecimal> minutes = new LinkedHashMap<>();
                    rows.forEach(row -> minutes.put(row.getLocalDate("day"), row.getBigDecimal("minutes")));
                    return minutes;
                });
    }

    private static Optional<WorkCenter> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(WorkCenter.from(it.next())) : Optional.empty();
    }
}
