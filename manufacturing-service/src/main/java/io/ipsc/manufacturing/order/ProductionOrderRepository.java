package io.ipsc.manufacturing.order;

import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for production orders, their fixed requirements and scheduled operations. */
@ApplicationScoped
public class ProductionOrderRepository {

    private static final String COLUMNS = "id, order_number, bom_id, product_id, quantity, start_date, due_date, status, bom_version, "
            + "good_quantity, rejected_quantity, notes, released_at, started_at, completed_at, cancelled_at, created_at, updated_at";

    /** The order's head row, for the transitions; {@code FOR UPDATE} holds it until the transaction ends. */
    public record Head(long id, String orderNumber, long bomId, long productId, BigDecimal quantity, LocalDate startDate, OrderStatus status) {
    }

    public Uni<Long> insert(SqlClient db, ProductionOrderRequest r, long productId) {
        return db.preparedQuery("INSERT INTO production_orders (order_number, bom_id, product_id, quantity, start_date, due_date, notes) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
                .execute(Tuple.from(Arrays.asList(r.orderNumber().trim(), r.bomId(), productId, r.quantity(), r.startDate(), r.dueDate(),
                        r.notes())))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The BOM's product when the BOM exists and is active. */
    public Uni<Optional<Long>> activeBomProduct(SqlClient db, long bomId) {
        return db.preparedQuery("SELECT product_id FROM boms WHERE id = $1 AND is_active").execute(Tuple.of(bomId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("product_id")) : Optional.empty());
    }

    public Uni<Optional<Head>> lock(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT id, order_number, bom_id, product_id, quantity, start_date, status FROM production_orders "
                        + "WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Head(row.getLong("id"), row.getString("order_number"), row.getLong("bom_id"), row.getLong("product_id"),
                            row.getBigDecimal("quantity"), row.getLocalDate("start_date"), OrderStatus.parse(row.getString("status"))));
                });
    }

    /** Moves the order to {@code status} and stamps the matching time column. */
    public Uni<Void> moveTo(SqlClient tx, long id, OrderStatus status) {
        String stamp = switch (status) {
            case RELEASED -> "released_at";
            case IN_PROGRESS -> "started_at";
            case COMPLETED -> "completed_at";
            case CANCELLED -> "cancelled_at";
            case PLANNED -> "updated_at";
        };
        return tx.preparedQuery("UPDATE production_orders SET status = $2, " + stamp + " = now(), updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, status.wireName())).replaceWithVoid();
    }

    public Uni<Void> fixBomVersion(SqlClient tx, long id, String version) {
        return tx.preparedQuery("UPDATE production_orders SET bom_version = $2 WHERE id = $1").execute(Tuple.of(id, version)).replaceWithVoid();
    }

    public Uni<Void> recordOutput(SqlClient tx, long id, BigDecimal good, BigDecimal rejected) {
        return tx.preparedQuery("UPDATE production_orders SET good_quantity = $2, rejected_quantity = $3 WHERE id = $1")
                .execute(Tuple.of(id, good, rejected)).replaceWithVoid();
    }

    public Uni<Void> insertMaterials(SqlClient tx, long orderId, List<ProductionOrder.Material> materials) {
        if (materials.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("INSERT INTO production_order_materials (order_id, product_id, quantity, unit_cost) VALUES ($1, $2, $3, $4)")
                .executeBatch(materials.stream().map(m -> Tuple.of(orderId, m.productId(), m.quantity(), m.unitCost())).toList())
                .replaceWithVoid();
    }

    public Uni<Long> insertOperation(SqlClient tx, long orderId, int sequence, String name, long workCenterId, BigDecimal minutes,
                                     LocalDate start, LocalDate end) {
        return tx.preparedQuery("INSERT INTO production_order_operations (order_id, sequence, name, work_center_id, duration_minutes, "
                        + "planned_start, planned_end) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
                .execute(Tuple.from(Arrays.asList(orderId, sequence, name, workCenterId, minutes, start, end)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Void> insertLoad(SqlClient tx, long operationId, long workCenterId, Map<LocalDate, BigDecimal> minutesByDay) {
        if (minutesByDay.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        minutesByDay.forEach((day, minutes) -> rows.add(Tuple.of(operationId, workCenterId, day, minutes)));
        return tx.preparedQuery("INSERT INTO work_center_load (operation_id, work_center_id, day, minutes) VALUES ($1, $2, $3, $4)")
                .executeBatch(rows).replaceWithVoid();
    }

    /** Capacity in hours per day of every work center. */
    public Uni<Map<Long, BigDecimal>> capacities(SqlClient db) {
        return db.query("SELECT id, capacity FROM work_centers").execute().map(rows -> {
            Map<Long, BigDecimal> capacities = new HashMap<>();
            rows.forEach(row -> capacities.put(row.getLong("id"), row.getBigDecimal("capacity")));
            return capacities;
        });
    }

    public Uni<List<ProductionOrder.Material>> materials(SqlClient db, long orderId) {
        return db.preparedQuery("SELECT product_id, quantity, unit_cost FROM production_order_materials WHERE order_id = $1 ORDER BY product_id")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<ProductionOrder.Material> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new ProductionOrder.Material(row.getLong("product_id"), row.getBigDecimal("quantity"),
                            row.getBigDecimal("unit_cost"))));
                    return list;
                });
    }

    public Uni<Optional<ProductionOrder>> find(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM production_orders WHERE id = $1").execute(Tuple.of(id)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(Optional.<ProductionOrder>empty());
            }
            Row head = rows.iterator().next();
            return materials(db, id).chain(materials -> operations(db, id)
                    .map(operations -> Optional.of(order(head, materials, operations))));
        });
    }

    /** Orders without their materials and operations (those are on the single order). */
    public Uni<Page<ProductionOrder>> list(SqlClient db, String status, PageRequest page) {
        String where = " WHERE ($1::text IS NULL OR status = $1)";
        return PagedQuery.fetch(page,
                () -> db.preparedQuery("SELECT " + COLUMNS + " FROM production_orders" + where + " ORDER BY id LIMIT $2 OFFSET $3")
                        .execute(Tuple.from(Arrays.asList(status, page.size(), page.offset()))),
                row -> order(row, List.of(), List.of()),
                () -> db.preparedQuery("SELECT count(*) FROM production_orders" + where).execute(Tuple.from(Arrays.asList(status))));
    }

    private Uni<List<ProductionOrder.ScheduledOperation>> operations(SqlClient db, long orderId) {
        return db.preparedQuery("SELECT id, sequence, name, work_center_id, duration_minutes, planned_start, planned_end "
                        + "FROM production_order_operations WHERE order_id = $1 ORDER BY sequence")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<ProductionOrder.ScheduledOperation> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new ProductionOrder.ScheduledOperation(row.getLong("id"), row.getInteger("sequence"),
                            row.getString("name"), row.getLong("work_center_id"), row.getBigDecimal("duration_minutes"),
                            row.getLocalDate("planned_start"), row.getLocalDate("planned_end"))));
                    return list;
                });
    }

    private static ProductionOrder order(Row row, List<ProductionOrder.Material> materials, List<ProductionOrder.ScheduledOperation> operations) {
        return new ProductionOrder(row.getLong("id"), row.getString("order_number"), row.getLong("bom_id"), row.getLong("product_id"),
                row.getBigDecimal("quantity"), row.getLocalDate("start_date"), row.getLocalDate("due_date"), row.getString("status"),
                row.getString("bom_version"), row.getBigDecimal("good_quantity"), row.getBigDecimal("rejected_quantity"), row.getString("notes"),
                row.getOffsetDateTime("released_at"), row.getOffsetDateTime("started_at"), row.getOffsetDateTime("completed_at"),
                row.getOffsetDateTime("cancelled_at"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"),
                materials, operations);
    }
}
