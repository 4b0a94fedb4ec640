package io.ipsc.tenant.tenant;

/** {@code PUT /api/tenants/{slug}/subscription}: a plan, and limits that override its defaults. */
public record SubscriptionRequest(String plan, Integer maxUsers, Integer maxProducts, Integer maxTransactionsPerMonth) {
}
