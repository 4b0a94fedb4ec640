package io.ipsc.manufacturing.stock;

import io.ipsc.tenancy.db.outbox.OutboxRelayContext;
import io.ipsc.tenancy.db.outbox.TenantOutboxRelay;
import io.ipsc.tenancy.event.Topics;
import jakarta.inject.Singleton;

/**
 * Publishes a tenant's pending stock movements ({@code stock_outbox}, written in the completion's transaction, see
 * {@link StockOutbox}) to {@link Topics#STOCK}: the shared relay, on this table. The stable movement id lets
 * invoicing-service apply each movement once, however often it is sent.
 */
@Singleton
public class StockRelay extends TenantOutboxRelay {

    public StockRelay(OutboxRelayContext context) {
        super(new Outbox("stock_outbox", Topics.STOCK, "manufacturing-service-stock"), context);
    }
}
