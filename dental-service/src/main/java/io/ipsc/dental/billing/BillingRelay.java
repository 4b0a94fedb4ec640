package io.ipsc.dental.billing;

import io.ipsc.tenancy.db.outbox.OutboxRelayContext;
import io.ipsc.tenancy.db.outbox.TenantOutboxRelay;
import io.ipsc.tenancy.event.Topics;
import jakarta.inject.Singleton;

/** Sends the tenants' queued billable items ({@code billing_outbox}) to {@link Topics#BILLING}: the shared relay, on this table. */
@Singleton
public class BillingRelay extends TenantOutboxRelay {

    public BillingRelay(OutboxRelayContext context) {
        super(new Outbox("billing_outbox", Topics.BILLING, "dental-billing-relay"), context);
    }
}
