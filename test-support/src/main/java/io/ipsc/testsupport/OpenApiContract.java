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

    /**
     * Fails listing every way the running service's document misdescribes its answers: a schema property
     * not in the wire's snake_case, a 2xx answer that is not the envelope with a typed {@code data}, an
     * operation without its error answers (400 and 429 always, 401 and 403 where a token is needed), or an
     * error answer without the envelope's error schema enumerating its codes.
     *
     * @param notEnveloped operations whose 2xx answer is a standard format of its own (the JWKS, a style sheet)
     */
    public static void assertAnswersDescribedAsTheWireHasThem(Set<String> notEnveloped) {
        Map<String, Object> document = ManagementInterface.given().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("");
        List<String> problems = new ArrayList<>(snakeCaseProblems(document));
        problems.addAll(answerProblems(document, notEnveloped));
        if (!problems.isEmpty()) {
            throw new AssertionError("The OpenAPI document misdescribes the answers (issue 23):\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * The module's {@code GET /api/usage} (declared once, in tenancy-db's {@code ModuleUsageResource}) carries the
     * module's own operation id ({@code getDentalUsage}) and tag, and answers the module's own figures
     * ({@code ApiResponseDentalUsage} → {@code DentalUsage} with at least {@code figures} among its properties).
     */
    @SuppressWarnings("unchecked")
    public static void assertModuleUsageOperation(String module, Set<String> figures) {
        Map<String, Object> document = ManagementInterface.given().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("");
        String record = Character.toUpperCase(module.charAt(0)) + module.substring(1) + "Usage";
        Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) document.get("paths"))
                .get("/api/usage")).get("get");
        Map<String, Object> ok = (Map<String, Object>) ((Map<String, Object>) get.get("responses")).get("200");
        Map<String, Object> json = (Map<String, Object>) ((Map<String, Object>) ok.get("content")).get("application/json");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        Map<String, Object> envelope = (Map<String, Object>) schemas.get("ApiResponse" + record);
        Map<String, Object> data = envelope == null ? Map.of() : (Map<String, Object>) ((Map<String, Object>) envelope.get("properties")).get("data");
        Map<String, Object> fields = (Map<String, Object>) ((Map<String, Object>) schemas.getOrDefault(record, Map.of())).getOrDefault("properties", Map.of());
        List<String> problems = new ArrayList<>();
        if (!("get" + record).equals(get.get("operationId"))) {
            problems.add("operationId is " + get.get("operationId") + ", not get" + record);
        }
        if (!List.of("Usage").equals(get.get("tags"))) {
            problems.add("tags are " + get.get("tags"));
        }
        if (!("#/components/schemas/ApiResponse" + record).equals(((Map<String, Object>) json.get("schema")).get("$ref"))) {
            problems.add("the 200 answer's schema is " + json.get("schema"));
        }
        if (!("#/components/schemas/" + record).equals(data.get("$ref"))) {
            problems.add("ApiResponse" + record + ".data is " + data);
        }
        if (!fields.keySet().containsAll(figures)) {
            problems.add(record + " has " + fields.keySet() + ", not all of " + figures);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("GET /api/usage is not " + module + "'s own:\n  " + String.join("\n  ", problems));
        }
    }

    /** Property names with an upper-case letter, anywhere in the component schemas: Jackson writes snake_case. */
    @SuppressWarnings("unchecked")
    static List<String> snakeCaseProblems(Map<String, Object> document) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> components = (Map<String, Object>) document.getOrDefault("components", Map.of());
        ((Map<String, Object>) components.getOrDefault("schemas", Map.of())).forEach((name, schema) ->
                collectUpperCaseProperties(name, schema, problems));
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void collectUpperCaseProperties(String where, Object schema, List<String> problems) {
        if (!(schema instanceof Map<?, ?> map)) {
            return;
        }
        Map<String, Object> properties = (Map<String, Object>) map.get("properties");
        if (properties != null) {
            properties.forEach((property, value) -> {
                if (!property.equals(property.toLowerCase(java.util.Locale.ROOT))) {
                    problems.add("schema " + where + " has property '" + property + "', not snake_case as on the wire");
                }
                collectUpperCaseProperties(where + "." + property, value, problems);
            });
        }
        for (String nested : List.of("items", "additionalProperties")) {
            collectUpperCaseProperties(where + "[]", map.get(nested), problems);
        }
    }

    /** Each operation's 2xx answers as the envelope with a typed data, and its error answers with the error envelope. */
    @SuppressWarnings("unchecked")
    static List<String> answerProblems(Map<String, Object> document, Set<String> notEnveloped) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> components = (Map<String, Object>) document.getOrDefault("components", Map.of());
        Map<String, Object> schemas = (Map<String, Object>) components.getOrDefault("schemas", Map.of());
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!HTTP_METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            String where = method.toUpperCase() + " " + path + " (" + operation.get("operationId") + ")";
            Map<String, Object> responses = (Map<String, Object>) operation.getOrDefault("responses", Map.of());
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(where + " has no 2xx answer");
            }
            boolean secured = securityOf(operation, document).stream().anyMatch(r -> r.containsKey(BEARER_AUTH));
            List<String> expected = secured ? List.of("400", "401", "403", "429") : List.of("400", "429");
            expected.stream().filter(code -> !responses.containsKey(code))
                    .forEach(code -> problems.add(where + " does not document its " + code + " answer"));
            responses.forEach((code, response) -> {
                Map<String, Object> schema = jsonSchema(response);
                if (code.startsWith("2") && !notEnveloped.contains(operation.get("operationId"))) {
                    Map<String, Object> envelope = resolve(schema, schemas);
                    Map<String, Object> properties = (Map<String, Object>) envelope.getOrDefault("properties", Map.of());
                    Object data = properties.get("data");
                    if (!properties.containsKey("success") || !properties.containsKey("message")) {
                        problems.add(where + " answers " + code + " with " + schema + ", not the envelope");
                    } else if (!(data instanceof Map<?, ?> typed) || typed.isEmpty()) {
                        problems.add(where + " answers " + code + " with an envelope whose data is untyped (" + data + ")");
                    }
                } else if (code.startsWith("4") || code.startsWith("5")) {
                    String ref = schema == null ? null : (String) schema.get("$ref");
                    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) resolve(schema, schemas)
                            .getOrDefault("properties", Map.of())).getOrDefault("error", Map.of());
                    Map<String, Object> errorCode = (Map<String, Object>) ((Map<String, Object>) error
                            .getOrDefault("properties", Map.of())).getOrDefault("code", Map.of());
                    if (ref == null || !ref.endsWith("/ErrorEnvelope" + code)) {
                        problems.add(where + " answers " + code + " without the ErrorEnvelope" + code + " schema (" + schema + ")");
                    } else if (!(errorCode.get("enum") instanceof List<?> codes) || codes.isEmpty()) {
                        problems.add(where + " answers " + code + " without listing its error.code values");
                    }
                }
            });
        }));
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonSchema(Object response) {
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) response).getOrDefault("content", Map.of());
        Map<String, Object> json = (Map<String, Object>) content.getOrDefault("application/json", Map.of());
        return (Map<String, Object>) json.get("schema");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
        if (schema == null) {
            return Map.of();
        }
        Object ref = schema.get("$ref");
        if (ref instanceof String name && name.startsWith("#/components/schemas/")) {
            return (Map<String, Object>) schemas.getOrDefault(name.substring("#/components/schemas/".length()), Map.of());
        }
        return schema;
    }

    /** An operation's own security requirements, else the document's. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> securityOf(Map<String, Object> operation, Map<String, Object> document) {
        Object own = operation.get("security");
        return (List<Map<String, Object>>) (own != null ? own : document.getOrDefault("security", List.of()));
    }
}
