package io.ipsc.manufacturing.bom;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostRollupTest {

    @Test
    void materialCostRollsUpThroughSubAssemblies() {
        CostRollup.UnitCost cost = CostRollup.perUnit(BomFixtures.threeLevels(List.of()), 1, BigDecimal.ONE);

        // 400: 4 × 1.05 × 2 = 8.4; 200: 3 × 8.4 + 0.5 × 1.2 × 5 = 28.2; 100: 2 × 1.1 × 28.2 + 1 × 5 = 67.04.
        assertEquals(new BigDecimal("67.0400"), cost.materialCost());
        assertEquals(new BigDecimal("0.0000"), cost.operationCost());
        assertEquals(new BigDecimal("67.0400"), cost.totalCost());
        CostRollup.Line subAssembly = cost.materials().get(0);
        assertTrue(subAssembly.subAssembly());
        assertEquals(new BigDecimal("28.2000"), subAssembly.unitCost());
        assertEquals(new BigDecimal("2.2000"), subAssembly.quantity());
    }

    @Test
    void operationCostSharesTheSetupOverTheLot() {
        BomGraph.Operation assembly = new BomGraph.Operation(10, "Assembly", 1, new BigDecimal("30"), new BigDecimal("12"),
                new BigDecimal("0.8"), new BigDecimal("60"));
        CostRollup.UnitCost cost = CostRollup.perUnit(BomFixtures.threeLevels(List.of(assembly)), 1, BigDecimal.TEN);

        // 30 + 10 × 12 / 0.8 = 180 minutes for the lot: 18 minutes per unit at 60 an hour = 18.
        assertEquals(new BigDecimal("18.0000"), cost.operationCost());
        assertEquals(new BigDecimal("18.0000"), cost.operations().get(0).minutesPerUnit());
        assertEquals(new BigDecimal("85.0400"), cost.totalCost());
    }

    @Test
    void operationTimeIsSetupPlusUnitsOverEfficiency() {
        assertEquals(new BigDecimal("130.00"), OperationTime.minutes(new BigDecimal("30"), new BigDecimal("100"), BigDecimal.ONE, BigDecimal.ONE));
        assertEquals(new BigDecimal("135.26"), OperationTime.minutes(new BigDecimal("30"), new BigDecimal("100"), BigDecimal.ONE,
                new BigDecimal("0.95")));
    }
}
