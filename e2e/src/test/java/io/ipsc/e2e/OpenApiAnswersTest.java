package io.ipsc.e2e;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check itself, on a small document: what it lets through and what it reports. */
class OpenApiAnswersTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
             "paths": {
               "/api/tenants/{slug}/products/{id}": {"parameters": [
                   {"name": "slug", "in": "path", "required": true, "schema": {"type": "string"}},
                   {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
                 "get": {"operationId": "getProduct", "responses": {
                 "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProductEnvelope"}}}},
                 "404": {"$ref": "#/components/responses/NotFound"}}}},
               "/api/tenants/{slug}/products/low-stock": {"parameters": [
                   {"name": "slug", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "get": {"operationId": "lowStock", "responses": {
                 "200": {"description": "OK"}}}}
             },
             "components": {
               "responses": {"NotFound": {"description": "Not found",
                 "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}}},
               "schemas": {
                 "Envelope": {"type": "object", "properties": {"success": {"type": "boolean"}, "message": {"type": ["string", "null"]}}},
                 "ProductEnvelope": {"allOf": [{"$ref": "#/components/schemas/Envelope"},
                   {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/Product"}}}]},
                 "Product": {"type": "object", "properties": {"id": {"type": "integer", "format": "int64"},
                   "created_at": {"type": "string", "format": "date-time"}}},
                 "ErrorEnvelope": {"type": "object", "properties": {"success": {"const": false},
                   "error": {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]}}, "required": ["error"]}
               }}}""";

    private final OpenApiAnswers answers = new OpenApiAnswers(DOCUMENT);

    private void get(String path, int status, String body) {
        answers.check("GET", URI.create("http://127.0.0.1:8000" + path), null, null, status, "application/json", body);
    }

    @Test
    void aMatchingAnswerPasses() {
        get("/api/tenants/acme/products/7", 200,
                "{\"success\": true, \"message\": null, \"data\": {\"id\": 7, \"created_at\": \"2024-06-01T10:00:00Z\"}}");
        get("/api/tenants/acme/products/7", 404, "{\"success\": false, \"error\": {\"code\": \"NOT_FOUND\"}}");
        get("/api/tenants/acme/products/low-stock", 200, "");
        assertEquals(List.of(), answers.drain());
    }

    @Test
    void wrongTypesUndocumentedFieldsAndFormatsAreReportedWithTheirPointer() {
        get("/api/tenants/acme/products/7", 200,
                "{\"success\": \"yes\", \"data\": {\"id\": \"7\", \"createdAt\": \"x\", \"created_at\": \"2024-06-01T10:00:00\"}}");
        List<String> violations = answers.drain();
        String all = String.join("\n", violations);
        assertTrue(all.contains("getProduct (GET /api/tenants/{slug}/products/{id}) -> 200 at /success"), all);
        assertTrue(all.contains("at /data/id"), all);
        assertTrue(all.contains("createdAt"), "an undocumented field is reported: " + all);
        assertTrue(all.contains("at /data/created_at"), "date-time needs an offset: " + all);
    }

    @Test
    void theSameFieldOfEachListItemIsOneViolationSeenTwice() {
        OpenApiAnswers lists = new OpenApiAnswers(DOCUMENT.replace("\"data\": {\"$ref\": \"#/components/schemas/Product\"}",
                "\"data\": {\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/Product\"}}"));
        lists.check("GET", URI.create("http://127.0.0.1:8000/api/tenants/acme/products/7"), null, null, 200, "application/json",
                "{\"data\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}");
        assertEquals(List.of("getProduct (GET /api/tenants/{slug}/products/{id}) -> 200 at /data/*/id: string found, integer expected  (x2)"),
                lists.drain());
    }

    @Test
    void anUndocumentedStatusOrOperationOrAMissingErrorCodeIsReported() {
        get("/api/tenants/acme/products/7", 201, "{}");
        get("/api/tenants/acme/products/7", 404, "{\"success\": false, \"error\": {}}");
        answers.check("POST", URI.create("http://127.0.0.1:8000/api/tenants/acme/products/7"), null, null, 200, "application/json", "{}");
        answers.check("POST", URI.create("http://127.0.0.1:8000/api/tenants/acme/products/%2e%2e/x"), null, null, 400,
                "application/json", "{\"success\": false}");
        String all = String.join("\n", answers.drain());
        assertTrue(all.contains("-> 201: status 201 is not documented (documented: 200, 404)"), all);
        assertTrue(all.contains("-> 404 at /error"), all);
        assertTrue(all.contains("no operation of the document matches POST /api/tenants/acme/products/7"), all);
        assertTrue(all.contains("POST /api/tenants/acme/products/%2e%2e/x -> 400"), "a refusal off the operations is an ErrorEnvelope: " + all);
    }

    @Test
    void theHeaderAndSubdomainFormsAreReadAsThePathForm() {
        answers.check("GET", URI.create("http://127.0.0.1:8000/api/products/7"), "acme", null, 200, "application/json", "{\"data\": {\"id\": 1}}");
        answers.check("GET", URI.create("http://127.0.0.1:8000/api/products/7"), null, "acme.localhost:8000", 200,
                "application/json", "{\"data\": {\"id\": \"one\"}}");
        String all = String.join("\n", answers.drain());
        assertEquals(1, all.lines().count(), all);
        assertTrue(all.contains("getProduct") && all.contains("at /data/id"), all);
    }

    @Test
    void answersFromOtherPortsAreNotTheGatewaysAndNotChecked() {
        answers.watchGateway(8000);
        answers.check("GET", URI.create("http://127.0.0.1:8082/api/anything"), null, null, 500, "text/plain", "boom");
        assertEquals(List.of(), answers.drain());
    }
}
