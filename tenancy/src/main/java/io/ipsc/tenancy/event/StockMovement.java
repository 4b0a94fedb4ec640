package io.ipsc.tenancy.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The value of a record on {@link Topics#STOCK}: a change to a product's stock in invoicing-service,
 * raised by another module. {@code movementId} is unique per tenant, so a redelivered movement is
 * applied once. {@code quantity} is positive for stock in, negative for stock out.
 *
 * @param reason e.g. {@code production_consumption}, {@code production_output}
 */
public record StockMovement(String tenant, String movementId, long productId, BigDecimal quantity, String reason,
                            String reference, Instant occurredAt) {
}
