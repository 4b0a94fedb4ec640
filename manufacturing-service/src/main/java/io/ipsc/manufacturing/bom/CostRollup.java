package io.ipsc.manufacturing.bom;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of one unit of a BOM's product, made in lots of {@code lotSize}: material (raw materials
 * at their BOM unit cost, sub-assemblies at their own rolled-up cost) plus operations (time at the
 * work center's hourly cost). Setup time is shared by the lot, which is why the lot size matters.
 */
public final class CostRollup {

    public static final int COST_SCALE = 4;
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private CostRollup() {
    }

    /** Named for the API document, which would otherwise call it Line or Line1. */
    @Schema(name = "CostRollupLine")
    public record Line(long productId, BigDecimal quantity, BigDecimal unitCost, BigDecimal cost, boolean subAssembly) {
    }

    public record OperationCost(int sequence, String name, long workCenterId, BigDecimal minutesPerUnit, BigDecimal cost) {
    }

    public record UnitCost(long bomId, BigDecimal lotSize, BigDecimal materialCost, BigDecimal operationCost, BigDecimal totalCost,
                           List<Line> materials, List<OperationCost> operations) {
    }

    public static UnitCost perUnit(BomGraph graph, long bomId, BigDecimal lotSize) {
        List<Long> path = new ArrayList<>();
        return perUnit(graph, graph.bom(bomId).orElseThrow(() -> new IllegalArgumentException("No BOM " + bomId)), lotSize, path);
    }

    private static UnitCost perUnit(BomGraph graph, BomGraph.Node bom, BigDecimal lotSize, List<Long> path) {
        if (path.contains(bom.productId())) {
            List<Long> cycle = new ArrayList<>(path.subList(path.indexOf(bom.productId()), path.size()));
            cycle.add(bom.productId());
            throw new BomCycleException(cycle);
        }
        path.add(bom.productId());
        List<Line> materials = new ArrayList<>();
        BigDecimal material = BigDecimal.ZERO;
        for (BomGraph.Component component : bom.components()) {
            BigDecimal quantity = BomExplosion.grossQuantity(component, BigDecimal.ONE);
            var subAssembly = graph.subAssembly(component.productId());
            BigDecimal unitCost = subAssembly.isPresent()
                    ? perUnit(graph, subAssembly.get(), lotSize.multiply(quantity), path).totalCost()
                    : component.unitCost();
            BigDecimal cost = quantity.multiply(unitCost);
            material = material.add(cost);
            materials.add(new Line(component.productId(), scaled(quantity), scaled(unitCost), scaled(cost), subAssembly.isPresent()));
        }
        List<OperationCost> operations = new ArrayList<>();
        BigDecimal operation = BigDecimal.ZERO;
        for (BomGraph.Operation op : bom.operations()) {
            BigDecimal lotMinutes = OperationTime.minutes(op.setupMinutes(), lotSize, op.minutesPerUnit(), op.efficiency());
            BigDecimal minutesPerUnit = lotMinutes.divide(lotSize, MathContext.DECIMAL64);
            BigDecimal cost = minutesPerUnit.divide(SIXTY, MathContext.DECIMAL64).multiply(op.hourlyCost());
            operation = operation.add(cost);
            operations.add(new OperationCost(op.sequence(), op.name(), op.workCenterId(), scaled(minutesPerUnit), scaled(cost)));
        }
        path.remove(path.size() - 1);
        return new UnitCost(bom.id(), lotSize, scaled(material), scaled(operation), scaled(material.add(operation)), materials, operations);
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value.setScale(COST_SCALE, RoundingMode.HALF_UP);
    }
}
