package io.ipsc.tenant;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.ipsc.tenant.Api.as;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class MembershipResourceTest {

    @Test
    void theSeedsMembershipStepsWork() {
        String admin = Api.adminToken();
        String slug = Api.slug("members");
        Api.createTenant(admin, slug);
        // The seed adds user 1 (the first platform admin) as admin, changes the role, lists, removes.
        as(admin).body(Map.of("user_id", 1, "role", "admin")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(201).body("data.user_id", is(1)).body("data.role", is("admin"));
        as(admin).body(Map.of("user_id", 1, "role", "admin")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(409).body("error.code", is("ALREADY_A_MEMBER"));
        as(admin).get("/api/tenants/" + slug + "/users").then().statusCode(200)
                .body("data.items.user_id", hasItem(1)).body("data.total_items", is(1));
        as(admin).body(Map.of("role", "manager")).put("/api/tenants/" + slug + "/users/1").then()
                .statusCode(200).body("data.role", is("manager"));
        as(admin).body(Map.of("role", "overlord")).put("/api/tenants/" + slug + "/users/1").then()
                .statusCode(400).body("error.details.field", hasItem("role"));
        as(admin).delete("/api/tenants/" + slug + "/users/1").then().statusCode(200);
        as(admin).delete("/api/tenants/" + slug + "/users/1").then().statusCode(404);
        as(admin).body(Map.of("user_id", 999999, "role", "staff")).post("/api/tenants/" + slug + "/users").then().statusCode(404);
    }

    @Test
    void rolesDecideWhatAMemberMayDo() {
        String admin = Api.adminToken();
        String slug = Api.slug("roles");
        Api.createTenant(admin, slug);
        String tenantAdminEmail = Api.slug("tadmin") + "@example.com";
        String viewerEmail = Api.slug("viewer") + "@example.com";
        int tenantAdmin = Api.createUser(admin, tenantAdminEmail);
        int viewer = Api.createUser(admin, viewerEmail);
        int newcomer = Api.createUser(admin, Api.slug("new") + "@example.com");
        as(admin).body(Map.of("user_id", tenantAdmin, "role", "admin")).post("/api/tenants/" + slug + "/users").then().statusCode(201);
        as(admin).body(Map.of("user_id", viewer, "role", "viewer")).post("/api/tenants/" + slug + "/users").then().statusCode(201);

        String adminToken = Api.login(tenantAdminEmail, "a-long-password-1");
        String viewerToken = Api.login(viewerEmail, "a-long-password-1");

        // A tenant admin manages members and features of their tenant, but not its plan or its life.
        as(adminToken).body(Map.of("user_id", newcomer, "role", "staff")).post("/api/tenants/" + slug + "/users").then().statusCode(201);
        as(adminToken).body(Map.of("advanced_reporting", true)).put("/api/tenants/" + slug + "/features").then().statusCode(200);
        as(adminToken).body(Map.of("contact_person", "New Contact")).put("/api/tenants/" + slug).then().statusCode(200);
        as(adminToken).body(Map.of("subscription_plan", "enterprise")).put("/api/tenants/" + slug).then().statusCode(403);
        as(adminToken).body(Map.of("plan", "enterprise")).put("/api/tenants/" + slug + "/subscription").then().statusCode(403);
        as(adminToken).post("/api/tenants/" + slug + "/suspend").then().statusCode(403);
        as(adminToken).get("/api/tenants?size=100").then().statusCode(200).body("data.items.slug", contains(slug));

        // A viewer reads, and changes nothing.
        as(viewerToken).get("/api/tenants/" + slug + "/users").then().statusCode(200);
        as(viewerToken).get("/api/tenants/" + slug + "/config").then().statusCode(200);
        as(viewerToken).body(Map.of("role", "admin")).put("/api/tenants/" + slug + "/users/" + newcomer).then()
                .statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        as(viewerToken).body(Map.of("api_access", false)).put("/api/tenants/" + slug + "/features").then().statusCode(403);
        as(viewerToken).delete("/api/tenants/" + slug + "/users/" + newcomer).then().statusCode(403);

        // Removal takes effect at once here, whatever the token still says.
        as(adminToken).delete("/api/tenants/" + slug + "/users/" + viewer).then().statusCode(200);
        as(viewerToken).get("/api/tenants/" + slug + "/users").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
    }

    @Test
    void anAdminOfOneTenantIsRefusedOnAnother() {
        String admin = Api.adminToken();
        String a = Api.slug("tenant-a");
        String b = Api.slug("tenant-b");
        Api.createTenant(admin, a);
        Api.createTenant(admin, b);
        String email = Api.slug("aadmin") + "@example.com";
        int user = Api.createUser(admin, email);
        as(admin).body(Map.of("user_id", user, "role", "admin")).post("/api/tenants/" + a + "/users").then().statusCode(201);
        String token = Api.login(email, "a-long-password-1");

        as(token).get("/api/tenants/" + a).then().statusCode(200);
        as(token).get("/api/tenants/" + b).then().statusCode(403);
        as(token).get("/api/tenants/" + b + "/users").then().statusCode(403);
        as(token).get("/api/tenants/" + b + "/config").then().statusCode(403);
        as(token).body(Map.of("user_id", user, "role", "admin")).post("/api/tenants/" + b + "/users").then().statusCode(403);
        as(token).body(Map.of("contact_person", "Hijacked")).put("/api/tenants/" + b).then().statusCode(403);
        as(token).body(Map.of("api_access", false)).put("/api/tenants/" + b + "/features").then().statusCode(403);
        // A forged tenant header changes nothing: tenant-service decides by the path and the memberships table.
        as(token).header("X-Tenant-ID", a).get("/api/tenants/" + b).then().statusCode(403);
        as(admin).get("/api/tenants/" + b).then().body("data.contact_person", is("Dr. Sarah Johnson"));
    }

    @Test
    void thePlansUserLimitIsEnforced() {
        String admin = Api.adminToken();
        String slug = Api.slug("quota");
        Api.createTenant(admin, slug);
        as(admin).body(Map.of("plan", "free", "max_users", 2)).put("/api/tenants/" + slug + "/subscription").then().statusCode(200);
        for (int i = 0; i < 2; i++) {
            int user = Api.createUser(admin, Api.slug("q" + i) + "@example.com");
            as(admin).body(Map.of("user_id", user, "role", "staff")).post("/api/tenants/" + slug + "/users").then().statusCode(201);
        }
        int third = Api.createUser(admin, Api.slug("q3") + "@example.com");
        as(admin).body(Map.of("user_id", third, "role", "staff")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(429).body("error.code", is("QUOTA_EXCEEDED"));
    }

    @Test
    void usersNeedAPlatformAdminAndAStrongPassword() {
        String admin = Api.adminToken();
        as(admin).body(Map.of("email", "short@example.com", "password", "short")).post("/api/users").then()
                .statusCode(400).body("error.details.field", hasItem("password"));
        as(admin).body(Map.of("email", "not-an-email", "password", "a-long-password-1")).post("/api/users").then()
                .statusCode(400).body("error.details.field", hasItem("email"));
        String email = Api.slug("dupe") + "@example.com";
        Api.createUser(admin, email);
        as(admin).body(Map.of("email", email.toUpperCase(), "password", "a-long-password-1")).post("/api/users").then()
                .statusCode(409).body("error.code", is("DUPLICATE_EMAIL"));
        String user = Api.login(email, "a-long-password-1");
        as(user).get("/api/users").then().statusCode(403);
        as(user).body(Map.of("email", "x@example.com", "password", "a-long-password-1")).post("/api/users").then().statusCode(403);
        as(admin).get("/api/users?size=5").then().statusCode(200).body("data.items.password_hash", everyItem(nullValue()));
    }
}
