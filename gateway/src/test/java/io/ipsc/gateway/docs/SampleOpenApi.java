package io.ipsc.gateway.docs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Small OpenAPI documents shaped as the services publish theirs (SmallRye, {@code /q/openapi?format=json}):
 * operationIds, one tag per module, {@code bearerAuth} on each operation but the public ones, the
 * services' own paths. Each has a public or tenant-scoped operation, and two name one schema
 * differently, as real services may.
 */
public final class SampleOpenApi {

    private SampleOpenApi() {
    }

    public static JsonObject document(String module) {
        return switch (module) {
            case "tenant-service" -> base("IPSC tenant-service", "Authentication")
                    .put("paths", new JsonObject()
                            .put("/api/auth/login", new JsonObject().put("post", operation("login", "Authentication", false)
                                    .put("summary", "Sign in")
                                    .put("requestBody", new JsonObject().put("content", json(ref("LoginRequest"))))))
                            .put("/.well-known/jwks.json", new JsonObject().put("get", operation("getJwks", "Authentication", false)))
                            .put("/api/tenants/{slug}/users", new JsonObject().put("get", operation("listTenantUsers", "Authentication", true)
                                    .put("parameters", new JsonArray().add(pathParameter("slug")))))
                            // Served by tenant-service, but not through the gateway.
                            .put("/api/internal/tenants/{slug}/snapshot", new JsonObject().put("get", operation("internalSnapshot", "Authentication", true)
                                    .put("parameters", new JsonArray().add(pathParameter("slug"))))))
                    .put("components", components().put("schemas", new JsonObject()
                            .put("LoginRequest", new JsonObject().put("type", "object").put("properties", new JsonObject()
                                    .put("email", string()).put("password", string())))
                            .put("ErrorBody", errorBody())));
            case "invoicing" -> base("IPSC invoicing", "Products")
                    .put("paths", new JsonObject()
                            .put("/api/products", new JsonObject()
                                    .put("get", operation("listProducts", "Products", true).put("description", "The tenant's products")
                                            .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")
                                                    .put("content", json(new JsonObject().put("type", "array").put("items", ref("Item"))))))))
                            .put("/api/products/{id}", new JsonObject().put("get", operation("getProduct", "Products", true)
                                    .put("parameters", new JsonArray().add(pathParameter("id"))))))
                    .put("components", components().put("schemas", new JsonObject()
                            .put("Item", new JsonObject().put("type", "object").put("properties", new JsonObject()
                                    .put("sku", string()).put("price", new JsonObject().put("type", "number"))))
                            .put("ErrorBody", errorBody())));
            case "dental" -> base("IPSC dental", "Appointments")
                    .put("paths", new JsonObject()
                            .put("/api/appointments", new JsonObject().put("post", operation("bookAppointment", "Appointments", true)
                                    .put("requestBody", new JsonObject().put("content", json(ref("Item")))))))
                    .put("components", components().put("schemas", new JsonObject()
                            .put("Item", new JsonObject().put("type", "object").put("properties", new JsonObject()
                                    .put("patient_id", new JsonObject().put("type", "integer"))))
                            .put("ErrorBody", errorBody())));
            case "manufacturing" -> base("IPSC manufacturing", "BOMs")
                    .put("paths", new JsonObject()
                            .put("/api/boms", new JsonObject().put("get", operation("listBoms", "BOMs", true))))
                    .put("components", components());
            case "branding" -> base("IPSC branding", "Branding")
                    .put("paths", new JsonObject()
                            .put("/api/branding", new JsonObject().put("get", operation("getBranding", "Branding", true)))
                            .put("/api/branding/templates", new JsonObject().put("get", operation("listBrandingTemplates", "Branding", true))))
                    .put("components", components());
            default -> throw new IllegalArgumentException(module);
        };
    }

    private static JsonObject base(String title, String tag) {
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", title).put("version", "1"))
                .put("tags", new JsonArray().add(new JsonObject().put("name", tag).put("description", tag + " of IPSC")));
    }

    private static JsonObject components() {
        return new JsonObject().put("securitySchemes", new JsonObject().put("bearerAuth", new JsonObject()
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")));
    }

    private static JsonObject operation(String id, String tag, boolean secured) {
        JsonObject operation = new JsonObject().put("operationId", id).put("tags", new JsonArray().add(tag))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "OK")));
        if (secured) {
            operation.put("security", new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray())));
        }
        return operation;
    }

    private static JsonObject pathParameter(String name) {
        return new JsonObject().put("name", name).put("in", "path").put("required", true).put("schema", string());
    }

    private static JsonObject json(JsonObject schema) {
        return new JsonObject().put("application/json", new JsonObject().put("schema", schema));
    }

    private static JsonObject ref(String schema) {
        return new JsonObject().put("$ref", "#/components/schemas/" + schema);
    }

    private static JsonObject string() {
        return new JsonObject().put("type", "string");
    }

    private static JsonObject errorBody() {
        return new JsonObject().put("type", "object").put("properties", new JsonObject().put("code", string()).put("message", string()));
    }
}
