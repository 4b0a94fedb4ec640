package io.ipsc.manufacturing.quality;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectionEvaluationTest {

    private static InspectionRequest.Reading reading(String value, String min, String max) {
        return new InspectionRequest.Reading("diameter", new BigDecimal(value), min == null ? null : new BigDecimal(min),
                max == null ? null : new BigDecimal(max));
    }

    @Test
    void limitsAreInclusiveAndEitherMayBeAbsent() {
        assertTrue(InspectionEvaluation.withinLimits(new BigDecimal("10.0"), new BigDecimal("10"), new BigDecimal("12")));
        assertTrue(InspectionEvaluation.withinLimits(new BigDecimal("12"), null, new BigDecimal("12")));
        assertFalse(InspectionEvaluation.withinLimits(new BigDecimal("9.99"), new BigDecimal("10"), null));
    }

    @Test
    void aFailedUnitOrAReadingOutOfLimitsFailsTheInspection() {
        assertEquals("passed", InspectionEvaluation.result(0, List.of(reading("11", "10", "12"))));
        assertEquals("failed", InspectionEvaluation.result(1, List.of(reading("11", "10", "12"))));
        assertEquals("failed", InspectionEvaluation.result(0, List.of(reading("12.5", "10", "12"))));
    }
}
