package io.ipsc.gateway;

import io.ipsc.gateway.docs.OpenApiMerger;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /docs/openapi}: the suite's merged document, from the modules' management interfaces
 * ({@link EchoUpstreams}; branding's does not answer, as a module that is down).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
@WithTestResource(value = EchoUpstreams.class, scope = TestResourceScope.GLOBAL)
class SuiteOpenApiTest {

    @Test
    void theMergedDocumentDescribesThePathsCallersSendToTheGateway() {
        given().get("/docs/openapi").then().statusCode(200).contentType(containsString("application/json"))
                .body("openapi", startsWith("3."))
                .body("paths.'/api/tenants/{slug}/products'.get.operationId", is("listProducts"))
                .body("paths.'/api/tenants/{slug}/products'.get.security[0]", hasKey("bearerAuth"))
                .body("paths.'/api/tenants/{slug}/products'.get.parameters.find { it.name == 'slug' }.in", is("path"))
                .body("paths.'/api/tenants/{slug}/products'.get.parameters.find { it.name == 'slug' }.required", is(true))
                .body("paths.'/api/tenants/{slug}/products'.get.description", containsString("X-Tenant-ID"))
                .body("paths.'/api/tenants/{slug}/appointments'.post.operationId", is("bookAppointment"))
                .body("paths", not(hasKey("/api/products")))
                .body("paths", not(hasKey("/api/internal/tenants/{slug}/snapshot")))
                .body("paths.'/api/auth/login'.post.operationId", is("login"))
                .body("paths.'/api/auth/login'.post", not(hasKey("security")))
                .body("paths.'/.well-known/jwks.json'.get.operationId", is("getJwks"))
                .body("servers[0].url", is("http://localhost:8000"))
                .body("components.securitySchemes.bearerAuth.scheme", is("bearer"))
                .body("components.securitySchemes.bearerAuth.bearerFormat", is("JWT"))
                .body("tags.name", hasItems("Authentication", "Products", "Appointments", "BOMs"));
    }

    @Test
    void operationIdsAreUnique() {
        JsonObject merged = new JsonObject(given().get("/docs/openapi").then().statusCode(200).extract().asString());
        assertEquals(List.of(), OpenApiMerger.duplicateOperationIds(merged));
    }

    @Test
    void aModuleThatDoesNotAnswerIsLeftOutAndNamed() {
        // Branding's management interface is down: the rest is served, branding named as missing, never a 5xx.
        given().get("/docs/openapi").then().statusCode(200)
                .body("x-ipsc-missing-modules", contains("branding"))
                .body("info.description", containsString("branding"))
                .body("paths", not(hasKey("/api/tenants/{slug}/branding")))
                .body("paths", hasKey("/api/tenants/{slug}/boms"))
                .body("tags.name", not(hasItem("Branding")));
    }

    @Test
    void yamlOnRequest() {
        Response byQuery = given().get("/docs/openapi?format=yaml");
        byQuery.then().statusCode(200).contentType(containsString("application/yaml"));
        String yaml = byQuery.asString();
        org.junit.jupiter.api.Assertions.assertTrue(yaml.contains("operationId: \"listProducts\"") || yaml.contains("operationId: listProducts"), yaml);
        org.junit.jupiter.api.Assertions.assertTrue(yaml.contains("/api/tenants/{slug}/products:"), yaml);
        given().header("Accept", "application/yaml").get("/docs/openapi").then().statusCode(200)
                .contentType(containsString("application/yaml")).body(containsString("bearerAuth"));
    }

    @Test
    void swaggerUiOffersTheMergedDocumentFirst() {
        given().get("/docs/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("{url: \"/docs/openapi\", name: \"suite\"}"))
                .body(containsString("\"urls.primaryName\": 'suite'"))
                .body(containsString("{url: \"/docs/openapi/invoicing\", name: \"invoicing\"}"))
                .body(containsString("persistAuthorization: true"));
    }
}
