package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.event.OrganizationType;
import io.ipsc.tenancy.event.TenantStatus;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the tenant list is narrowed to (each part optional): a status (without one, deleted tenants
 * are left out), an organisation type, a plan, and words found in the name, slug or contact e-mail.
 */
public record TenantFilter(String status, String type, String plan, String search) {

    /** The operator console searches by what people type, not by exact values: longer is a mistake. */
    static final int MAX_SEARCH_LENGTH = 100;

    /** The filter as the query gave it, checked: an unknown value is INVALID_FILTER (400) naming the parameter. */
    public static TenantFilter of(String status, String type, String plan, String search) {
        if (status != null && Arrays.stream(TenantStatus.values()).noneMatch(s -> s.wireName().equals(status))) {
            throw ApiException.badRequest("INVALID_FILTER", "status", "status must be one of provisioning, active, suspended, deleted");
        }
        if (type != null && OrganizationType.parse(type).isEmpty()) {
            throw ApiException.badRequest("INVALID_FILTER", "organization_type",
                    "organization_type must be one of dental_clinic, manufacturing, business");
        }
        if (plan != null && SubscriptionPlan.parse(plan).isEmpty()) {
            throw ApiException.badRequest("INVALID_FILTER", "plan", "plan must be one of free, basic, premium, enterprise");
        }
        String words = search == null || search.isBlank() ? null : search.trim();
        if (words != null && words.length() > MAX_SEARCH_LENGTH) {
            throw ApiException.badRequest("INVALID_FILTER", "search", "search must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        return new TenantFilter(status, type == null ? null : OrganizationType.parse(type).orElseThrow().wireName(),
                plan == null ? null : SubscriptionPlan.parse(plan).orElseThrow().wireName(), words);
    }

    /** A LIKE pattern finding the search words anywhere, the caller's own wildcards taken literally. */
    String searchPattern() {
        String escaped = search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
