package io.ipsc.tenant;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.ipsc.tenant.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/** Self-service sign-up turned on, with two tenants allowed per account; and the set-up form's checks. */
@QuarkusTest
@TestProfile(SignupResourceTest.SignupOn.class)
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class SignupResourceTest {

    public static class SignupOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ipsc.self-service.signup", "true", "ipsc.self-service.max-tenants-per-account", "2");
        }
    }

    private static final String PASSWORD = "a-long-password-1";

    @Test
    void theSettingsSayItIsOpen() {
        given().get("/api/signup").then().statusCode(200)
                .body("data.enabled", is(true)).body("data.max_tenants_per_account", is(2)).body("data.plan", is("free"));
    }

    @Test
    void aVisitorGetsAnAccountAndATenantOnTheFreePlanAsItsAdmin() {
        String slug = Api.slug("self");
        String email = slug + "@example.com";
        given().contentType(ContentType.JSON).body(signup("Asha Rao", email, tenant(slug))).post("/api/signup").then()
                .statusCode(201)
                .body("data.user.email", is(email)).body("data.user.full_name", is("Asha Rao"))
                .body("data.user.platform_admin", is(false))
                .body("data.tenant.slug", is(slug)).body("data.tenant.status", is("provisioning"))
                .body("data.tenant.subscription.plan", is("free")).body("data.tenant.subscription.max_users", is(3));

        String token = Api.login(email, PASSWORD);
        as(token).get("/api/tenants/" + slug).then().statusCode(200).body("data.slug", is(slug));
        as(Api.adminToken()).get("/api/tenants/" + slug + "/users").then().statusCode(200)
                .body("data.items", hasSize(1)).body("data.items[0].email", is(email)).body("data.items[0].role", is("admin"));
        // An admin of its own tenant, nothing more: no other tenant, no platform rights.
        as(token).get("/api/tenants").then().statusCode(200).body("data.items.slug", contains(slug));
        as(token).get("/api/users").then().statusCode(403);
    }

    @Test
    void everyProblemIsToldAtOnceAndNothingIsCreated() {
        String slug = Api.slug("bad");
        Map<String, Object> t = tenant(slug);
        t.put("gstin", "27AABFS1234");
        t.put("pincode", "4000");
        given().contentType(ContentType.JSON).body(signup("X", "not-an-email", t)).post("/api/signup").then()
                .statusCode(400).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItems("email", "tenant.gstin", "tenant.pincode"));
        Map<String, Object> weak = signup("X", slug + "@example.com", tenant(slug));
        weak.put("password", "short");
        given().contentType(ContentType.JSON).body(weak).post("/api/signup").then()
                .statusCode(400).body("error.details.field", hasItem("password"));
        check(Map.of("slug", slug)).then().body("data.slug_available", is(true));
    }

    @Test
    void theTenantsPlanAndFeaturesAreNotTheVisitorsToChoose() {
        String slug = Api.slug("plan");
        Map<String, Object> t = tenant(slug);
        t.put("subscription_plan", "enterprise");
        given().contentType(ContentType.JSON).body(signup("X", slug + "@example.com", t)).post("/api/signup").then()
                .statusCode(400).body("error.code", is("UNKNOWN_FIELD"));
        check(Map.of("slug", slug)).then().body("data.slug_available", is(true));
    }

    @Test
    void aTakenEmailLeavesNoTenantAndATakenSlugLeavesNoAccount() {
        String first = Api.slug("first");
        String email = first + "@example.com";
        given().contentType(ContentType.JSON).body(signup("A", email, tenant(first))).post("/api/signup").then().statusCode(201);

        String second = Api.slug("second");
        given().contentType(ContentType.JSON).body(signup("B", email.toUpperCase(), tenant(second))).post("/api/signup").then()
                .statusCode(409).body("error.code", is("DUPLICATE_EMAIL"));
        check(Map.of("slug", second)).then().body("data.slug_available", is(true));

        String other = Api.slug("other") + "@example.com";
        given().contentType(ContentType.JSON).body(signup("C", other, tenant(first))).post("/api/signup").then()
                .statusCode(409).body("error.code", is("DUPLICATE_SLUG"));
        given().contentType(ContentType.JSON).body(Map.of("email", other, "password", PASSWORD)).post("/api/auth/login").then()
                .statusCode(401).body("error.code", is("INVALID_CREDENTIALS"));
    }

    @Test
    void aSignedInAccountAddsTenantsUpToTheLimit() {
        String first = Api.slug("own");
        String email = first + "@example.com";
        given().contentType(ContentType.JSON).body(signup("A", email, tenant(first))).post("/api/signup").then().statusCode(201);
        String token = Api.login(email, PASSWORD);

        // Signed in, the account is the caller's: naming one is refused rather than silently ignored.
        as(token).body(signup("A", email, tenant(Api.slug("own")))).post("/api/signup").then().statusCode(400);
        String second = Api.slug("own");
        as(token).body(Map.of("tenant", tenant(second))).post("/api/signup").then().statusCode(201)
                .body("data.user.email", is(email)).body("data.tenant.subscription.plan", is("free"));
        as(Api.login(email, PASSWORD)).get("/api/tenants/" + second).then().statusCode(200);

        String third = Api.slug("own");
        as(token).body(Map.of("tenant", tenant(third))).post("/api/signup").then().statusCode(403)
                .body("error.code", is("SELF_SERVICE_LIMIT_REACHED")).body("message", containsString("2"));
        check(Map.of("slug", third)).then().body("data.slug_available", is(true));
    }

    @Test
    void theChecksAreCreationsOwnOnTheFieldsGiven() {
        check(Map.of("slug", "Bad Slug!")).then().statusCode(200)
                .body("data.valid", is(false)).body("data.slug_available", nullValue())
                .body("data.problems.field", contains("slug"));
        check(Map.of("slug", "api")).then().body("data.problems[0].message", containsString("reserved"));
        check(Map.of("gstin", "27AABFS1234A1Z")).then()
                .body("data.problems.field", contains("gstin")).body("data.problems[0].message", containsString("15 characters"));
        // The seed's GSTIN: well formed, registered in Maharashtra, with a check character that is only a warning.
        check(Map.of("gstin", "27aabfs1234a1z5", "state", "Maharashtra")).then()
                .body("data.valid", is(true)).body("data.gstin_state", is("27 Maharashtra"))
                .body("data.warnings.field", contains("gstin")).body("data.warnings[0].message", containsString("check character"));
        check(Map.of("gstin", "27AAPFU0939F1ZV", "state", "Karnataka")).then()
                .body("data.warnings[0].message", allOf(containsString("Maharashtra"), containsString("Karnataka")));
        check(Map.of("gstin", "27AAPFU0939F1ZV")).then().body("data.valid", is(true)).body("data.warnings", empty());
        check(Map.of("pincode", "40001", "contact_phone", "12345")).then()
                .body("data.problems.field", containsInAnyOrder("pincode", "contact_phone"));
        check(Map.of("slug", Api.slug("free"))).then().body("data.valid", is(true)).body("data.slug_available", is(true));
        check(Map.of()).then().body("data.valid", is(true)).body("data.problems", empty());
    }

    @Test
    void aTakenSlugSaysTakenAndNothingElseAboutItsTenant() {
        String admin = Api.adminToken();
        String active = Api.slug("held");
        Api.createTenant(admin, active);
        String deleted = Api.slug("gone");
        Api.createTenant(admin, deleted);
        as(admin).delete("/api/tenants/" + deleted).then().statusCode(200);

        String activeAnswer = check(Map.of("slug", active)).then().statusCode(200)
                .body("data.valid", is(false)).body("data.slug_available", is(false))
                .body("data.problems", hasSize(1)).body("data.problems[0].field", is("slug"))
                .body("data.problems[0].message", is("slug '" + active + "' is taken; choose another"))
                .extract().body().asString();
        String deletedAnswer = check(Map.of("slug", deleted)).then().body("data.slug_available", is(false))
                .extract().body().asString();
        // Neither the holder's name, contact, state nor status shows; a deleted holder reads the same as a live one.
        for (String leak : new String[]{"Smile", "sarah", "provisioning", "deleted", "Mumbai"}) {
            org.junit.jupiter.api.Assertions.assertFalse(activeAnswer.contains(leak), leak + " in " + activeAnswer);
        }
        org.junit.jupiter.api.Assertions.assertEquals(activeAnswer.replace(active, "S").replaceAll("\"timestamp\":\"[^\"]+\"", ""),
                deletedAnswer.replace(deleted, "S").replaceAll("\"timestamp\":\"[^\"]+\"", ""));
    }

    private static io.restassured.response.Response check(Map<String, Object> fields) {
        return given().contentType(ContentType.JSON).body(fields).post("/api/signup/check");
    }

    static Map<String, Object> signup(String name, String email, Map<String, Object> tenant) {
        Map<String, Object> body = new HashMap<>();
        body.put("full_name", name);
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("tenant", tenant);
        return body;
    }

    static Map<String, Object> tenant(String slug) {
        return Api.dentalClinic(slug);
    }
}
