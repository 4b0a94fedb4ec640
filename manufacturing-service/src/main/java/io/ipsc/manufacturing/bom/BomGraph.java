package io.ipsc.manufacturing.bom;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's bills of materials as the pure calculations see them: every BOM by id, and which BOM
 * builds each product (its active default). A component whose product appears in
 * {@code defaultBomByProduct} is a sub-assembly and is exploded through that BOM.
 */
public record BomGraph(Map<Long, Node> boms, Map<Long, Long> defaultBomByProduct) {

    public Optional<Node> bom(long bomId) {
        return Optional.ofNullable(boms.get(bomId));
    }

    /** The BOM that builds {@code productId}, when the product is a sub-assembly. */
    public Optional<Node> subAssembly(long productId) {
        Long bomId = defaultBomByProduct.get(productId);
        return bomId == null ? Optional.empty() : bom(bomId);
    }

    public record Node(long id, String code, long productId, String version, List<Component> components,
                       List<Operation> operations) {
    }

    /** One line of a BOM: how much of a product goes into one unit of the parent, before scrap. */
    public record Component(long productId, BigDecimal quantityPerUnit, BigDecimal scrapPercent, BigDecimal unitCost) {
    }

    /** One routing step, with what the work center contributes to its time and cost. */
    public record Operation(int sequence, String name, long workCenterId, BigDecimal setupMinutes, BigDecimal minutesPerUnit,
                            BigDecimal efficiency, BigDecimal hourlyCost) {
    }
}
