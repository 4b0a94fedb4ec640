package io.ipsc.tenancy.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The one JSON shape of every IPSC response (design §4): success or error, data, a message a person
 * can read, and a UTC timestamp. Errors add {@code error.code} and {@code error.details}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiResponse<T>(boolean success, T data, String message, Instant timestamp, ApiError error,
                             List<String> warnings) {

    public static <T> ApiResponse<T> ok(T data, String message) {
        return new ApiResponse<>(true, data, message, now(), null, null);
    }

    public static <T> ApiResponse<T> ok(T data, String message, List<String> warnings) {
        return new ApiResponse<>(true, data, message, now(), null, warnings == null || warnings.isEmpty() ? null : warnings);
    }

    public static ApiResponse<Void> failure(String code, String message, List<ErrorDetail> details) {
        return new ApiResponse<>(false, null, message, now(), new ApiError(code, details == null ? List.of() : details), null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The machine-readable part of an error: an UPPER_SNAKE code and, for validation, one entry per field. */
    public record ApiError(String code, List<ErrorDetail> details) {
    }

    /** One problem with one field of the request ({@code field} is null when it concerns the whole request). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorDetail(String field, String message) {
    }
}
