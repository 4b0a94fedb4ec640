package io.ipsc.manufacturing.bom;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** A BOM as the API shows it: {@code id} is the resource id, {@code bom_id} its code. */
public record Bom(long id, String bomId, long productId, String description, String version, boolean isDefault, boolean isActive,
                  List<ComponentLine> components, List<OperationLine> operations, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** {@code sub_assembly} is true when the component's product has its own active default BOM. */
    public record ComponentLine(long id, long productId, BigDecimal quantityPerUnit, BigDecimal scrapPercent, BigDecimal unitCost,
                                boolean subAssembly) {
    }

    public record OperationLine(long id, int sequence, String name, long workCenterId, BigDecimal setupMinutes, BigDecimal minutesPerUnit) {
    }
}
