package io.ipsc.manufacturing.order;

import io.ipsc.manufacturing.bom.BomGraph;
import io.ipsc.manufacturing.bom.BomExplosion;
import io.ipsc.manufacturing.bom.BomRepository;
import io.ipsc.manufacturing.bom.BomService;
import io.ipsc.manufacturing.bom.OperationTime;
import io.ipsc.manufacturing.stock.StockRelay;
import io.ipsc.manufacturing.stock.StockOutbox;
import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.StockMovement;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Production orders and their transitions. Every transition locks the order's row, checks the move
 * is allowed (409 otherwise) and does all its writes in one transaction: releasing fixes the BOM
 * version, the requirements and the schedule; completing records the output and writes the stock
 * movements to the outbox, which is published once the transaction has committed.
 */
@ApplicationScoped
public class ProductionOrderService {

    private final ProductionOrderRepository orders;
    private final BomRepository boms;
    private final StockOutbox outbox;
    private final StockRelay publisher;

    public ProductionOrderService(ProductionOrderRepository orders, BomRepository boms, StockOutbox outbox, StockRelay publisher) {
        this.orders = orders;
        this.boms = boms;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    public Uni<ProductionOrder> create(Pool pool, ProductionOrderRequest request) {
        if (request.dueDate().isBefore(request.startDate())) {
            throw ApiException.validation(List.of(new ErrorDetail("due_date", "due_date must not be before start_date")));
        }
        return pool.withTransaction(tx -> orders.activeBomProduct(tx, request.bomId()).chain(product -> {
                    long productId = product.orElseThrow(() -> new ApiException(422, "UNKNOWN_BOM",
                            "There is no active BOM " + request.bomId(), List.of(new ErrorDetail("bom_id", "no such active BOM")), Map.of()));
                    return orders.insert(tx, request, productId);
                }).chain(id -> orders.find(tx, id)))
                .onFailure().transform(ConstraintErrors.duplicate("DUPLICATE", "A production order numbered " + request.orderNumber() + " exists already"))
                .map(found -> found.orElseThrow());
    }

    public Uni<ProductionOrder> get(Pool pool, long id) {
        return orders.find(pool, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** planned → released: fixes the BOM version and raw-material requirement, and schedules the operations. */
    public Uni<ProductionOrder> release(Pool pool, long id) {
        return transition(pool, id, OrderStatus.RELEASED, (tx, order) -> boms.graph(tx)
                .chain(graph -> orders.capacities(tx).chain(capacities -> {
                    BomGraph.Node bom = graph.bom(order.bomId()).orElseThrow();
                    List<ProductionOrder.Material> materials = BomService.explodeOrRefuse(graph, bom.id(), order.quantity()).stream()
                            .map(r -> new ProductionOrder.Material(r.productId(), r.quantity(), r.unitCost())).toList();
                    List<OperationScheduler.Step> steps = new ArrayList<>();
                    for (BomGraph.Operation op : bom.operations()) {
                        steps.add(new OperationScheduler.Step(op.sequence(), op.workCenterId(), capacities.get(op.workCenterId()),
                                OperationTime.minutes(op.setupMinutes(), order.quantity(), op.minutesPerUnit(), op.efficiency())));
                    }
                    List<OperationScheduler.Slot> slots = OperationScheduler.schedule(order.startDate(), steps);
                    Uni<Void> writes = orders.fixBomVersion(tx, order.id(), bom.version())
                            .chain(() -> orders.insertMaterials(tx, order.id(), materials));
                    for (int i = 0; i < slots.size(); i++) {
                        OperationScheduler.Slot slot = slots.get(i);
                        BomGraph.Operation op = bom.operations().get(i);
                        writes = writes.chain(() -> orders.insertOperation(tx, order.id(), op.sequence(), op.name(), op.workCenterId(),
                                        slot.step().durationMinutes(), slot.start(), slot.end())
                                .chain(operationId -> orders.insertLoad(tx, operationId, op.workCenterId(), slot.minutesByDay())));
                    }
                    return writes;
                })), null);
    }

    public Uni<ProductionOrder> start(Pool pool, long id) {
        return transition(pool, id, OrderStatus.IN_PROGRESS, (tx, order) -> Uni.createFrom().voidItem(), null);
    }

    public Uni<ProductionOrder> cancel(Pool pool, long id) {
        return transition(pool, id, OrderStatus.CANCELLED, (tx, order) -> Uni.createFrom().voidItem(), null);
    }

    /**
     * in_progress → completed: records good and rejected quantities and writes the stock movements —
     * materials consumed for everything made (good or rejected), finished goods in for the good
     * quantity only. A failed inspection without a decision holds the order.
     */
    public Uni<ProductionOrder> complete(Pool pool, long id, String tenantSlug, CompletionRequest request) {
        return transition(pool, id, OrderStatus.COMPLETED, (tx, order) -> undecidedFailedInspections(tx, id).chain(held -> {
            if (held > 0) {
                throw ApiException.conflict("QUALITY_HOLD", "Production order " + order.orderNumber() + " has " + held
                        + " failed inspection(s) awaiting a decision; decide them before completing");
            }
            BigDecimal good = request == null || request.goodQuantity() == null ? order.quantity() : request.goodQuantity();
            BigDecimal rejected = request == null || request.rejectedQuantity() == null ? BigDecimal.ZERO : request.rejectedQuantity();
            BigDecimal made = good.add(rejected);
            if (made.signum() <= 0) {
                throw ApiException.validation(List.of(new ErrorDetail("good_quantity", "good_quantity and rejected_quantity add up to nothing")));
            }
            return orders.materials(tx, id).chain(materials -> {
                List<StockMovement> movements = movements(tenantSlug, order, materials, good, made);
                return orders.recordOutput(tx, id, good, rejected).chain(() -> outbox.add(tx, movements));
            });
        }), () -> publisher.trigger(tenantSlug));
    }

    static List<StockMovement> movements(String tenant, ProductionOrderRepository.Head order, List<ProductionOrder.Material> materials,
                                         BigDecimal good, BigDecimal made) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String prefix = "mfg:order:" + order.id() + ":";
        List<StockMovement> movements = new ArrayList<>();
        for (ProductionOrder.Material material : materials) {
            // The requirement was fixed for the ordered quantity; what was consumed scales with what was made.
            BigDecimal consumed = material.quantity().multiply(made).divide(order.quantity(), MathContext.DECIMAL64)
                    .setScale(BomExplosion.QUANTITY_SCALE, RoundingMode.HALF_UP);
            movements.add(new StockMovement(tenant, prefix + "consume:" + material.productId(), material.productId(), consumed.negate(),
                    "production_consumption", order.orderNumber(), now));
        }
        if (good.signum() > 0) {
            movements.add(new StockMovement(tenant, prefix + "produce", order.productId(), good, "production_output", order.orderNumber(), now));
        }
        return movements;
    }

    private Uni<Long> undecidedFailedInspections(SqlClient tx, long orderId) {
        return tx.preparedQuery("SELECT count(*) AS n FROM inspections WHERE order_id = $1 AND result = 'failed' AND decision IS NULL")
                .execute(Tuple.of(orderId)).map(rows -> rows.iterator().next().getLong("n"));
    }

    @FunctionalInterface
    private interface TransitionWork {
        Uni<Void> apply(SqlClient tx, ProductionOrderRepository.Head order);
    }

    /** Locks the order, refuses an illegal move with 409, runs {@code work} and the move in one transaction, then {@code afterCommit}. */
    private Uni<ProductionOrder> transition(Pool pool, long id, OrderStatus target, TransitionWork work, Runnable afterCommit) {
        return pool.withTransaction(tx -> orders.lock(tx, id).chain(found -> {
                    ProductionOrderRepository.Head order = found.orElseThrow(() -> notFound(id));
                    if (!order.status().canMoveTo(target)) {
                        throw ApiException.conflict("ILLEGAL_TRANSITION", "Production order " + order.orderNumber() + " is "
                                + order.status().wireName() + " and cannot become " + target.wireName()
                                + (order.status().next().isEmpty() ? "" : " (it can become: "
                                + String.join(", ", order.status().next().stream().map(OrderStatus::wireName).toList()) + ")"));
                    }
                    return work.apply(tx, order).chain(() -> orders.moveTo(tx, id, target));
                }).chain(() -> orders.find(tx, id)))
                .invoke(() -> {
                    if (afterCommit != null) {
                        afterCommit.run();
                    }
                })
                .map(found -> found.orElseThrow());
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("Production order " + id);
    }
}
