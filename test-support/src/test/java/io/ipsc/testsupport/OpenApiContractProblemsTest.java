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
}
