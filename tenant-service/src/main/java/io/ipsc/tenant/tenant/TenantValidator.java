package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.TenantSlug;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.event.OrganizationType;
import io.ipsc.tenancy.india.Gstin;
import io.ipsc.tenancy.india.GstinCheck;
import io.ipsc.tenancy.india.GstinIssue;
import io.ipsc.tenancy.india.IndianPhone;
import io.ipsc.tenancy.india.IndianState;
import io.ipsc.tenancy.india.PinCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a tenant request field by field and collects every problem, so that the caller learns all
 * of them from one 400. Also decides the GSTIN's standing: a wrong check character or a state that
 * differs from the address is a warning (the seed's own GSTINs are such), or an error in strict mode.
 */
public final class TenantValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}$");
    public static final Set<String> SIZES = Set.of("micro", "small", "medium", "large", "enterprise");

    private final boolean gstinStrict;
    private final String databasePrefix;

    public TenantValidator(boolean gstinStrict, String databasePrefix) {
        this.gstinStrict = gstinStrict;
        this.databasePrefix = databasePrefix;
    }

    /** The outcome: errors (refuse), warnings (accept and tell), and whether the GSTIN verified cleanly. */
    public record Result(List<ErrorDetail> errors, List<ErrorDetail> fieldWarnings, boolean gstinVerified) {

        /** The warnings as the API's {@code warnings} list says them: "field: message". */
        public List<String> warnings() {
            return fieldWarnings.stream().map(w -> w.field() + ": " + w.message()).toList();
        }
    }

    public Result validateCreate(TenantRequest r) {
        List<ErrorDetail> errors = new ArrayList<>();
        require(errors, "name", r.name());
        require(errors, "slug", r.slug());
        require(errors, "organization_type", r.organizationType());
        require(errors, "contact_email", r.contactEmail());
        checkSlug(errors, r.slug());
        return validateCommon(r, errors, Optional.empty());
    }

    /**
     * A form being filled in: the same checks as {@link #validateCreate} on the fields given, none
     * required yet, so that each field can be judged as it is typed.
     */
    public Result validateDraft(TenantRequest r) {
        List<ErrorDetail> errors = new ArrayList<>();
        checkSlug(errors, r.slug());
        return validateCommon(r, errors, Optional.empty());
    }

    private void checkSlug(List<ErrorDetail> errors, String slug) {
        if (slug == null || slug.isBlank()) {
            return;
        }
        String problem = TenantSlug.problem(slug);
        if (problem != null) {
            errors.add(new ErrorDetail("slug", problem));
        } else if (slug.length() > TenantSlug.maxLengthFor(databasePrefix)) {
            errors.add(new ErrorDetail("slug", "slug may be at most " + TenantSlug.maxLengthFor(databasePrefix)
                    + " characters long, so that its database names fit PostgreSQL's 63-character limit"));
        }
    }

    /** For a partial update of {@code current}: only the fields present are checked. */
    public Result validateUpdate(TenantRequest r, Tenant current) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (r.slug() != null && !r.slug().equals(current.slug)) {
            errors.add(new ErrorDetail("slug", "slug cannot be changed: it names the tenant's databases and URLs"));
        }
        if (r.name() != null && r.name().isBlank()) {
            errors.add(new ErrorDetail("name", "name may not be blank"));
        }
        return validateCommon(r, errors, Optional.of(current));
    }

    private Result validateCommon(TenantRequest r, List<ErrorDetail> errors, Optional<Tenant> current) {
        List<ErrorDetail> warnings = new ArrayList<>();
        length(errors, "name", r.name(), 2, 200);
        length(errors, "contact_person", r.contactPerson(), 1, 200);
        length(errors, "industry", r.industry(), 1, 100);
        length(errors, "address_line1", r.addressLine1(), 1, 200);
        length(errors, "address_line2", r.addressLine2(), 1, 200);
        length(errors, "city", r.city(), 1, 100);
        if (r.organizationType() != null && OrganizationType.parse(r.organizationType()).isEmpty()) {
            errors.add(new ErrorDetail("organization_type", "organization_type must be one of dental_clinic, manufacturing, business"));
        }
        if (r.contactEmail() != null && !r.contactEmail().isBlank()
                && (r.contactEmail().length() > 254 || !EMAIL.matcher(r.contactEmail().trim()).matches())) {
            errors.add(new ErrorDetail("contact_email", "contact_email is not a valid e-mail address"));
        }
        if (r.contactPhone() != null && !IndianPhone.isValid(r.contactPhone())) {
            errors.add(new ErrorDetail("contact_phone", "contact_phone must be an Indian phone number, e.g. +91-9876543210"));
        }
        if (r.pincode() != null && !PinCode.isValid(r.pincode())) {
            errors.add(new ErrorDetail("pincode", "pincode must be a 6-digit Indian PIN code, e.g. 400001"));
        }
        if (r.size() != null && !SIZES.contains(r.size().trim().toLowerCase())) {
            errors.add(new ErrorDetail("size", "size must be one of micro, small, medium, large, enterprise"));
        }
        Optional<IndianState> state = Optional.empty();
        if (r.state() != null) {
            state = IndianState.addressStateByName(r.state());
            if (state.isEmpty()) {
                errors.add(new ErrorDetail("state", "state '" + r.state() + "' is not an Indian state or union territory"));
            }
        } else if (current.isPresent() && current.get().state != null) {
            state = IndianState.addressStateByName(current.get().state);
        }
        if (r.subscriptionPlan() != null && SubscriptionPlan.parse(r.subscriptionPlan()).isEmpty()) {
            errors.add(new ErrorDetail("subscription_plan", "subscription_plan must be one of free, basic, premium, enterprise"));
        }
        limit(errors, "max_users", r.maxUsers());
        limit(errors, "max_products", r.maxProducts());
        limit(errors, "max_transactions_per_month", r.maxTransactionsPerMonth());
        if (r.features() != null) {
            validateFeatures(errors, r.features());
        }

        boolean gstinVerified = current.map(t -> t.gstinVerified).orElse(false);
        String gstin = r.gstin() != null ? r.gstin() : current.map(t -> t.gstin).orElse(null);
        boolean gstinOrStateChanged = r.gstin() != null || r.state() != null;
        if (gstin != null && !gstin.isBlank() && gstinOrStateChanged) {
            GstinCheck check = Gstin.check(gstin);
            List<GstinIssue> issues = new ArrayList<>(check.issues());
            if (state.isPresent()) {
                Gstin.stateMismatch(check, state.get()).ifPresent(issues::add);
            }
            for (GstinIssue issue : issues) {
                if (issue.isError() || gstinStrict) {
                    errors.add(new ErrorDetail("gstin", issue.message()));
                } else {
                    warnings.add(new ErrorDetail("gstin", issue.message()));
                }
            }
            gstinVerified = issues.isEmpty();
        } else if (r.gstin() != null) {
            gstinVerified = false;
        }
        return new Result(errors, warnings, gstinVerified);
    }

    /** Feature names must be known: a misspelt toggle would otherwise silently do nothing. */
    public static void validateFeatures(List<ErrorDetail> errors, Map<String, Boolean> features) {
        for (Map.Entry<String, Boolean> e : features.entrySet()) {
            if (!Features.ALL.contains(e.getKey())) {
                errors.add(new ErrorDetail("features." + e.getKey(), "unknown feature; known features: " + String.join(", ", Features.ALL)));
            } else if (e.getValue() == null) {
                errors.add(new ErrorDetail("features." + e.getKey(), "must be true or false"));
            }
        }
    }

    private static void require(List<ErrorDetail> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new ErrorDetail(field, field + " is required"));
        }
    }

    private static void length(List<ErrorDetail> errors, String field, String value, int min, int max) {
        if (value != null && !value.isBlank() && (value.trim().length() < min || value.trim().length() > max)) {
            errors.add(new ErrorDetail(field, field + " must be " + min + " to " + max + " characters long"));
        }
    }

    private static void limit(List<ErrorDetail> errors, String field, Integer value) {
        if (value != null && (value < 1 || value > 10_000_000)) {
            errors.add(new ErrorDetail(field, field + " must be between 1 and 10000000"));
        }
    }
}
