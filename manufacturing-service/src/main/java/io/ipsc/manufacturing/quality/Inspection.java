package io.ipsc.manufacturing.quality;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An inspection as the API shows it; a failed one holds its order until {@code decision} is set. */
public record Inspection(long id, long productionOrderId, int sampleSize, int passed, int failed, List<String> defectCodes,
                         List<CheckedReading> readings, String result, String decision, OffsetDateTime decidedAt, String notes,
                         OffsetDateTime createdAt) {

    public record CheckedReading(String name, BigDecimal value, BigDecimal min, BigDecimal max, boolean withinLimits) {
    }
}
