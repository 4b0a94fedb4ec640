package io.ipsc.tenant;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.ManagementInterface;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.ipsc.tenant.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class TenantResourceTest {

    String admin;

    @BeforeEach
    void signIn() {
        admin = Api.adminToken();
    }

    @Test
    void createsTheSeedTenantsWithWarningsForTheirGstins() {
        String slug = Api.slug("smile");
        as(admin).body(Api.dentalClinic(slug)).post("/api/tenants").then()
                .statusCode(201)
                .body("success", is(true))
                .body("timestamp", notNullValue())
                .body("data.slug", is(slug))
                .body("data.status", is("provisioning"))
                .body("data.organization_type", is("dental_clinic"))
                .body("data.contact_person", is("Dr. Sarah Johnson"))
                .body("data.contact_phone", is("+91-9876543210"))
                .body("data.industry", is("Healthcare"))
                .body("data.address_line1", is("123 Dental Street"))
                .body("data.pincode", is("400001"))
                .body("data.gstin_verified", is(false))
                .body("data.features.dental_management", is(true))
                .body("data.features.manufacturing_management", is(false))
                .body("data.subscription.plan", is("basic"))
                .body("warnings", hasItem(containsString("check character")));

        Map<String, Object> mfg = Api.dentalClinic(Api.slug("precision"));
        mfg.putAll(Map.of("organization_type", "manufacturing", "gstin", "29AABPM5678B2Z9", "state", "Karnataka",
                "city", "Bangalore", "pincode", "560001", "size", "medium"));
        as(admin).body(mfg).post("/api/tenants").then().statusCode(201)
                .body("data.features.manufacturing_management", is(true))
                .body("data.features.dental_management", is(false));

        // ABC Trading: a Gujarat GSTIN with a Delhi address is accepted, with a warning saying so.
        Map<String, Object> abc = Api.dentalClinic(Api.slug("abc"));
        abc.putAll(Map.of("organization_type", "business", "gstin", "24AABAT9876C3Z1", "state", "Delhi",
                "city", "Delhi", "pincode", "110001"));
        as(admin).body(abc).post("/api/tenants").then().statusCode(201)
                .body("warnings", hasItem(allOf(containsString("Gujarat"), containsString("Delhi"))));
    }

    @Test
    void aValidGstinIsVerified() {
        Map<String, Object> body = Api.dentalClinic(Api.slug("valid"));
        body.put("gstin", "27AAPFU0939F1ZV");
        as(admin).body(body).post("/api/tenants").then().statusCode(201)
                .body("data.gstin_verified", is(true))
                .body("warnings", nullValue());
    }

    @ParameterizedTest
    @CsvSource({
            "slug, Ab, slug",
            "slug, api, slug",
            "slug, -bad-slug, slug",
            "slug, has space, slug",
            "slug, abcdefghij-abcdefghij-abcdefghij-abcdefghij-x, slug",
            "organization_type, restaurant, organization_type",
            "contact_email, not-an-email, contact_email",
            "contact_phone, 12345, contact_phone",
            "pincode, 0400001, pincode",
            "pincode, 40001, pincode",
            "size, gigantic, size",
            "state, Atlantis, state",
            "gstin, 27AABFS1234A1Z, gstin",
            "gstin, 00AABFS1234A1Z5, gstin",
            "subscription_plan, platinum, subscription_plan"
    })
    void refusesAnInvalidFieldNamingIt(String field, String value, String reported) {
        Map<String, Object> body = Api.dentalClinic(Api.slug("bad"));
        body.put(field, value);
        as(admin).body(body).post("/api/tenants").then()
                .statusCode(400)
                .body("success", is(false))
                .body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItem(reported))
                .body("message", notNullValue());
    }

    @Test
    void reportsEveryMissingRequiredField() {
        as(admin).body(Map.of("city", "Pune")).post("/api/tenants").then()
                .statusCode(400)
                .body("error.details.field", hasItems("name", "slug", "organization_type", "contact_email"));
    }

    @Test
    void refusesMalformedJsonAndUnknownFields() {
        as(admin).body("{\"name\": ").post("/api/tenants").then().statusCode(400)
                .body("success", is(false)).body("error.code", is("INVALID_JSON"));
        Map<String, Object> body = Api.dentalClinic(Api.slug("unknown"));
        body.put("colour", "blue");
        as(admin).body(body).post("/api/tenants").then().statusCode(400)
                .body("error.code", is("UNKNOWN_FIELD")).body("message", containsString("colour"));
    }

    @Test
    void duplicateSlugIsAConflict() {
        String slug = Api.slug("dup");
        Api.createTenant(admin, slug);
        as(admin).body(Api.dentalClinic(slug)).post("/api/tenants").then()
                .statusCode(409).body("error.code", is("DUPLICATE_SLUG"));
    }

    @Test
    void listsFiltersAndPaginates() {
        String slug = Api.slug("listed");
        Api.createTenant(admin, slug);
        as(admin).get("/api/tenants?organization_type=dental_clinic&size=100").then().statusCode(200)
                .body("data.items.slug", hasItem(slug))
                .body("data.items.organization_type", everyItem(is("dental_clinic")))
                .body("data.total_items", greaterThanOrEqualTo(1));
        as(admin).get("/api/tenants?organization_type=manufacturing&size=100").then().statusCode(200)
                .body("data.items.slug", not(hasItem(slug)));
        as(admin).get("/api/tenants?page=1&size=1").then().statusCode(200)
                .body("data.items", hasSize(1)).body("data.size", is(1));
        as(admin).get("/api/tenants?size=1000").then().statusCode(400).body("error.code", is("INVALID_PAGE"));
        as(admin).get("/api/tenants?status=sleeping").then().statusCode(400).body("error.code", is("INVALID_FILTER"));
    }

    @Test
    void searchesByNameSlugOrEmailAndFiltersByPlan() {
        String slug = Api.slug("findme");
        Map<String, Object> body = Api.dentalClinic(slug);
        body.put("name", "Kaveri 100% Dental_Care");
        body.put("contact_email", "front.desk@kaveri-dental.example");
        body.put("subscription_plan", "premium");
        as(admin).body(body).post("/api/tenants").then().statusCode(201);
        String other = Api.slug("other");
        Api.createTenant(admin, other);

        search("kaveri 100%").then().statusCode(200)
                .body("data.items.slug", contains(slug)).body("data.total_items", is(1));
        search("KAVERI-DENTAL.example").then().statusCode(200)
                .body("data.items.slug", contains(slug));
        search(slug.substring(2)).then().statusCode(200)
                .body("data.items.slug", contains(slug));
        // The caller's wildcards are taken literally: "_" and "%" match only themselves.
        search("Dental_Care").then().body("data.items.slug", contains(slug));
        search("Kaveri 1% Dental").then().body("data.items", hasSize(0));
        search("Smile_Dental").then().body("data.items", hasSize(0));

        as(admin).get("/api/tenants?plan=premium&size=100").then().statusCode(200)
                .body("data.items.slug", hasItem(slug)).body("data.items.slug", not(hasItem(other)))
                .body("data.items.subscription.plan", everyItem(is("premium")));
        as(admin).queryParam("search", slug).get("/api/tenants?plan=PREMIUM&organization_type=DENTAL_CLINIC&size=100").then()
                .statusCode(200).body("data.items.slug", contains(slug));
        as(admin).get("/api/tenants?plan=gold").then().statusCode(400)
                .body("error.code", is("INVALID_FILTER")).body("error.details[0].field", is("plan"));
        search("x".repeat(101)).then().statusCode(400)
                .body("error.code", is("INVALID_FILTER")).body("error.details[0].field", is("search"));
    }

    private Response search(String words) {
        return as(admin).queryParam("search", words).queryParam("size", 100).get("/api/tenants");
    }

    @Test
    void getsUpdatesAndReportsConfig() {
        String slug = Api.slug("upd");
        Api.createTenant(admin, slug);
        as(admin).get("/api/tenants/" + slug).then().statusCode(200).body("data.slug", is(slug));
        as(admin).body(Map.of("contact_person", "Dr. Sarah Johnson (Updated)", "subscription_plan", "premium", "max_users", 10))
                .put("/api/tenants/" + slug).then().statusCode(200)
                .body("data.contact_person", is("Dr. Sarah Johnson (Updated)"))
                .body("data.name", is("Smile Dental Clinic"))
                .body("data.subscription.plan", is("premium"))
                .body("data.subscription.max_users", is(10))
                .body("data.subscription.max_products", is(10000))
                .body("data.version", greaterThan(0));
        as(admin).body(Map.of("slug", "other-slug")).put("/api/tenants/" + slug).then().statusCode(400)
                .body("error.details.field", hasItem("slug"));

        as(admin).body(Map.of("dental_management", true, "inventory_management", true, "advanced_reporting", false, "api_access", true))
                .put("/api/tenants/" + slug + "/features").then().statusCode(200)
                .body("data.inventory_management", is(true)).body("data.advanced_reporting", is(false));
        as(admin).body(Map.of("teleportation", true)).put("/api/tenants/" + slug + "/features").then().statusCode(400)
                .body("error.details.field", hasItem("features.teleportation"));
        as(admin).body(Map.of("manufacturing_management", true)).put("/api/tenants/" + slug + "/features").then().statusCode(200);

        as(admin).body(Map.of("plan", "premium", "max_users", 10, "max_products", 1000, "max_transactions_per_month", 10000))
                .put("/api/tenants/" + slug + "/subscription").then().statusCode(200)
                .body("data.plan", is("premium")).body("data.max_products", is(1000));
        as(admin).body(Map.of("plan", "gold")).put("/api/tenants/" + slug + "/subscription").then().statusCode(400);

        String underscored = slug.replace('-', '_');
        as(admin).get("/api/tenants/" + slug + "/config").then().statusCode(200)
                .body("data.databases.invoicing", is("tenant_" + underscored + "_invoicing"))
                .body("data.databases.dental", is("tenant_" + underscored + "_dental"))
                .body("data.databases.manufacturing", is("tenant_" + underscored + "_manufacturing"))
                .body("data.subscription.max_transactions_per_month", is(10000));
        as(admin).get("/api/tenants/no-such-tenant").then().statusCode(404).body("error.code", is("NOT_FOUND"));
    }

    @Test
    void suspendsReactivatesAndDeletes() {
        String slug = Api.slug("life");
        Api.createTenant(admin, slug);
        as(admin).post("/api/tenants/" + slug + "/suspend").then().statusCode(200).body("data.status", is("suspended"));
        as(admin).post("/api/tenants/" + slug + "/suspend").then().statusCode(409).body("error.code", is("TENANT_ALREADY_SUSPENDED"));
        as(admin).post("/api/tenants/" + slug + "/reactivate").then().statusCode(200).body("data.status", is("provisioning"));
        as(admin).post("/api/tenants/" + slug + "/reactivate").then().statusCode(409);
        as(admin).delete("/api/tenants/" + slug).then().statusCode(200).body("data.status", is("deleted"))
                .body("data.deleted_at", notNullValue());
        as(admin).get("/api/tenants/" + slug).then().statusCode(404).body("error.code", is("TENANT_DELETED"));
        as(admin).get("/api/tenants?size=100").then().body("data.items.slug", not(hasItem(slug)));
        as(admin).get("/api/tenants?status=deleted&size=100").then().body("data.items.slug", hasItem(slug));
        // The slug stays taken: the archived databases carry it.
        as(admin).body(Api.dentalClinic(slug)).post("/api/tenants").then().statusCode(409);
    }

    @Test
    void requiresAValidTokenAndThePlatformAdminRole() {
        given().contentType("application/json").body(Api.dentalClinic(Api.slug("anon"))).post("/api/tenants").then()
                .statusCode(401).body("error.code", is("UNAUTHORIZED"));
        given().header("Authorization", "Bearer not.a.token").get("/api/tenants").then().statusCode(401);
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/tenants").then().statusCode(401);

        String email = Api.slug("plain") + "@example.com";
        Api.createUser(admin, email);
        String user = Api.login(email, "a-long-password-1");
        as(user).body(Api.dentalClinic(Api.slug("nope"))).post("/api/tenants").then().statusCode(403);
        String slug = Api.slug("guarded");
        Api.createTenant(admin, slug);
        as(user).get("/api/tenants/" + slug).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        as(user).delete("/api/tenants/" + slug).then().statusCode(403);
        as(user).get("/api/tenants?size=100").then().statusCode(200).body("data.items.slug", not(hasItem(slug)));
    }

    @Test
    void healthAndMetricsAnswer() {
        ManagementInterface.given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        ManagementInterface.given().get("/q/health/live").then().statusCode(200);
        ManagementInterface.given().get("/q/metrics").then().statusCode(200);
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", is("RSA")).body("keys[0].alg", is("RS256")).body("keys[0].d", nullValue());
    }

    /** Issue 14: a suspended tenant is read-only in tenant-service too, for its own admins; platform admins still manage it. */
    @Test
    void aSuspendedTenantIsReadOnlyToItsOwnAdmins() {
        String slug = Api.slug("frozen");
        Api.createTenant(admin, slug);
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        String memberEmail = Api.slug("member") + "@example.com";
        int member = Api.createUser(admin, memberEmail);
        as(tenantAdmin).body(Map.of("email", memberEmail, "role", "staff")).post("/api/tenants/" + slug + "/users").then().statusCode(201);
        String token = as(tenantAdmin).body(Map.of("email", Api.slug("invitee") + "@example.com", "role", "viewer"))
                .post("/api/tenants/" + slug + "/users").then().statusCode(201).extract().path("data.token");
        int invitation = as(tenantAdmin).get("/api/tenants/" + slug + "/invitations").then().extract().path("data.items[0].id");
        as(admin).post("/api/tenants/" + slug + "/suspend").then().statusCode(200);

        String users = "/api/tenants/" + slug + "/users";
        refusedAsSuspended(as(tenantAdmin).body(Map.of("contact_person", "Still Here")).put("/api/tenants/" + slug));
        refusedAsSuspended(as(tenantAdmin).body(Map.of("advanced_reporting", true)).put("/api/tenants/" + slug + "/features"));
        refusedAsSuspended(as(tenantAdmin).body(Map.of("email", Api.slug("late") + "@example.com", "role", "staff")).post(users));
        refusedAsSuspended(as(tenantAdmin).body(Map.of("role", "manager")).put(users + "/" + member));
        refusedAsSuspended(as(tenantAdmin).delete(users + "/" + member));
        refusedAsSuspended(as(tenantAdmin).delete("/api/tenants/" + slug + "/invitations/" + invitation));
        // Nor can an invitation be accepted into it meanwhile; it stays usable for later.
        refusedAsSuspended(given().contentType("application/json")
                .body(Map.of("name", "Patient Invitee", "password", "a-long-password-1")).post("/api/invitations/" + token + "/accept"));
        // The rest needs a platform admin anyway.
        as(tenantAdmin).body(Map.of("plan", "enterprise")).put("/api/tenants/" + slug + "/subscription").then().statusCode(403);
        as(tenantAdmin).post("/api/tenants/" + slug + "/reactivate").then().statusCode(403);

        // Reads still work.
        as(tenantAdmin).get("/api/tenants/" + slug).then().statusCode(200).body("data.status", is("suspended"));
        as(tenantAdmin).get("/api/tenants/" + slug + "/config").then().statusCode(200);
        as(tenantAdmin).get(users).then().statusCode(200).body("data.items.user_id", hasItem(member));
        as(tenantAdmin).get("/api/tenants/" + slug + "/invitations").then().statusCode(200).body("data.total_items", is(1));

        // Platform admins may still change it, and reactivate it; then its admins may again.
        as(admin).body(Map.of("advanced_reporting", true)).put("/api/tenants/" + slug + "/features").then().statusCode(200);
        as(admin).body(Map.of("role", "manager")).put(users + "/" + member).then().statusCode(200);
        as(admin).post("/api/tenants/" + slug + "/reactivate").then().statusCode(200);
        as(tenantAdmin).body(Map.of("contact_person", "Back Again")).put("/api/tenants/" + slug).then().statusCode(200);
        given().contentType("application/json").body(Map.of("name", "Patient Invitee", "password", "a-long-password-1"))
                .post("/api/invitations/" + token + "/accept").then().statusCode(201);
    }

    private static void refusedAsSuspended(io.restassured.response.Response answer) {
        answer.then().statusCode(403).body("error.code", is("TENANT_SUSPENDED"));
    }
}
