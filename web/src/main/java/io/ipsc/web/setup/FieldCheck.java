package io.ipsc.web.setup;

import io.ipsc.client.model.ErrorDetail;
import io.ipsc.client.model.TenantCheck;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the set-up form says under one field as it is typed, from tenant-service's checks (the rules
 * tenant creation applies; the web judges nothing itself): a problem, a warning, a confirmation
 * (the slug is free, the state a GSTIN implies), or nothing.
 */
public record FieldCheck(String field, String kind, String message) {

    /** The fields checked as they are typed; any other name gets an empty answer. */
    static final Set<String> CHECKED = Set.of("name", "slug", "gstin", "state", "pincode", "contact_phone", "contact_email");

    static FieldCheck nothing(String field) {
        return new FieldCheck(field, "", "");
    }

    static FieldCheck of(String field, TenantCheck check, String slug) {
        Optional<String> problem = messageFor(field, check.getProblems());
        if (problem.isPresent()) {
            return new FieldCheck(field, "problem", problem.get());
        }
        String registered = "gstin".equals(field) && check.getGstinState() != null ? "Registered in " + check.getGstinState() : null;
        Optional<String> warning = messageFor(field, check.getWarnings());
        if (warning.isPresent()) {
            return new FieldCheck(field, "warning", registered == null ? warning.get() : registered + ". " + warning.get());
        }
        if (registered != null) {
            return new FieldCheck(field, "ok", registered);
        }
        if ("slug".equals(field) && Boolean.TRUE.equals(check.getSlugAvailable())) {
            return new FieldCheck(field, "ok", "'" + slug + "' is free");
        }
        return nothing(field);
    }

    private static Optional<String> messageFor(String field, List<ErrorDetail> details) {
        return details == null ? Optional.empty()
                : details.stream().filter(d -> field.equals(d.getField())).map(ErrorDetail::getMessage).findFirst();
    }
}
