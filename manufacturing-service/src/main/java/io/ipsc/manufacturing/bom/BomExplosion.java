package io.ipsc.manufacturing.bom;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flattens a multi-level BOM into the raw materials needed for a quantity of its product.
 *
 * <p>Scrap is planned loss: a component with scrap {@code s}% is issued at {@code quantity × (1 + s/100)}.
 * A sub-assembly's gross quantity is what its own BOM must produce, so scrap compounds level by level.
 * Rounding happens once, on the totals, so that deep structures do not accumulate rounding error.
 */
public final class BomExplosion {

    public static final int QUANTITY_SCALE = 4;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private BomExplosion() {
    }

    /** One raw material: how much is needed in total, and its unit cost from the BOM line. */
    public record Requirement(long productId, BigDecimal quantity, BigDecimal unitCost) {
    }

    public static List<Requirement> explode(BomGraph graph, long bomId, BigDecimal quantity) {
        BomGraph.Node bom = graph.bom(bomId).orElseThrow(() -> new IllegalArgumentException("No BOM " + bomId));
        Map<Long, BigDecimal> totals = new TreeMap<>();
        Map<Long, BigDecimal> costs = new TreeMap<>();
        List<Long> path = new ArrayList<>();
        path.add(bom.productId());
        accumulate(graph, bom, quantity, totals, costs, path);
        List<Requirement> requirements = new ArrayList<>();
        totals.forEach((product, total) -> requirements.add(
                new Requirement(product, total.setScale(QUANTITY_SCALE, RoundingMode.HALF_UP), costs.get(product))));
        return requirements;
    }

    /** The quantity of a component issued for {@code parentQuantity} units of its parent, scrap included. */
    public static BigDecimal grossQuantity(BomGraph.Component component, BigDecimal parentQuantity) {
        BigDecimal scrapFactor = BigDecimal.ONE.add(component.scrapPercent().divide(HUNDRED));
        return parentQuantity.multiply(component.quantityPerUnit()).multiply(scrapFactor);
    }

    private static void accumulate(BomGraph graph, BomGraph.Node bom, BigDecimal quantity, Map<Long, BigDecimal> totals,
                                   Map<Long, BigDecimal> costs, List<Long> path) {
        for (BomGraph.Component component : bom.components()) {
            BigDecimal gross = grossQuantity(component, quantity);
            if (path.contains(component.productId())) {
                // Refused when components are added; kept here so a damaged structure fails instead of recursing forever.
                List<Long> cycle = new ArrayList<>(path.subList(path.indexOf(component.productId()), path.size()));
                cycle.add(component.productId());
                throw new BomCycleException(cycle);
            }
            var subAssembly = graph.subAssembly(component.productId());
            if (subAssembly.isPresent()) {
                path.add(component.productId());
                accumulate(graph, subAssembly.get(), gross, totals, costs, path);
                path.remove(path.size() - 1);
            } else {
                totals.merge(component.productId(), gross, BigDecimal::add);
                costs.putIfAbsent(component.productId(), component.unitCost());
            }
        }
    }
}
