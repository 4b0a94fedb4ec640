package io.ipsc.manufacturing.bom;

import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for BOMs, their components and operations, on whichever tenant database (or transaction) it is given. */
@ApplicationScoped
public class BomRepository {

    private static final String COLUMNS = "id, bom_code, product_id, description, version, is_default, is_active, created_at, updated_at";

    /** Makes the new BOM the product's default when asked, taking the flag from the previous default in the same transaction. */
    public Uni<Long> insert(SqlClient tx, BomRequest r) {
        Uni<Void> clearDefault = r.makesDefault()
                ? tx.preparedQuery("UPDATE boms SET is_default = false, updated_at = now() WHERE product_id = $1 AND is_default")
                        .execute(Tuple.of(r.productId())).replaceWithVoid()
                : Uni.createFrom().voidItem();
        return clearDefault.chain(() -> tx.preparedQuery("INSERT INTO boms (bom_code, product_id, description, version, is_default) "
                        + "VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .execute(Tuple.from(Arrays.asList(r.bomId().trim(), r.productId(), r.description(), r.version().trim(), r.makesDefault())))
                .map(rows -> rows.iterator().next().getLong("id")));
    }

    public Uni<Optional<Bom>> find(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM boms WHERE id = $1").execute(Tuple.of(id)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(Optional.<Bom>empty());
            }
            Row head = rows.iterator().next();
            return components(db, List.of(id)).chain(components -> operations(db, List.of(id))
                    .map(operations -> Optional.of(bom(head, components.getOrDefault(id, List.of()), operations.getOrDefault(id, List.of())))));
        });
    }

    public Uni<Page<Bom>> list(SqlClient db, Long productId, PageRequest page) {
        String where = " WHERE ($1::bigint IS NULL OR product_id = $1)";
        return PagedQuery.fetch(page,
                        () -> db.preparedQuery("SELECT " + COLUMNS + " FROM boms" + where + " ORDER BY id LIMIT $2 OFFSET $3")
                                .execute(Tuple.from(Arrays.asList(productId, page.size(), page.offset()))),
                        row -> row,
                        () -> db.preparedQuery("SELECT count(*) FROM boms" + where).execute(Tuple.from(Arrays.asList(productId))))
                .chain(heads -> {
                    List<Long> ids = heads.items().stream().map(row -> row.getLong("id")).toList();
                    return components(db, ids).chain(components -> operations(db, ids).map(operations -> Page.of(
                            heads.items().stream().map(h -> bom(h, components.getOrDefault(h.getLong("id"), List.of()),
                                    operations.getOrDefault(h.getLong("id"), List.of()))).toList(), page, heads.totalItems())));
                });
    }

    public Uni<Long> insertComponent(SqlClient tx, long bomId, ComponentRequest r) {
        return tx.preparedQuery("INSERT INTO bom_components (bom_id, product_id, quantity_per_unit, scrap_percent, unit_cost) "
                        + "VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .execute(Tuple.from(Arrays.asList(bomId, r.productId(), r.quantityPerUnit(), r.scrapOrZero(), r.unitCostOrZero())))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Boolean> updateComponent(SqlClient tx, long bomId, long componentId, ComponentRequest r) {
        return tx.preparedQuery("UPDATE bom_components SET product_id = $3, quantity_per_unit = $4, scrap_percent = $5, unit_cost = $6 "
                        + "WHERE bom_id = $1 AND id = $2")
                .execute(Tuple.from(Arrays.asList(bomId, componentId, r.productId(), r.quantityPerUnit(), r.scrapOrZero(), r.unitCostOrZero())))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> deleteComponent(SqlClient db, long bomId, long componentId) {
        return db.preparedQuery("DELETE FROM bom_components WHERE bom_id = $1 AND id = $2").execute(Tuple.of(bomId, componentId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Long> insertOperation(SqlClient db, long bomId, OperationRequest r) {
        return db.preparedQuery("INSERT INTO bom_operations (bom_id, sequence, name, work_center_id, setup_minutes, minutes_per_unit) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                .execute(Tuple.from(Arrays.asList(bomId, r.sequence(), r.name().trim(), r.workCenterId(), r.setupOrZero(), r.minutesPerUnit())))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Boolean> updateOperation(SqlClient db, long bomId, long operationId, OperationRequest r) {
        return db.preparedQuery("UPDATE bom_operations SET sequence = $3, name = $4, work_center_id = $5, setup_minutes = $6, "
                        + "minutes_per_unit = $7 WHERE bom_id = $1 AND id = $2")
                .execute(Tuple.from(Arrays.asList(bomId, operationId, r.sequence(), r.name().trim(), r.workCenterId(), r.setupOrZero(),
                        r.minutesPerUnit())))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> deleteOperation(SqlClient db, long bomId, long operationId) {
        return db.preparedQuery("DELETE FROM bom_operations WHERE bom_id = $1 AND id = $2").execute(Tuple.of(bomId, operationId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> workCenterExists(SqlClient db, long workCenterId) {
        return db.preparedQuery("SELECT 1 FROM work_centers WHERE id = $1").execute(Tuple.of(workCenterId))
                .map(rows -> rows.iterator().hasNext());
    }

    /**
     * Every BOM of the tenant with its components and operations, for explosion, cost and cycle checks.
     * A tenant's BOMs number in the hundreds, so reading them whole keeps each calculation pure and simple.
     */
    public Uni<BomGraph> graph(SqlClient db) {
        Uni<List<Row>> heads = db.query("SELECT " + COLUMNS + " FROM boms").execute().map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        });
        return heads.chain(bomRows -> db.query("SELECT bom_id, product_id, quantity_per_unit, scrap_percent, unit_cost FROM bom_components ORDER BY id")
                .execute().chain(componentRows -> db.query("SELECT o.bom_id, o.sequence, o.name, o.work_center_id, o.setup_minutes, "
                                + "o.minutes_per_unit, w.efficiency, w.hourly_cost FROM bom_operations o "
                                + "JOIN work_centers w ON w.id = o.work_center_id ORDER BY o.bom_id, o.sequence")
                        .execute().map(operationRows -> {
                            Map<Long, List<BomGraph.Component>> components = new HashMap<>();
                            componentRows.forEach(row -> components.computeIfAbsent(row.getLong("bom_id"), k -> new ArrayList<>())
                                    .add(new BomGraph.Component(row.getLong("product_id"), row.getBigDecimal("quantity_per_unit"),
                                            row.getBigDecimal("scrap_percent"), row.getBigDecimal("unit_cost"))));
                            Map<Long, List<BomGraph.Operation>> operations = new HashMap<>();
                            operationRows.forEach(row -> operations.computeIfAbsent(row.getLong("bom_id"), k -> new ArrayList<>())
                                    .add(new BomGraph.Operation(row.getInteger("sequence"), row.getString("name"), row.getLong("work_center_id"),
                                            row.getBigDecimal("setup_minutes"), row.getBigDecimal("minutes_per_unit"),
                                            row.getBigDecimal("efficiency"), row.getBigDecimal("hourly_cost"))));
                            Map<Long, BomGraph.Node> nodes = new HashMap<>();
                            Map<Long, Long> defaults = new HashMap<>();
                            for (Row row : bomRows) {
                                long id = row.getLong("id");
                                nodes.put(id, new BomGraph.Node(id, row.getString("bom_code"), row.getLong("product_id"), row.getString("version"),
                                        components.getOrDefault(id, List.of()), operations.getOrDefault(id, List.of())));
                                if (row.getBoolean("is_default") && row.getBoolean("is_active")) {
                                    defaults.put(row.getLong("product_id"), id);
                                }
                            }
                            return new BomGraph(nodes, defaults);
                        })));
    }

    private Uni<Map<Long, List<Bom.ComponentLine>>> components(SqlClient db, List<Long> bomIds) {
        if (bomIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("SELECT c.id, c.bom_id, c.product_id, c.quantity_per_unit, c.scrap_percent, c.unit_cost, "
                        + "EXISTS (SELECT 1 FROM boms s WHERE s.product_id = c.product_id AND s.is_default AND s.is_active) AS sub_assembly "
                        + "FROM bom_components c WHERE c.bom_id = ANY ($1) ORDER BY c.id")
                .execute(Tuple.of(bomIds.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, List<Bom.ComponentLine>> byBom = new LinkedHashMap<>();
                    rows.forEach(row -> byBom.computeIfAbsent(row.getLong("bom_id"), k -> new ArrayList<>()).add(new Bom.ComponentLine(
                            row.getLong("id"), row.getLong("product_id"), row.getBigDecimal("quantity_per_unit"), row.getBigDecimal("scrap_percent"),
                            row.getBigDecimal("unit_cost"), row.getBoolean("sub_assembly"))));
                    return byBom;
                });
    }

    private Uni<Map<Long, List<Bom.OperationLine>>> operations(SqlClient db, List<Long> bomIds) {
        if (bomIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("SELECT id, bom_id, sequence, name, work_center_id, setup_minutes, minutes_per_unit FROM bom_operations "
                        + "WHERE bom_id = ANY ($1) ORDER BY sequence")
                .execute(Tuple.of(bomIds.toArray(new Long[0])))
                .map(rows -> {
                    Map<Long, List<Bom.OperationLine>> byBom = new LinkedHashMap<>();
                    rows.forEach(row -> byBom.computeIfAbsent(row.getLong("bom_id"), k -> new ArrayList<>()).add(new Bom.OperationLine(
                            row.getLong("id"), row.getInteger("sequence"), row.getString("name"), row.getLong("work_center_id"),
                            row.getBigDecimal("setup_minutes"), row.getBigDecimal("minutes_per_unit"))));
                    return byBom;
                });
    }

    private static Bom bom(Row row, List<Bom.ComponentLine> components, List<Bom.OperationLine> operations) {
        return new Bom(row.getLong("id"), row.getString("bom_code"), row.getLong("product_id"), row.getString("description"),
                row.getString("version"), row.getBoolean("is_default"), row.getBoolean("is_active"), components, operations,
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
