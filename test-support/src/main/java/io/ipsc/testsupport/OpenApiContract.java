package io.ipsc.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a generated client and Swagger UI's "Authorize" need from each service's OpenAPI document
 * (issue 23): every operation has an {@code operationId} (unique, as the gateway merges the documents),
 * a tag, and asks for the {@code bearerAuth} scheme unless it is one of the service's public operations.
 * The document is read from the management interface, where {@code /q/openapi} lives.
 */
public final class OpenApiContract {

    public static final String BEARER_AUTH = "bearerAuth";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private OpenApiContract() {
    }

    /**
     * Fails listing every operation of the running service's document that breaks the contract.
     *
     * @param publicOperationIds the operations callers reach without a token (sign-in, JWKS, invitations)
     */
    public static void assertEveryOperationNamedTaggedAndSecured(Set<String> publicOperationIds) {
        Map<String, Object> document = ManagementInterface.given().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("");
        List<String> problems = problems(document, publicOperationIds);
        if (!problems.isEmpty()) {
            throw new AssertionError("The OpenAPI document breaks issue 23's contract:\n  " + String.join("\n  ", problems));
        }
    }

    /** The contract's breaches in a parsed document, one line each; empty when it holds. */
    @SuppressWarnings("unchecked")
    static List<String> problems(Map<String, Object> document, Set<String> publicOperationIds) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> components = (Map<String, Object>) document.getOrDefault("components", Map.of());
        Map<String, Object> schemes = (Map<String, Object>) components.getOrDefault("securitySchemes", Map.of());
        Map<String, Object> bearer = (Map<String, Object>) schemes.get(BEARER_AUTH);
        if (bearer == null || !"http".equals(bearer.get("type")) || !"bearer".equals(bearer.get("scheme"))) {
            problems.add("no HTTP bearer security scheme named '" + BEARER_AUTH + "' (found " + schemes + ")");
        }
        Map<String, String> seen = new HashMap<>();
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!HTTP_METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            String where = method.toUpperCase() + " " + path;
            String id = (String) operation.get("operationId");
            if (id == null || id.isBlank()) {
                problems.add(where + " has no operationId");
            } else if (seen.putIfAbsent(id, where) != null) {
                problems.add(where + " repeats the operationId '" + id + "' of " + seen.get(id));
            }
            List<Object> tags = (List<Object>) operation.get("tags");
            if (tags == null || tags.isEmpty()) {
                problems.add(where + " has no tag");
            }
            boolean bearerRequired = securityOf(operation, document).stream().anyMatch(r -> r.containsKey(BEARER_AUTH));
            boolean isPublic = id != null && publicOperationIds.contains(id);
            if (!isPublic && !bearerRequired) {
                problems.add(where + " (" + id + ") does not require " + BEARER_AUTH);
            } else if (isPublic && bearerRequired) {
                problems.add(where + " (" + id + ") is public but requires " + BEARER_AUTH);
            }
        }));
        Set<String> missing = new java.util.TreeSet<>(publicOperationIds);
        missing.removeAll(seen.keySet());
        if (!missing.isEmpty()) {
            problems.add("public operations not in the document: " + missing);
        }
        return problems;
    }

    /** An operation's own security requirements, else the document's. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> securityOf(Map<String, Object> operation, Map<String, Object> document) {
        Object own = operation.get("security");
        return (List<Map<String, Object>>) (own != null ? own : document.getOrDefault("security", List.of()));
    }
}
