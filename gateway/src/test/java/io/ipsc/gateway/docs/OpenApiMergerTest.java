package io.ipsc.gateway.docs;

import io.ipsc.gateway.routing.Module;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The merge itself, from all five modules' documents. */
class OpenApiMergerTest {

    private static JsonObject mergeAll() {
        Map<Module, JsonObject> documents = new EnumMap<>(Module.class);
        for (Module module : Module.values()) {
            documents.put(module, SampleOpenApi.document(module.id()));
        }
        return OpenApiMerger.merge(documents, List.of(), "https://api.example.com");
    }

    @Test
    void pathsAreTheGatewaysAndEveryModuleIsThere() {
        JsonObject merged = mergeAll();
        JsonObject paths = merged.getJsonObject("paths");
        JsonObject listProducts = paths.getJsonObject("/api/tenants/{slug}/products").getJsonObject("get");
        assertEquals("listProducts", listProducts.getString("operationId"));
        assertEquals(new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray())), listProducts.getJsonArray("security"));
        JsonObject slug = listProducts.getJsonArray("parameters").getJsonObject(0);
        assertEquals("slug", slug.getString("name"));
        assertEquals("path", slug.getString("in"));
        assertTrue(slug.getBoolean("required"));
        assertTrue(listProducts.getString("description").startsWith("The tenant's products"));
        assertTrue(listProducts.getString("description").contains("`/api/products` with the `X-Tenant-ID: {slug}` header"));
        assertTrue(paths.getJsonObject("/api/tenants/{slug}/products/{id}").getJsonObject("get").getString("description")
                .contains("`/api/products/{id}`"));
        assertNotNull(paths.getJsonObject("/api/tenants/{slug}/appointments"));
        assertNotNull(paths.getJsonObject("/api/tenants/{slug}/boms"));
        assertNotNull(paths.getJsonObject("/api/tenants/{slug}/branding"));
        // Module paths only in the tenant form; installation-wide and tenant-service paths as they are.
        assertNull(paths.getJsonObject("/api/products"));
        assertNotNull(paths.getJsonObject("/api/branding/templates"));
        assertNotNull(paths.getJsonObject("/api/tenants/{slug}/users"));
        assertEquals(1, paths.getJsonObject("/api/tenants/{slug}/users").getJsonObject("get").getJsonArray("parameters").size());
        assertNotNull(paths.getJsonObject("/.well-known/jwks.json"));
        // The gateway does not route it, so it is not in the suite's API.
        assertNull(paths.getJsonObject("/api/internal/tenants/{slug}/snapshot"));

        JsonObject login = paths.getJsonObject("/api/auth/login").getJsonObject("post");
        assertNull(login.getJsonArray("security"));
        assertEquals("https://api.example.com", merged.getJsonArray("servers").getJsonObject(0).getString("url"));
        assertEquals("bearer", merged.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearerAuth").getString("scheme"));
        assertEquals(List.of("Authentication", "Products", "Appointments", "BOMs", "Branding"),
                merged.getJsonArray("tags").stream().map(t -> ((JsonObject) t).getString("name")).collect(Collectors.toList()));
        assertNull(merged.getValue("x-ipsc-missing-modules"));
    }

    /** Every module serves /api/audit: tenant-service's (the platform's trail) as it is, invoicing's as the tenant's, no other twice. */
    @Test
    void theAuditTrailIsDescribedOnceForTenantsAndOnceForThePlatform() {
        assertEquals(java.util.Optional.of("/api/audit"), OpenApiMerger.gatewayPath(Module.TENANT_SERVICE, "/api/audit"));
        assertEquals(java.util.Optional.of("/api/audit/export"), OpenApiMerger.gatewayPath(Module.TENANT_SERVICE, "/api/audit/export"));
        assertEquals(java.util.Optional.of("/api/tenants/{slug}/audit"), OpenApiMerger.gatewayPath(Module.INVOICING, "/api/audit"));
        assertEquals(java.util.Optional.empty(), OpenApiMerger.gatewayPath(Module.DENTAL, "/api/audit"));
        assertEquals(java.util.Optional.of("/api/tenants/{slug}/products"), OpenApiMerger.gatewayPath(Module.INVOICING, "/api/products"));
    }

    @Test
    void theMergedDocumentDeclaresTheDialectItsModulesWrote() {
        // The modules write 3.1 schemas (`examples` arrays); declared as 3.0 they fail a validator.
        assertEquals("3.1.0", mergeAll().getString("openapi"));
        JsonObject older = SampleOpenApi.document("tenant-service").put("openapi", "3.0.3");
        assertEquals("3.0.3", OpenApiMerger.merge(Map.of(Module.TENANT_SERVICE, older), List.of(), "http://localhost:8000").getString("openapi"));
    }

    @Test
    void theGatewaysOwnOperationsAreInTheDocumentAsCallersSendThem() {
        Map<Module, JsonObject> documents = new EnumMap<>(Module.class);
        for (Module module : Module.values()) {
            documents.put(module, SampleOpenApi.document(module.id()));
        }
        JsonObject merged = OpenApiMerger.merge(SuiteOpenApi.ownDocument(), documents, List.of(), "http://localhost:8000");
        JsonObject paths = merged.getJsonObject("paths");
        assertEquals("getHealth", paths.getJsonObject("/health").getJsonObject("get").getString("operationId"));
        // Public: an empty requirement list, not the modules' bearer default.
        assertEquals(0, paths.getJsonObject("/api/health").getJsonObject("get").getJsonArray("security").size());
        JsonObject performance = paths.getJsonObject("/api/tenants/{slug}/performance").getJsonObject("get");
        assertEquals("getTenantPerformance", performance.getString("operationId"));
        assertEquals("bearerAuth", performance.getJsonArray("security").getJsonObject(0).fieldNames().iterator().next());
        assertTrue(merged.getJsonObject("components").getJsonObject("schemas").containsKey("ApiResponseTenantPerformance"));
        assertEquals(List.of(), OpenApiMerger.duplicateOperationIds(merged));
    }

    @Test
    void operationIdsAreUniqueAcrossTheSuite() {
        assertEquals(List.of(), OpenApiMerger.duplicateOperationIds(mergeAll()));
        // ... and a clash is found.
        JsonObject clash = new JsonObject().put("paths", new JsonObject()
                .put("/a", new JsonObject().put("get", new JsonObject().put("operationId", "same")))
                .put("/b", new JsonObject().put("post", new JsonObject().put("operationId", "same"))));
        assertEquals(List.of("same"), OpenApiMerger.duplicateOperationIds(clash));
    }

    @Test
    void schemasMergeAndAClashIsPrefixedWithItsModule() {
        JsonObject merged = mergeAll();
        JsonObject schemas = merged.getJsonObject("components").getJsonObject("schemas");
        // The same content under the same name: once.
        assertTrue(schemas.containsKey("ErrorBody"));
        assertFalse(schemas.fieldNames().stream().anyMatch(name -> name.endsWith("ErrorBody") && !name.equals("ErrorBody")));
        // Different content: the later module's is renamed, and its references follow.
        assertTrue(schemas.getJsonObject("Item").getJsonObject("properties").containsKey("sku"));
        assertTrue(schemas.getJsonObject("DentalItem").getJsonObject("properties").containsKey("patient_id"));
        assertEquals("#/components/schemas/DentalItem", merged.getJsonObject("paths").getJsonObject("/api/tenants/{slug}/appointments")
                .getJsonObject("post").getJsonObject("requestBody").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref"));
        assertEquals("#/components/schemas/Item", merged.getJsonObject("paths").getJsonObject("/api/tenants/{slug}/products")
                .getJsonObject("get").getJsonObject("responses").getJsonObject("200").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getJsonObject("items").getString("$ref"));
    }

    @Test
    void aMissingModuleIsNamed() {
        Map<Module, JsonObject> documents = new EnumMap<>(Module.class);
        documents.put(Module.TENANT_SERVICE, SampleOpenApi.document("tenant-service"));
        JsonObject merged = OpenApiMerger.merge(documents, List.of(Module.DENTAL), "http://localhost:8000");
        assertEquals(new JsonArray().add("dental"), merged.getJsonArray("x-ipsc-missing-modules"));
        assertTrue(merged.getJsonObject("info").getString("description").contains("dental"));
    }

    @Test
    void aModuleLevelSecurityRequirementReachesItsOperations() {
        JsonObject document = SampleOpenApi.document("manufacturing");
        document.getJsonObject("paths").getJsonObject("/api/boms").getJsonObject("get").remove("security");
        document.put("security", new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray())));
        JsonObject merged = OpenApiMerger.merge(Map.of(Module.MANUFACTURING, document), List.of(), "http://localhost:8000");
        assertEquals(1, merged.getJsonObject("paths").getJsonObject("/api/tenants/{slug}/boms").getJsonObject("get")
                .getJsonArray("security").size());
        assertNull(merged.getValue("security"));
    }
}
