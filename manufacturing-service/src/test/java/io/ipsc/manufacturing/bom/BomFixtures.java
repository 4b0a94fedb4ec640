package io.ipsc.manufacturing.bom;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A three-level structure: product 100 is made from sub-assembly 200 (2 per unit, 10% scrap) and raw
 * material 300; 200 from sub-assembly 400 (3 per unit) and 300 (0.5 per unit, 20% scrap); 400 from
 * raw material 500 (4 per unit, 5% scrap). BOM ids are 1, 2, 3.
 */
final class BomFixtures {

    private BomFixtures() {
    }

    static BomGraph threeLevels(List<BomGraph.Operation> topOperations) {
        Map<Long, BomGraph.Node> boms = new HashMap<>();
        boms.put(1L, new BomGraph.Node(1, "TOP", 100, "1.0", List.of(
                component(200, "2", "10", "0"),
                component(300, "1", "0", "5")), topOperations));
        boms.put(2L, new BomGraph.Node(2, "SUB", 200, "1.0", List.of(
                component(400, "3", "0", "0"),
                component(300, "0.5", "20", "5")), List.of()));
        boms.put(3L, new BomGraph.Node(3, "LOW", 400, "1.0", List.of(
                component(500, "4", "5", "2")), List.of()));
        return new BomGraph(boms, Map.of(100L, 1L, 200L, 2L, 400L, 3L));
    }

    static BomGraph.Component component(long product, String quantity, String scrap, String cost) {
        return new BomGraph.Component(product, new BigDecimal(quantity), new BigDecimal(scrap), new BigDecimal(cost));
    }
}
