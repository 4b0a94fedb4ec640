package io.ipsc.manufacturing.order;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A production order as the API shows it. {@code bom_version}, {@code materials} and
 * {@code operations} are fixed at release; before that they are empty.
 */
public record ProductionOrder(long id, String orderNumber, long bomId, long productId, BigDecimal quantity, LocalDate startDate,
                              LocalDate dueDate, String status, String bomVersion, BigDecimal goodQuantity, BigDecimal rejectedQuantity,
                              String notes, OffsetDateTime releasedAt, OffsetDateTime startedAt, OffsetDateTime completedAt,
                              OffsetDateTime cancelledAt, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Material> materials,
                              List<ScheduledOperation> operations) {

    public record Material(long productId, BigDecimal quantity, BigDecimal unitCost) {
    }

    public record ScheduledOperation(long id, int sequence, String name, long workCenterId, BigDecimal durationMinutes,
                                     LocalDate plannedStart, LocalDate plannedEnd) {
    }
}
