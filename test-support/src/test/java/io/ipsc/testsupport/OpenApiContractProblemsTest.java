package io.ipsc.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The checker's judgement of a document: it must catch each breach of issue 23's contract, and only those. */
class OpenApiContractProblemsTest {

    private static final Map<String, Object> BEARER = Map.of("securitySchemes",
            Map.of("bearerAuth", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT")));
    private static final List<Object> SECURED = List.of(Map.of("bearerAuth", List.of()));

    private static Map<String, Object> operation(String id, List<Object> tags, List<Object> security) {
        Map<String, Object> operation = new java.util.HashMap<>();
        if (id != null) {
            operation.put("operationId", id);
        }
        operation.put("tags", tags);
        if (security != null) {
            operation.put("security", security);
        }
        return operation;
    }

    @Test
    void aNamedTaggedSecuredDocumentWithItsPublicOperationsPasses() {
        Map<String, Object> document = Map.of("components", BEARER, "paths", Map.of(
                "/api/products", Map.of("get", operation("listProducts", List.of("Products"), SECURED),
                        "parameters", List.of()),
                "/api/auth/login", Map.of("post", operation("login", List.of("Auth"), null))));
        assertEquals(List.of(), OpenApiContract.problems(document, Set.of("login")));
    }

    @Test
    void missingIdsRepeatedIdsMissingTagsAndMissingOrWrongSecurityAreCaught() {
        Map<String, Object> document = Map.of("components", BEARER, "paths", Map.of(
                "/api/a", Map.of("get", operation(null, List.of("A"), SECURED)),
                "/api/b", Map.of("get", operation("getB", List.of(), SECURED)),
                "/api/c", Map.of("get", operation("getB", List.of("C"), SECURED)),
                "/api/d", Map.of("get", operation("getD", List.of("D"), null)),
                "/api/e", Map.of("get", operation("login", List.of("E"), SECURED))));
        List<String> problems = OpenApiContract.problems(document, Set.of("login", "getJwks"));
        assertEquals(1, problems.stream().filter(p -> p.equals("GET /api/a has no operationId")).count(), problems::toString);
        assertEquals(1, problems.stream().filter(p -> p.contains("repeats the operationId 'getB'")).count(), problems::toString);
        assertEquals(1, problems.stream().filter(p -> p.equals("GET /api/b has no tag")).count(), problems::toString);
        assertEquals(1, problems.stream().filter(p -> p.equals("GET /api/d (getD) does not require bearerAuth")).count(), problems::toString);
        assertEquals(1, problems.stream().filter(p -> p.equals("GET /api/e (login) is public but requires bearerAuth")).count(), problems::toString);
        assertEquals(1, problems.stream().filter(p -> p.equals("public operations not in the document: [getJwks]")).count(), problems::toString);
        assertEquals(6, problems.size(), problems::toString);
    }

    @Test
    void aDocumentWithoutTheBearerSchemeIsCaught() {
        assertEquals(List.of("no HTTP bearer security scheme named 'bearerAuth' (found {})"),
                OpenApiContract.problems(Map.of("paths", Map.of()), Set.of()));
    }

    private static Map<String, Object> json(String ref) {
        return Map.of("content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/" + ref))));
    }

    private static Map<String, Object> errorEnvelope(List<Object> codes) {
        return Map.of("properties", Map.of("success", Map.of("type", "boolean"), "error",
                Map.of("properties", Map.of("code", codes.isEmpty() ? Map.of("type", "string") : Map.of("type", "string", "enum", codes)))));
    }

    private static Map<String, Object> schemas(Map<String, Object> invoiceView) {
        return Map.of(
                "ApiResponseInvoiceView", Map.of("properties", Map.of("success", Map.of("type", "boolean"),
                        "message", Map.of("type", "string"), "data", Map.of("$ref", "#/components/schemas/InvoiceView"))),
                "ApiResponseMystery", Map.of("properties", Map.of("success", Map.of("type", "boolean"),
                        "message", Map.of("type", "string"), "data", Map.of())),
                "InvoiceView", invoiceView,
                "ErrorEnvelope400", errorEnvelope(List.of("INVALID_PATH")),
                "ErrorEnvelope401", errorEnvelope(List.of("UNAUTHORIZED")),
                "ErrorEnvelope403", errorEnvelope(List.of()),
                "ErrorEnvelope429", errorEnvelope(List.of("RATE_LIMITED")));
    }

    @Test
    void typedEnvelopesErrorAnswersAndSnakeCasePass() {
        Map<String, Object> create = operation("createInvoice", List.of("Invoices"), SECURED);
        create.put("responses", Map.of("200", json("ApiResponseInvoiceView"), "400", json("ErrorEnvelope400"),
                "401", json("ErrorEnvelope401"), "403", json("ErrorEnvelope400"), "429", json("ErrorEnvelope429")));
        Map<String, Object> document = Map.of("components", Map.of("schemas", schemas(Map.of("properties",
                Map.of("customer_id", Map.of("type", "integer"))))), "paths", Map.of("/api/invoices", Map.of("post", create)));
        List<String> problems = OpenApiContract.answerProblems(document, Set.of());
        assertEquals(List.of("POST /api/invoices (createInvoice) answers 403 without the ErrorEnvelope403 schema "
                + "({$ref=#/components/schemas/ErrorEnvelope400})"), problems);
        assertEquals(List.of(), OpenApiContract.snakeCaseProblems(document));
    }

    @Test
    void untypedDataMissingErrorAnswersUnlistedCodesAndCamelCaseAreCaught() {
        Map<String, Object> mystery = operation("getMystery", List.of("M"), SECURED);
        mystery.put("responses", Map.of("200", json("ApiResponseMystery"), "400", json("ErrorEnvelope400"),
                "403", json("ErrorEnvelope403")));
        Map<String, Object> raw = operation("getJwks", List.of("Auth"), null);
        raw.put("responses", Map.of("200", Map.of("content", Map.of("application/json", Map.of("schema", Map.of()))),
                "400", json("ErrorEnvelope400"), "429", json("ErrorEnvelope429")));
        Map<String, Object> invoiceView = Map.of("properties", Map.of("customerId", Map.of("type", "integer"),
                "lines", Map.of("items", Map.of("properties", Map.of("unitPrice", Map.of())))));
        Map<String, Object> document = Map.of("components", Map.of("schemas", schemas(invoiceView)),
                "paths", Map.of("/api/mystery", Map.of("get", mystery), "/.well-known/jwks.json", Map.of("get", raw)));
        List<String> problems = OpenApiContract.answerProblems(document, Set.of("getJwks"));
        assertEquals(Set.of(
                "GET /api/mystery (getMystery) answers 200 with an envelope whose data is untyped ({})",
                "GET /api/mystery (getMystery) does not document its 401 answer",
                "GET /api/mystery (getMystery) does not document its 429 answer",
                "GET /api/mystery (getMystery) answers 403 without listing its error.code values"), Set.copyOf(problems), problems::toString);
        assertEquals(4, problems.size(), problems::toString);
        assertEquals(List.of("schema InvoiceView has property 'customerId', not snake_case as on the wire",
                "schema InvoiceView.lines[] has property 'unitPrice', not snake_case as on the wire"),
                OpenApiContract.snakeCaseProblems(document).stream().sorted().toList());
    }
}
