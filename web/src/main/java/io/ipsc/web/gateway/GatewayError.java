package io.ipsc.web.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.client.ApiException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A refusal of the gateway, read from the envelope the client left in its {@link ApiException}:
 * the HTTP status, {@code error.code}, the message and {@code error.details[]} by field. Status 0
 * means the gateway did not answer at all (refused connection, time-out).
 */
public record GatewayError(int status, String code, String message, Map<String, String> fieldErrors,
                           OptionalLong retryAfterSeconds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static GatewayError of(ApiException e) {
        OptionalLong retryAfter = OptionalLong.empty();
        if (e.getResponseHeaders() != null) {
            retryAfter = e.getResponseHeaders().firstValue("Retry-After").map(GatewayError::seconds)
                    .filter(s -> s >= 0).map(OptionalLong::of).orElse(OptionalLong.empty());
        }
        String body = e.getResponseBody();
        if (e.getCode() == 0 || body == null || body.isBlank()) {
            return new GatewayError(e.getCode(), e.getCode() == 0 ? "GATEWAY_UNREACHABLE" : "NO_BODY",
                    "The service did not answer", Map.of(), retryAfter);
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            Map<String, String> fields = new LinkedHashMap<>();
            for (JsonNode detail : error.path("details")) {
                String field = detail.path("field").asText("");
                if (!field.isEmpty()) {
                    // The first message per field is shown; later ones would only crowd the form.
                    fields.putIfAbsent(field, detail.path("message").asText(""));
                }
            }
            return new GatewayError(e.getCode(), error.path("code").asText("UNKNOWN"),
                    root.path("message").asText(""), Map.copyOf(fields), retryAfter);
        } catch (IOException notJson) {
            return new GatewayError(e.getCode(), "NOT_JSON", "The service answered something unexpected", Map.of(), retryAfter);
        }
    }

    public boolean unreachable() {
        return status == 0;
    }

    private static long seconds(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
