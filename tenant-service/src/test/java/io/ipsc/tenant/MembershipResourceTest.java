package io.ipsc.tenant;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ipsc.tenant.Api.as;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        String newcomerEmail = Api.slug("new") + "@example.com";
        int newcomer = Api.createUser(admin, newcomerEmail);
        as(admin).body(Map.of("user_id", tenantAdmin, "role", "admin")).post("/api/tenants/" + slug + "/users").then().statusCode(201);
        as(admin).body(Map.of("user_id", viewer, "role", "viewer")).post("/api/tenants/" + slug + "/users").then().statusCode(201);

        String adminToken = Api.login(tenantAdminEmail, "a-long-password-1");
        String viewerToken = Api.login(viewerEmail, "a-long-password-1");

        // A tenant admin manages members and features of their tenant, but not its plan or its life.
        as(adminToken).body(Map.of("email", newcomerEmail, "role", "staff")).post("/api/tenants/" + slug + "/users").then().statusCode(201)
                .body("data.user_id", is(newcomer));
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

    @Test
    void aTenantAdminAddsByEmailAndLearnsNothingMoreAboutThePerson() {
        String admin = Api.adminToken();
        String slug = Api.slug("byemail");
        Api.createTenant(admin, slug);
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        String email = Api.slug("known") + "@example.com";
        int known = Api.createUser(admin, email);

        int versionBefore = as(admin).get("/api/tenants/" + slug).then().extract().path("data.version");
        // The answer repeats what the admin sent, adds the id and role, and nothing else of the person.
        as(tenantAdmin).body(Map.of("email", " " + email.toUpperCase() + " ", "role", "staff")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(201).body("data.status", is("member")).body("data.user_id", is(known))
                .body("data.email", is(email.toUpperCase())).body("data.role", is("staff"))
                .body("data", not(hasKey("full_name"))).body("data", not(hasKey("token")));
        // Members travel in the tenant's snapshot: a newer version, so that the gateway's directory takes it.
        as(admin).get("/api/tenants/" + slug).then().body("data.version", greaterThan(versionBefore));
        as(tenantAdmin).body(Map.of("email", email, "role", "viewer")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(409).body("error.code", is("ALREADY_A_MEMBER"));
        // Ids are for platform admins: they can be counted through, e-mails cannot.
        as(tenantAdmin).body(Map.of("user_id", 1, "role", "admin")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(403).body("error.code", is("ADD_MEMBERS_BY_EMAIL"));
        as(tenantAdmin).body(Map.of("email", "not-an-email", "role", "staff")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(400).body("error.code", is("VALIDATION_ERROR")).body("error.details.field", hasItem("email"));
        as(tenantAdmin).body(Map.of("role", "staff")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(400).body("error.details.field", hasItem("email"));
        as(admin).body(Map.of("user_id", known, "email", email, "role", "staff")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(400).body("error.code", is("VALIDATION_ERROR"));
    }

    /** The probe's attack: {@code POST {"user_id": 1}} answered with the platform admin's e-mail and name, for every id in turn. */
    @Test
    void walkingUserIdsShowsATenantAdminNoOneOutsideTheTenant() {
        String admin = Api.adminToken();
        String slug = Api.slug("walk");
        Api.createTenant(admin, slug);
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        as(tenantAdmin).body(Map.of("email", Api.slug("colleague") + "@example.com", "role", "staff"))
                .post("/api/tenants/" + slug + "/users").then().statusCode(201);
        as(tenantAdmin).body(Map.of("email", Api.slug("invitee") + "@example.com", "role", "viewer"))
                .post("/api/tenants/" + slug + "/users").then().statusCode(201).body("data.status", is("invited"));
        Api.createUser(admin, Api.slug("outsider") + "@example.com");

        List<Integer> members = as(admin).get("/api/tenants/" + slug + "/users?size=100").then().statusCode(200)
                .extract().path("data.items.user_id");
        List<Map<String, Object>> everyone = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<Map<String, Object>> items = as(admin).get("/api/users?size=100&page=" + page).then().statusCode(200)
                    .extract().path("data.items");
            everyone.addAll(items);
            if (items.size() < 100) {
                break;
            }
        }
        String adminsName = "Platform administrator";
        List<String> secrets = everyone.stream().filter(u -> !members.contains((Integer) u.get("id")))
                .map(u -> ((String) u.get("email")).toLowerCase(Locale.ROOT)).toList();
        int highestId = everyone.stream().mapToInt(u -> (Integer) u.get("id")).max().orElseThrow();
        assertTrue(secrets.size() >= 2 && highestId > 3, "there are users outside the tenant to look for");

        List<String> answers = new ArrayList<>();
        for (int id = 1; id <= highestId; id++) {
            answers.add(as(tenantAdmin).body(Map.of("user_id", id, "role", "staff")).post("/api/tenants/" + slug + "/users").then()
                    .statusCode(403).body("error.code", is("ADD_MEMBERS_BY_EMAIL")).extract().asString());
            if (!members.contains(id)) {
                answers.add(as(tenantAdmin).body(Map.of("role", "viewer")).put("/api/tenants/" + slug + "/users/" + id).then()
                        .statusCode(404).body("error.code", is("NOT_A_MEMBER")).extract().asString());
                answers.add(as(tenantAdmin).delete("/api/tenants/" + slug + "/users/" + id).then()
                        .statusCode(404).body("error.code", is("NOT_A_MEMBER")).extract().asString());
                answers.add(as(tenantAdmin).get("/api/users/" + id).then().statusCode(403).extract().asString());
            }
        }
        answers.add(as(tenantAdmin).get("/api/tenants/" + slug + "/users?size=100").then().statusCode(200).extract().asString());
        answers.add(as(tenantAdmin).get("/api/tenants/" + slug + "/invitations").then().statusCode(200).extract().asString());
        answers.add(as(tenantAdmin).get("/api/tenants/" + slug).then().statusCode(200).extract().asString());
        for (String answer : answers) {
            assertFalse(answer.contains(adminsName), "an answer to a tenant admin shows the platform admin's name: " + answer);
            String lower = answer.toLowerCase(Locale.ROOT);
            for (String email : secrets) {
                assertFalse(lower.contains(email), "an answer to a tenant admin shows '" + email + "': " + answer);
            }
        }
    }

    /** Today's 500: ten adds of one user at once met Hibernate's stale tenant version. */
    @Test
    void addingOneUserTenTimesAtOnceAddsItOnceAndRefusesTheRest() {
        String admin = Api.adminToken();
        String slug = Api.slug("race");
        Api.createTenant(admin, slug);
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        String email = Api.slug("racer") + "@example.com";
        int racer = Api.createUser(admin, email);

        List<Response> byEmail = Api.atOnce(10, () -> as(tenantAdmin).body(Map.of("email", email, "role", "staff"))
                .post("/api/tenants/" + slug + "/users"));
        assertOneCreatedRestRefused(byEmail, 409, "ALREADY_A_MEMBER");

        int other = Api.createUser(admin, Api.slug("racer2") + "@example.com");
        List<Response> byId = Api.atOnce(10, () -> as(admin).body(Map.of("user_id", other, "role", "viewer"))
                .post("/api/tenants/" + slug + "/users"));
        assertOneCreatedRestRefused(byId, 409, "ALREADY_A_MEMBER");

        as(admin).get("/api/tenants/" + slug + "/users").then().statusCode(200)
                .body("data.total_items", is(3)).body("data.items.user_id", hasItems(racer, other));
    }

    /** Different users at once: no stale-state 500 either, and the plan's limit holds exactly. */
    @Test
    void manyUsersAddedAtOnceFillThePlanExactly() {
        String admin = Api.adminToken();
        String slug = Api.slug("crowd");
        Api.createTenant(admin, slug);
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        as(admin).body(Map.of("max_users", 4)).put("/api/tenants/" + slug + "/subscription").then().statusCode(200);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String email = Api.slug("crowd" + i) + "@example.com";
            Api.createUser(admin, email);
            emails.add(email);
        }
        AtomicInteger next = new AtomicInteger();
        List<Response> answers = Api.atOnce(8, () -> as(tenantAdmin).body(Map.of("email", emails.get(next.getAndIncrement()), "role", "staff"))
                .post("/api/tenants/" + slug + "/users"));
        // One seat is the tenant admin's: three of the eight fit.
        assertEquals(3, answers.stream().filter(r -> r.statusCode() == 201).count(), statuses(answers));
        answers.stream().filter(r -> r.statusCode() != 201).forEach(r -> {
            assertEquals(429, r.statusCode(), r.asString());
            assertEquals("QUOTA_EXCEEDED", r.path("error.code"));
        });
        as(admin).get("/api/tenants/" + slug + "/users").then().body("data.total_items", is(4));
    }

    static void assertOneCreatedRestRefused(List<Response> answers, int refusal, String code) {
        assertEquals(1, answers.stream().filter(r -> r.statusCode() == 201).count(), statuses(answers));
        answers.stream().filter(r -> r.statusCode() != 201).forEach(r -> {
            assertEquals(refusal, r.statusCode(), r.asString());
            assertEquals(code, r.path("error.code"));
        });
    }

    static String statuses(List<Response> answers) {
        return answers.stream().map(r -> r.statusCode() + " " + r.asString()).toList().toString();
    }
}
