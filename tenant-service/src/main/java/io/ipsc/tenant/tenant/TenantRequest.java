package io.ipsc.tenant.tenant;

import java.util.Map;

/**
 * The body of {@code POST /api/tenants} and {@code PUT /api/tenants/{slug}} (where every field is
 * optional). Values arrive as text and are checked by {@link TenantValidator}, so that every
 * problem is reported at once, by field name.
 */
public record TenantRequest(
        String name,
        String slug,
        String organizationType,
        String contactPerson,
        String contactEmail,
        String contactPhone,
        String gstin,
        String industry,
        String size,
        String addressLine1,
        String addressLine2,
        String city,
        String state,
        String pincode,
        String country,
        String subscriptionPlan,
        Integer maxUsers,
        Integer maxProducts,
        Integer maxTransactionsPerMonth,
        Map<String, Boolean> features) {
}
