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

    public static FieldCheck nothing(String field) {
        return new FieldCheck(field, "", "");
    }

    static FieldCheck of(String field, TenantCheck check, String slug) {
        String registered = "gstin".equals(field) && check.getGstinState() != null ? "Registered in " + check.getGstinState() : null;
        FieldCheck answer = of(field, check.getProblems(), check.getWarnings(), registered);
        if (answer.kind().isEmpty() && "slug".equals(field) && Boolean.TRUE.equals(check.getSlugAvailable())) {
            return new FieldCheck(field, "ok", "'" + slug + "' is free");
        }
        return answer;
    }

    /**
     * The answer for {@code field} from a service's check: its problem, else its warning (after the
     * {@code confirmation}, when there is one), else the confirmation, else nothing.
     */
    public static FieldCheck of(String field, List<ErrorDetail> problems, List<ErrorDetail> warnings, String confirmation) {
        Optional<String> problem = messageFor(field, problems);
        if (problem.isPresent()) {
            return new FieldCheck(field, "problem", problem.get());
        }
        Optional<String> warning = messageFor(field, warnings);
        if (warning.isPresent()) {
            return new FieldCheck(field, "warning", confirmation == null ? warning.get() : confirmation + ". " + warning.get());
        }
        if (confirmation != null) {
            return new FieldCheck(field, "ok", confirmation);
        }
        return nothing(field);
    }

    private static Optional<String> messageFor(String field, List<ErrorDetail> details) {
        return details == null ? Optional.empty()
                : details.stream().filter(d -> field.equals(d.getField())).map(ErrorDetail::getMessage).findFirst();
    }
}
