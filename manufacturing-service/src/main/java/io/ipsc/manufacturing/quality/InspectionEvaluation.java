package io.ipsc.manufacturing.quality;

import java.math.BigDecimal;
import java.util.List;

/** Judges an inspection from its counts and readings. */
public final class InspectionEvaluation {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";

    private InspectionEvaluation() {
    }

    public static boolean withinLimits(BigDecimal value, BigDecimal min, BigDecimal max) {
        return (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
    }

    /** Failed when any unit failed or any reading is out of its limits. */
    public static String result(int failed, List<InspectionRequest.Reading> readings) {
        boolean outOfLimits = readings.stream().anyMatch(r -> !withinLimits(r.value(), r.min(), r.max()));
        return failed > 0 || outOfLimits ? FAILED : PASSED;
    }
}
