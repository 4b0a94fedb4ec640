package io.ipsc.manufacturing.bom;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BomExplosionTest {

    @Test
    void threeLevelsWithScrapFlattenToRawMaterials() {
        List<BomExplosion.Requirement> requirements = BomExplosion.explode(BomFixtures.threeLevels(List.of()), 1, BigDecimal.TEN);

        // 10 × 2 × 1.1 = 22 of sub-assembly 200 → 66 of 400 → 66 × 4 × 1.05 = 277.2 of 500;
        // 300: 10 × 1 directly, plus 22 × 0.5 × 1.2 = 13.2 through 200.
        assertEquals(List.of(
                new BomExplosion.Requirement(300, new BigDecimal("23.2000"), new BigDecimal("5")),
                new BomExplosion.Requirement(500, new BigDecimal("277.2000"), new BigDecimal("2"))), requirements);
    }

    @Test
    void aBomWithoutComponentsNeedsNothing() {
        BomGraph graph = new BomGraph(Map.of(7L, new BomGraph.Node(7, "EMPTY", 70, "1.0", List.of(), List.of())), Map.of(70L, 7L));
        assertEquals(List.of(), BomExplosion.explode(graph, 7, BigDecimal.ONE));
    }

    @Test
    void aStoredCycleFailsInsteadOfRecursingForever() {
        BomGraph graph = new BomGraph(Map.of(
                1L, new BomGraph.Node(1, "A", 10, "1.0", List.of(BomFixtures.component(20, "1", "0", "0")), List.of()),
                2L, new BomGraph.Node(2, "B", 20, "1.0", List.of(BomFixtures.component(10, "1", "0", "0")), List.of())),
                Map.of(10L, 1L, 20L, 2L));
        BomCycleException e = assertThrows(BomCycleException.class, () -> BomExplosion.explode(graph, 1, BigDecimal.ONE));
        assertEquals(List.of(10L, 20L, 10L), e.productPath());
    }
}
