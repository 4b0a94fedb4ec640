package io.ipsc.manufacturing.bom;

import io.ipsc.tenancy.error.ConstraintErrors;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The rules of BOMs: one default per product, no cycles, and the calculations over the whole structure. */
@ApplicationScoped
public class BomService {

    private final BomRepository boms;

    public BomService(BomRepository boms) {
        this.boms = boms;
    }

    public Uni<Bom> create(Pool pool, BomRequest request) {
        return pool.withTransaction(tx -> boms.insert(tx, request).chain(id -> boms.find(tx, id)))
                .onFailure().transform(ConstraintErrors.duplicate("DUPLICATE", "BOM " + request.bomId() + " version " + request.version() + " exists already"))
                .map(found -> found.orElseThrow());
    }

    public Uni<Bom> get(Pool pool, long id) {
        return boms.find(pool, id).map(found -> found.orElseThrow(() -> ApiException.notFound("BOM " + id)));
    }

    /**
     * Adds a component unless it would close a cycle. The table lock serialises component changes
     * of this tenant, so two concurrent changes cannot each pass the check and together form a cycle.
     */
    public Uni<Bom> addComponent(Pool pool, long bomId, ComponentRequest request) {
        return withoutCycle(pool, bomId, request, tx -> boms.insertComponent(tx, bomId, request).replaceWithVoid());
    }

    /**
     * Replaces a component's product, quantity, scrap and unit cost, under the same cycle check as an addition.
     * Released orders keep the requirement fixed at their release; planned ones take the BOM as it is when released.
     */
    public Uni<Bom> updateComponent(Pool pool, long bomId, long componentId, ComponentRequest request) {
        return withoutCycle(pool, bomId, request, tx -> boms.updateComponent(tx, bomId, componentId, request).map(updated -> {
            if (!updated) {
                throw ApiException.notFound("Component " + componentId + " of BOM " + bomId);
            }
            return null;
        }));
    }

    private Uni<Bom> withoutCycle(Pool pool, long bomId, ComponentRequest request, Function<SqlConnection, Uni<Void>> write) {
        return pool.withTransaction(tx -> tx.query("LOCK TABLE bom_components IN SHARE ROW EXCLUSIVE MODE").execute()
                        .chain(() -> boms.graph(tx))
                        .chain(graph -> {
                            BomGraph.Node bom = graph.bom(bomId).orElseThrow(() -> ApiException.notFound("BOM " + bomId));
                            BomCycleDetector.cycleIfAdded(graph, bom.productId(), request.productId()).ifPresent(cycle -> {
                                throw cycleRefused(cycle);
                            });
                            return write.apply(tx);
                        })
                        .chain(() -> boms.find(tx, bomId)))
                .onFailure().transform(ConstraintErrors.duplicate("DUPLICATE", "Product " + request.productId() + " is already a component of BOM " + bomId))
                .map(found -> found.orElseThrow());
    }

    public Uni<Bom> addOperation(Pool pool, long bomId, OperationRequest request) {
        return withWorkCenter(pool, bomId, request, tx -> boms.insertOperation(tx, bomId, request).replaceWithVoid());
    }

    /** Replaces an operation's sequence, name, work center and minutes; released orders keep the schedule made at release. */
    public Uni<Bom> updateOperation(Pool pool, long bomId, long operationId, OperationRequest request) {
        return withWorkCenter(pool, bomId, request, tx -> boms.updateOperation(tx, bomId, operationId, request).map(updated -> {
            if (!updated) {
                throw ApiException.notFound("Operation " + operationId + " of BOM " + bomId);
            }
            return null;
        }));
    }

    private Uni<Bom> withWorkCenter(Pool pool, long bomId, OperationRequest request, Function<SqlConnection, Uni<Void>> write) {
        return pool.withTransaction(tx -> boms.find(tx, bomId).chain(found -> {
                    found.orElseThrow(() -> ApiException.notFound("BOM " + bomId));
                    return boms.workCenterExists(tx, request.workCenterId());
                }).chain(exists -> {
                    if (!exists) {
                        throw new ApiException(422, "UNKNOWN_WORK_CENTER", "There is no work center " + request.workCenterId(),
                                List.of(new ErrorDetail("work_center_id", "no such work center")), Map.of());
                    }
                    return write.apply(tx);
                }).chain(() -> boms.find(tx, bomId)))
                .onFailure().transform(ConstraintErrors.duplicate("DUPLICATE", "BOM " + bomId + " already has an operation with sequence " + request.sequence()))
                .map(found -> found.orElseThrow());
    }

    public Uni<Explosion> explode(Pool pool, long bomId, BigDecimal quantity) {
        return boms.graph(pool).map(graph -> {
            BomGraph.Node bom = graph.bom(bomId).orElseThrow(() -> ApiException.notFound("BOM " + bomId));
            List<BomExplosion.Requirement> requirements = explodeOrRefuse(graph, bomId, quantity);
            BigDecimal total = BigDecimal.ZERO;
            List<Explosion.Line> lines = new java.util.ArrayList<>();
            for (BomExplosion.Requirement r : requirements) {
                BigDecimal cost = r.quantity().multiply(r.unitCost()).setScale(2, RoundingMode.HALF_UP);
                total = total.add(cost);
                lines.add(new Explosion.Line(r.productId(), r.quantity(), r.unitCost(), cost));
            }
            return new Explosion(bom.id(), bom.code(), bom.version(), bom.productId(), quantity, lines, total);
        });
    }

    public Uni<CostRollup.UnitCost> cost(Pool pool, long bomId, BigDecimal lotSize) {
        return boms.graph(pool).map(graph -> {
            graph.bom(bomId).orElseThrow(() -> ApiException.notFound("BOM " + bomId));
            try {
                return CostRollup.perUnit(graph, bomId, lotSize);
            } catch (BomCycleException e) {
                throw cycleRefused(e.productPath());
            }
        });
    }

    /** The flattened requirement, or a 422 naming the cycle when the stored structure has one. */
    public static List<BomExplosion.Requirement> explodeOrRefuse(BomGraph graph, long bomId, BigDecimal quantity) {
        try {
            return BomExplosion.explode(graph, bomId, quantity);
        } catch (BomCycleException e) {
            throw cycleRefused(e.productPath());
        }
    }

    static ApiException cycleRefused(List<Long> cycle) {
        String message = "This would make a product contain itself: " + BomCycleException.describe(cycle);
        return new ApiException(422, "BOM_CYCLE", message, List.of(new ErrorDetail("product_id", message)), Map.of());
    }
}
