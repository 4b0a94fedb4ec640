package io.ipsc.dental.supply;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.error.ConstraintErrors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Supplies and their stock; their SQL is {@link SupplyRepository}'s. Every stock change is one transaction that
 * moves the stock with a guarded {@code UPDATE} and records the movement with the stock it left.
 */
@ApplicationScoped
public class SupplyService {

    private final SupplyRepository supplies;

    public SupplyService(SupplyRepository supplies) {
        this.supplies = supplies;
    }

    public Uni<Supply> create(Pool pool, SupplyRequest r) {
        BigDecimal opening = r.openingStock() == null ? BigDecimal.ZERO : r.openingStock();
        return pool.withTransaction(conn -> supplies.insert(conn, r.name().trim(), r.unit().trim(), opening, r.reorderLevel(), r.notes())
                        .call(supply -> opening.signum() > 0
                                ? supplies.insertMovement(conn, supply.id(), "receipt", opening, null, "opening stock", opening)
                                : Uni.createFrom().voidItem()))
                .onFailure().transform(ConstraintErrors.duplicate(() -> duplicate(r.name())));
    }

    public Uni<Supply> update(Pool pool, long id, SupplyUpdate r) {
        return supplies.update(pool, id, r).onFailure().transform(ConstraintErrors.duplicate(() -> duplicate(r.name())));
    }

    public Uni<Supply> get(Pool pool, long id) {
        return supplies.get(pool, id);
    }

    public Uni<Supply> archive(Pool pool, long id) {
        return supplies.archive(pool, id);
    }

    public Uni<Page<Supply>> list(Pool pool, String search, boolean lowOnly, PageRequest page) {
        return supplies.list(pool, search, lowOnly, page);
    }

    public Uni<SupplyMovement> receive(Pool pool, long id, MovementRequest r) {
        if (r.treatmentId() != null) {
            throw ApiException.badRequest("VALIDATION_ERROR", "treatment_id", "a receipt is not against a treatment");
        }
        return pool.withTransaction(conn -> supplies.addStock(conn, id, r.quantity())
                .chain(stock -> supplies.insertMovement(conn, id, "receipt", r.quantity(), null, r.note(), stock)));
    }

    /** Takes stock out; refused with 422 when there is not enough, leaving the stock as it was. */
    public Uni<SupplyMovement> consume(Pool pool, long id, MovementRequest r) {
        return pool.withTransaction(conn -> checkTreatment(conn, r.treatmentId())
                .chain(() -> supplies.takeStock(conn, id, r.quantity()))
                .chain(left -> left.isPresent()
                        ? supplies.insertMovement(conn, id, "consumption", r.quantity(), r.treatmentId(), r.note(), left.get())
                        : supplies.stockAndUnit(conn, id).map(row -> {
                            throw new ApiException(422, "INSUFFICIENT_STOCK", "Only " + row.getBigDecimal("stock").stripTrailingZeros()
                                    .toPlainString() + " " + row.getString("unit") + " in stock",
                                    List.of(new ErrorDetail("quantity", "exceeds the stock")), Map.of());
                        })));
    }

    public Uni<Page<SupplyMovement>> movements(Pool pool, long id, PageRequest page) {
        return supplies.get(pool, id).chain(() -> supplies.movements(pool, id, page));
    }

    private Uni<Void> checkTreatment(SqlConnection conn, Long treatmentId) {
        if (treatmentId == null) {
            return Uni.createFrom().voidItem();
        }
        return supplies.treatmentExists(conn, treatmentId).invoke(exists -> {
            if (!exists) {
                throw new ApiException(422, "UNKNOWN_TREATMENT", "Treatment " + treatmentId + " does not exist",
                        List.of(new ErrorDetail("treatment_id", "no such treatment")), Map.of());
            }
        }).replaceWithVoid();
    }

    private static ApiException duplicate(String name) {
        return new ApiException(409, "DUPLICATE_SUPPLY", "A supply named '" + name.trim() + "' exists already",
                List.of(new ErrorDetail("name", "is taken")), Map.of());
    }
}
