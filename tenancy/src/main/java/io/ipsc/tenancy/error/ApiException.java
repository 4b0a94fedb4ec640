package io.ipsc.tenancy.error;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;

import java.util.List;
import java.util.Map;

/**
 * A failure that the caller caused or must know about, with its HTTP status and an error code.
 * Thrown anywhere; {@link ApiExceptionMappers} turns it into the envelope.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<ErrorDetail> details;
    private final Map<String, String> headers;
    /** The tenant a refusal concerns, when the request did not name it in X-Tenant-ID (e.g. a slug in the path). */
    private String tenant;

    public ApiException(int status, String code, String message, List<ErrorDetail> details, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of(), Map.of());
    }

    public static ApiException badRequest(String code, String field, String message) {
        return new ApiException(400, code, message, List.of(new ErrorDetail(field, message)), Map.of());
    }

    public static ApiException validation(List<ErrorDetail> details) {
        String message = details.size() == 1
                ? details.get(0).message()
                : "The request has " + details.size() + " invalid fields";
        return new ApiException(400, "VALIDATION_ERROR", message, details, Map.of());
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " not found");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException unprocessable(String code, String message) {
        return new ApiException(422, code, message);
    }

    public static ApiException tooManyRequests(String code, String message, long retryAfterSeconds) {
        return new ApiException(429, code, message, List.of(), Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ErrorDetail> details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Marks which tenant this refusal concerns, for the tenant's security figures; returns this. */
    public ApiException concerning(String tenantSlug) {
        this.tenant = tenantSlug;
        return this;
    }

    /** The tenant set by {@link #concerning}, or null. */
    public String tenant() {
        return tenant;
    }
}
