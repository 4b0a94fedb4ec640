package io.ipsc.tenancy.error;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import jakarta.validation.ConstraintViolation;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Bean Validation's violations as the envelope's {@code error.details}: one per violation, named by the JSON
 * field the caller sent, in field order. The one conversion, used by the mapper of a {@code @Valid} parameter's
 * {@link jakarta.validation.ConstraintViolationException} and by code that validates a request itself to report
 * its own checks in the same 400 (tenant-service's TenantValidator).
 */
public final class Violations {

    private Violations() {
    }

    public static List<ErrorDetail> details(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new ErrorDetail(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(ErrorDetail::field, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(ErrorDetail::message))
                .toList();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // "create.request.contactEmail" → "contact_email": the JSON name the caller sent.
        String path = violation.getPropertyPath().toString();
        String last = path.substring(path.lastIndexOf('.') + 1);
        return Names.snakeCase(last);
    }
}
