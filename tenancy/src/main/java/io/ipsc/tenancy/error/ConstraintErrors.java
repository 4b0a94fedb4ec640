package io.ipsc.tenancy.error;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.vertx.pgclient.PgException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns a PostgreSQL constraint violation into the answer the caller should see
 * instead of a 500: a unique violation (23505, a concurrent writer took the name after our check)
 * and a foreign-key violation (23503, a row named that does not exist, or a row still referenced).
 * Each caller gives its own error code and message; when its answer names no field, the violated
 * key's columns (from PostgreSQL's detail, e.g. {@code Key (sku)=(A-1) already exists.}) are added
 * as the error's details, except for a row still referenced, whose key is the deleted row's own id. Use it as {@code uni.onFailure().transform(ConstraintErrors.duplicate(...))};
 * any other failure passes through unchanged.
 */
public final class ConstraintErrors implements Function<Throwable, Throwable> {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final Pattern KEY_COLUMNS = Pattern.compile("^Key \\(([^)]+)\\)=");

    private final Supplier<ApiException> duplicate;
    private final Supplier<ApiException> missingReference;

    private ConstraintErrors(Supplier<ApiException> duplicate, Supplier<ApiException> missingReference) {
        this.duplicate = duplicate;
        this.missingReference = missingReference;
    }

    /** A unique violation becomes this answer (usually a 409). */
    public static ConstraintErrors duplicate(Supplier<ApiException> answer) {
        return new ConstraintErrors(answer, null);
    }

    /** A unique violation becomes a 409 with this code and message. */
    public static ConstraintErrors duplicate(String code, String message) {
        return duplicate(() -> ApiException.conflict(code, message));
    }

    /** A foreign-key violation becomes this answer too: a 422 for a row named that does not exist, a 409 for a row still referenced. */
    public ConstraintErrors orReference(Supplier<ApiException> answer) {
        return new ConstraintErrors(duplicate, answer);
    }

    @Override
    public Throwable apply(Throwable failure) {
        Optional<PgException> pg = postgresError(failure);
        if (pg.isEmpty()) {
            return failure;
        }
        String state = pg.get().getSqlState();
        if (duplicate != null && UNIQUE_VIOLATION.equals(state)) {
            return namingTheKey(duplicate.get(), pg.get(), "is taken");
        }
        if (missingReference != null && FOREIGN_KEY_VIOLATION.equals(state)) {
            // A row still referenced (a delete) names no field the caller sent: its key is the deleted row's
            // own id, and a form would look for a field of that name. Only a missing reference names one.
            boolean stillReferenced = pg.get().getDetail() != null && pg.get().getDetail().contains("still referenced");
            return stillReferenced ? missingReference.get() : namingTheKey(missingReference.get(), pg.get(), "does not exist");
        }
        return failure;
    }

    /** Whether the failure, or one it wraps (Hibernate Reactive wraps), is a unique violation. */
    public static boolean isUniqueViolation(Throwable failure) {
        return postgresError(failure).filter(pg -> UNIQUE_VIOLATION.equals(pg.getSqlState())).isPresent();
    }

    /** The violated key's columns, from PostgreSQL's detail; empty when it names none. */
    public static List<String> keyColumns(PgException pg) {
        Matcher m = pg.getDetail() == null ? null : KEY_COLUMNS.matcher(pg.getDetail());
        return m == null || !m.find() ? List.of() : Arrays.stream(m.group(1).split(",")).map(String::trim).toList();
    }

    private static Optional<PgException> postgresError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return Optional.of(pg);
            }
        }
        return Optional.empty();
    }

    private static ApiException namingTheKey(ApiException answer, PgException pg, String problem) {
        List<String> columns = keyColumns(pg);
        if (!answer.details().isEmpty() || columns.isEmpty()) {
            return answer;
        }
        List<ErrorDetail> details = columns.stream().map(column -> new ErrorDetail(column, problem)).toList();
        return new ApiException(answer.status(), answer.code(), answer.getMessage(), details, answer.headers());
    }
}
