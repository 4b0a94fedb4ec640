package io.ipsc.manufacturing.bom;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** The answer of {@code GET /api/boms/{id}/explode}: raw materials for {@code quantity} units, scrap included. */
public record Explosion(long bomId, String bomCode, String version, long productId, BigDecimal quantity, List<Line> materials,
                        BigDecimal materialCost) {

    /** Named for the API document, which would otherwise call it Line or Line1. */
    @Schema(name = "ExplosionLine")
    public record Line(long productId, BigDecimal quantity, BigDecimal unitCost, BigDecimal cost) {
    }
}
