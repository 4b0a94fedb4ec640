package io.ipsc.branding;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The endpoints that are not tenant-scoped: the template catalogue and the operator's status. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class BrandingCatalogResourceTest {

    private static TenantEventsPublisher events;

    @BeforeAll
    static void start() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void templatesAreListedForAnyCallerWithAtLeastTwoPerOrganisationType() {
        JsonPath body = given().get("/api/branding/templates").then().statusCode(200)
                .body("data.organization_type", hasItems("dental_clinic", "manufacturing", "business"))
                .body("data.primary_color", everyItem(matchesPattern("#[0-9A-F]{6}")))
                .body("data.find { it.name == 'dental-fresh' }.font_family", is("Inter"))
                .extract().jsonPath();
        for (String type : new String[]{"dental_clinic", "manufacturing", "business"}) {
            int count = body.getList("data.findAll { it.organization_type == '" + type + "' }").size();
            org.hamcrest.MatcherAssert.assertThat(type, count, greaterThanOrEqualTo(2));
        }
    }

    @Test
    void statusCountsCustomTemplatedAndDefaultTenantsForAPlatformAdmin() {
        JsonPath before = status();
        BrandingTenant custom = BrandingTenant.provision(events, "status-custom", "business", 8601);
        BrandingTenant templated = BrandingTenant.provision(events, "status-template", "manufacturing", 8611);
        BrandingTenant untouched = BrandingTenant.provision(events, "status-default", "dental_clinic", 8621);
        custom.asAdmin().body(Map.of("primary_color", "#1B4332")).put("/api/branding").then().statusCode(200);
        templated.asAdmin().body(Map.of("template", "industrial-steel")).put("/api/branding").then().statusCode(200);
        untouched.asAdmin().get("/api/branding").then().statusCode(200);

        JsonPath after = status();
        assertEquals(before.getInt("data.tenants_known") + 3, after.getInt("data.tenants_known"));
        assertEquals(before.getInt("data.custom") + 1, after.getInt("data.custom"));
        assertEquals(templateCount(before, "industrial-steel") + 1, templateCount(after, "industrial-steel"));
        assertEquals(before.getInt("data.defaults") + 1, after.getInt("data.defaults"));
        assertEquals("UP", after.getString("data.state"));
    }

    @Test
    void statusIsRefusedToAMemberAndToAnonymousCallers() {
        given().header("Authorization", "Bearer " + TestTokens.get().member(8601, Map.of())).get("/api/branding/status")
                .then().statusCode(403);
        given().get("/api/branding/status").then().statusCode(401);
    }

    private static JsonPath status() {
        return given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).get("/api/branding/status")
                .then().statusCode(200).extract().jsonPath();
    }

    private static int templateCount(JsonPath status, String template) {
        Integer count = status.get("data.templates.'" + template + "'");
        return count == null ? 0 : count;
    }
}
