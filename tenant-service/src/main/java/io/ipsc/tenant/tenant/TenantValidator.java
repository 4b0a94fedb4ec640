package io.ipsc.tenant.tenant;

import io.ipsc.tenancy.TenantSlug;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.Violations;
import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.event.OrganizationType;
import io.ipsc.tenancy.india.Gstin;
import io.ipsc.tenancy.india.GstinCheck;
import io.ipsc.tenancy.india.GstinIssue;
import io.ipsc.tenancy.india.IndianState;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a tenant request and collects every problem, so that the caller learns all of them from one
 * 400: each field's own constraints (on {@link TenantRequest}), then the rules that need more than one
 * field or the tenant as it is. Also decides the GSTIN's standing: a wrong check character or a state that
 * differs from the address is a warning (the seed's own GSTINs are such), or an error in strict mode.
 */
public final class TenantValidator {

    private final Validator constraints;
    private final boolean gstinStrict;
    private final String databasePrefix;

    public TenantValidator(Validator constraints, boolean gstinStrict, String databasePrefix) {
        this.constraints = constraints;
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
        List<ErrorDetail> errors = new ArrayList<>(Violations.details(constraints.validate(r, Default.class, TenantRequest.OnCreate.class)));
        checkSlug(errors, r.slug());
        return validateCommon(r, errors, Optional.empty());
    }

    /**
     * A form being filled in: the same checks as {@link #validateCreate} on the fields given, none
     * required yet, so that each field can be judged as it is typed.
     */
    public Result validateDraft(TenantRequest r) {
        List<ErrorDetail> errors = new ArrayList<>(Violations.details(constraints.validate(r)));
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
        List<ErrorDetail> errors = new ArrayList<>(Violations.details(constraints.validate(r)));
        if (r.slug() != null && !r.slug().equals(current.slug)) {
            errors.add(new ErrorDetail("slug", "slug cannot be changed: it names the tenant's databases and URLs"));
        }
        if (r.cluster() != null && !r.cluster().equals(current.cluster)) {
            errors.add(new ErrorDetail("cluster", "cluster is chosen when the tenant is created; moving a tenant is not an update"));
        }
        if (r.name() != null && r.name().isBlank()) {
            errors.add(new ErrorDetail("name", "name may not be blank"));
        }
        return validateCommon(r, errors, Optional.of(current));
    }

    private Result validateCommon(TenantRequest r, List<ErrorDetail> errors, Optional<Tenant> current) {
        List<ErrorDetail> warnings = new ArrayList<>();
        if (r.organizationType() != null && OrganizationType.parse(r.organizationType()).isEmpty()) {
            errors.add(new ErrorDetail("organization_type", "organization_type must be one of dental_clinic, manufacturing, business"));
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

}
