package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.india.constraint.ValidIndianPhone;
import io.ipsc.tenancy.india.constraint.ValidPinCode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.ipsc.tenancy.event.Placement;

import java.util.Map;

/**
 * The body of {@code POST /api/tenants} and {@code PUT /api/tenants/{slug}} (where every field is
 * optional). Each field's own rules are its constraints ({@link OnCreate} for what a new tenant needs);
 * {@link TenantValidator} runs them with the rules that look at more than one field or at the tenant
 * (the GSTIN's standing, the state, the plan, the features), so that every problem is reported at once,
 * by field name. {@code cluster} (creation only) names the database cluster a platform admin places the
 * tenant on; without it {@link io.ipsc.tenant.cluster.PlacementPolicy} chooses. The messages name the field, as the API has always said them.
 */
public record TenantRequest(
        @NotBlank(groups = OnCreate.class, message = "name is required")
        @Size(min = 2, max = 200, message = "name must be 2 to 200 characters long") String name,
        @NotBlank(groups = OnCreate.class, message = "slug is required") String slug,
        @NotBlank(groups = OnCreate.class, message = "organization_type is required") String organizationType,
        @Size(max = 200, message = "contact_person must be 1 to 200 characters long") String contactPerson,
        @NotBlank(groups = OnCreate.class, message = "contact_email is required")
        @Size(max = 254, message = "contact_email is not a valid e-mail address")
        @Pattern(regexp = "^\\s*$|^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}\\s*$", message = "contact_email is not a valid e-mail address")
        String contactEmail,
        @ValidIndianPhone(message = "contact_phone must be an Indian phone number, e.g. +91-9876543210") String contactPhone,
        String gstin,
        @Size(max = 100, message = "industry must be 1 to 100 characters long") String industry,
        @Pattern(regexp = "(?i)\\s*(micro|small|medium|large|enterprise)\\s*", message = "size must be one of micro, small, medium, large, enterprise")
        String size,
        @Size(max = 200, message = "address_line1 must be 1 to 200 characters long") String addressLine1,
        @Size(max = 200, message = "address_line2 must be 1 to 200 characters long") String addressLine2,
        @Size(max = 100, message = "city must be 1 to 100 characters long") String city,
        String state,
        @ValidPinCode(message = "pincode must be a 6-digit Indian PIN code, e.g. 400001") String pincode,
        String country,
        String subscriptionPlan,
        @Min(value = 1, message = "max_users must be between 1 and 10000000")
        @Max(value = 10_000_000, message = "max_users must be between 1 and 10000000") Integer maxUsers,
        @Min(value = 1, message = "max_products must be between 1 and 10000000")
        @Max(value = 10_000_000, message = "max_products must be between 1 and 10000000") Integer maxProducts,
        @Min(value = 1, message = "max_transactions_per_month must be between 1 and 10000000")
        @Max(value = 10_000_000, message = "max_transactions_per_month must be between 1 and 10000000") Integer maxTransactionsPerMonth,
        Map<String, Boolean> features,
        @Pattern(regexp = Placement.CLUSTER_NAME_PATTERN, message = "cluster must be a database cluster's name, e.g. main")
        String cluster) {

    /** The constraints a new tenant's request must also meet (its required fields); a partial update need not. */
    public interface OnCreate {
    }
}
