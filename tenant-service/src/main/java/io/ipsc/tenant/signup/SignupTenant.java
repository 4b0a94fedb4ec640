package io.ipsc.tenant.signup;

import io.ipsc.tenant.tenant.SubscriptionPlan;
import io.ipsc.tenant.tenant.TenantRequest;

/**
 * The organisation a visitor signs up, or a set-up form being checked: the tenant body's profile
 * fields only. The plan, its limits and the features are not the visitor's to choose (a body naming
 * them is refused as {@code UNKNOWN_FIELD}); a self-service tenant starts on the free plan.
 */
public record SignupTenant(
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
        String pincode) {

    /** As a tenant request with the given plan ({@code null}: the installation's default). */
    TenantRequest toRequest(SubscriptionPlan plan) {
        return new TenantRequest(name, slug, organizationType, contactPerson, contactEmail, contactPhone, gstin, industry, size,
                addressLine1, addressLine2, city, state, pincode, null, plan == null ? null : plan.wireName(), null, null, null, null, null);
    }
}
