package io.ipsc.tenant;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.ipsc.tenant.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Self-service sign-up as installed (off): visitors are refused; platform admins still check their set-up form. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class SignupDisabledTest {

    @Test
    void visitorsAreRefusedWhileItIsOff() {
        given().get("/api/signup").then().statusCode(200).body("data.enabled", is(false));
        String slug = Api.slug("closed");
        given().contentType(ContentType.JSON).body(SignupResourceTest.signup("A", slug + "@example.com", Api.dentalClinic(slug)))
                .post("/api/signup").then().statusCode(403).body("error.code", is("SELF_SERVICE_DISABLED"));
        given().contentType(ContentType.JSON).body(Map.of("slug", slug)).post("/api/signup/check").then()
                .statusCode(403).body("error.code", is("SELF_SERVICE_DISABLED"));
        as(Api.adminToken()).body(Map.of("slug", slug)).post("/api/signup/check").then().statusCode(200)
                .body("data.slug_available", is(true));
    }

    @Test
    void aTenantAdminMayNotProbeSlugsWhileItIsOff() {
        String admin = Api.adminToken();
        String slug = Api.slug("probe");
        Api.createTenant(admin, slug);
        as(Api.tenantAdmin(admin, slug)).body(Map.of("slug", slug)).post("/api/signup/check").then()
                .statusCode(403).body("error.code", is("SELF_SERVICE_DISABLED"));
    }
}
