package io.ipsc.manufacturing.bom;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BomCycleDetectorTest {

    private final BomGraph graph = BomFixtures.threeLevels(List.of());

    @Test
    void addingTheTopProductToTheLowestLevelClosesACycleThroughEveryLevel() {
        assertEquals(Optional.of(List.of(400L, 100L, 200L, 400L)), BomCycleDetector.cycleIfAdded(graph, 400, 100));
    }

    @Test
    void aProductCannotBeItsOwnComponent() {
        assertEquals(Optional.of(List.of(100L, 100L)), BomCycleDetector.cycleIfAdded(graph, 100, 100));
    }

    @Test
    void rawMaterialsAndUnrelatedSubAssembliesAreSafe() {
        assertEquals(Optional.empty(), BomCycleDetector.cycleIfAdded(graph, 100, 600));
        assertEquals(Optional.empty(), BomCycleDetector.cycleIfAdded(graph, 100, 400));
        assertEquals(Optional.empty(), BomCycleDetector.cycleIfAdded(graph, 400, 300));
    }

    @Test
    void cycleIsDescribedForTheCaller() {
        assertEquals("product 400 → product 100 → product 200 → product 400", BomCycleException.describe(List.of(400L, 100L, 200L, 400L)));
    }
}
