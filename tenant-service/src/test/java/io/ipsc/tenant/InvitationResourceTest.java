package io.ipsc.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.ipsc.tenant.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invitations: how an e-mail without an account joins a tenant (issue 14, item 4). */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class InvitationResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA256 = "encode(sha256(convert_to(?, 'UTF8')), 'hex')";
    private static final String PASSWORD = "a-long-password-for-the-invitee";

    @Inject
    DataSource dataSource;

    @Test
    void anUnknownEmailIsInvitedAndTheInvitationIsAcceptedExactlyOnce() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("invite");
        Api.createTenant(admin, slug);
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        String email = Api.slug("newcomer") + "@example.com";

        Response invited = as(tenantAdmin).body(Map.of("email", email, "role", "manager")).post("/api/tenants/" + slug + "/users");
        invited.then().statusCode(201).body("data.status", is("invited")).body("data.email", is(email)).body("data.role", is("manager"))
                .body("data.token", notNullValue()).body("data.expires_at", notNullValue());
        String token = invited.path("data.token");
        String acceptPath = invited.path("data.accept_path");
        assertEquals("/api/invitations/" + token + "/accept", acceptPath);
        Instant expires = Instant.parse(invited.path("data.expires_at"));
        assertTrue(Duration.between(Instant.now(), expires).toMinutes() >= 7 * 24 * 60 - 5, "valid for seven days by default");
        assertEquals(0, count("SELECT count(*) FROM invitations WHERE token_hash = ?", token), "the token itself is not stored");
        assertEquals(1, count("SELECT count(*) FROM invitations WHERE token_hash = " + SHA256, token), "its SHA-256 is");

        // The holder sees where, as whom, until when, without signing in.
        given().get("/api/invitations/" + token).then().statusCode(200)
                .body("data.tenant", is(slug)).body("data.tenant_name", is("Smile Dental Clinic"))
                .body("data.email", is(email)).body("data.role", is("manager")).body("data.expires_at", notNullValue());
        // The tenant's admin sees it open, without its token.
        as(tenantAdmin).get("/api/tenants/" + slug + "/invitations").then().statusCode(200)
                .body("data.items.email", hasItem(email)).body("data.items.status", hasItem("pending"))
                .body("data.items[0]", not(hasKey("token"))).body("data.items[0]", not(hasKey("token_hash")));

        given().contentType(ContentType.JSON).body(Map.of("name", "New Comer", "password", "short"))
                .post(acceptPath).then().statusCode(400).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItem("password"));

        // Ten accepts at once: one account, one membership, nine refusals.
        List<Response> answers = Api.atOnce(10, () -> given().contentType(ContentType.JSON)
                .body(Map.of("name", "New Comer", "password", PASSWORD)).post(acceptPath));
        MembershipResourceTest.assertOneCreatedRestRefused(answers, 409, "INVITATION_ALREADY_USED");
        Response accepted = answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow();
        int userId = accepted.path("data.user_id");
        assertEquals(slug, accepted.path("data.tenant"));
        assertEquals("manager", accepted.path("data.role"));
        assertEquals(1, count("SELECT count(*) FROM users WHERE lower(email) = ?", email));

        // The answer signs the new member in: the access token opens the tenant.
        String memberToken = accepted.path("data.tokens.access_token");
        assertTrue(accepted.path("data.tokens.refresh_token") != null);
        as(memberToken).get("/api/tenants/" + slug).then().statusCode(200);
        as(Api.login(email, PASSWORD)).get("/api/users/me").then().statusCode(200).body("data.full_name", is("New Comer"));
        as(tenantAdmin).get("/api/tenants/" + slug + "/users").then().body("data.items.user_id", hasItem(userId));
        as(tenantAdmin).get("/api/tenants/" + slug + "/invitations").then().body("data.items.email", not(hasItem(email)));

        // Used: gone for the holder, refused on a second accept.
        given().get("/api/invitations/" + token).then().statusCode(404).body("error.code", is("INVITATION_NOT_FOUND"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Someone Else", "password", PASSWORD))
                .post(acceptPath).then().statusCode(409).body("error.code", is("INVITATION_ALREADY_USED"));

        // The gateway's directory learns of the member as before: the tenant's snapshot in the outbox carries it.
        JsonNode snapshot = JSON.readTree(latestSnapshot(slug));
        assertEquals("manager", snapshot.path("members").path(Integer.toString(userId)).asText(), snapshot.toString());
    }

    @Test
    void expiredWithdrawnAndMadeUpInvitationsAreRefused() {
        String admin = Api.adminToken();
        String slug = Api.slug("stale");
        Api.createTenant(admin, slug);
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        Map<String, String> body = Map.of("name", "Late Comer", "password", PASSWORD);

        String expiring = invite(tenantAdmin, slug, Api.slug("late") + "@example.com");
        update("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE token_hash = " + SHA256, expiring);
        given().get("/api/invitations/" + expiring).then().statusCode(404).body("error.code", is("INVITATION_NOT_FOUND"));
        given().contentType(ContentType.JSON).body(body).post("/api/invitations/" + expiring + "/accept").then()
                .statusCode(410).body("error.code", is("INVITATION_EXPIRED"));
        as(tenantAdmin).get("/api/tenants/" + slug + "/invitations").then().body("data.items.status", hasItem("expired"));

        String withdrawnEmail = Api.slug("withdrawn") + "@example.com";
        String withdrawn = invite(tenantAdmin, slug, withdrawnEmail);
        int id = as(tenantAdmin).get("/api/tenants/" + slug + "/invitations?size=100").then().extract()
                .path("data.items.find { it.email == '" + withdrawnEmail + "' }.id");
        as(tenantAdmin).delete("/api/tenants/" + slug + "/invitations/" + id).then().statusCode(200);
        as(tenantAdmin).delete("/api/tenants/" + slug + "/invitations/" + id).then().statusCode(404).body("error.code", is("INVITATION_NOT_FOUND"));
        given().contentType(ContentType.JSON).body(body).post("/api/invitations/" + withdrawn + "/accept").then()
                .statusCode(410).body("error.code", is("INVITATION_REVOKED"));

        // Inviting again replaces the open invitation: the admin who lost the token gets a new one.
        String againEmail = Api.slug("again") + "@example.com";
        String first = invite(tenantAdmin, slug, againEmail);
        String second = invite(tenantAdmin, slug, againEmail.toUpperCase());
        given().contentType(ContentType.JSON).body(body).post("/api/invitations/" + first + "/accept").then()
                .statusCode(410).body("error.code", is("INVITATION_REVOKED"));
        given().contentType(ContentType.JSON).body(body).post("/api/invitations/" + second + "/accept").then().statusCode(201);

        String madeUp = "A".repeat(43);
        given().get("/api/invitations/" + madeUp).then().statusCode(404).body("error.code", is("INVITATION_NOT_FOUND"));
        given().contentType(ContentType.JSON).body(body).post("/api/invitations/" + madeUp + "/accept").then()
                .statusCode(404).body("error.code", is("INVITATION_NOT_FOUND"));
        given().contentType(ContentType.JSON).body(body).post("/api/invitations/not-a-token/accept").then()
                .statusCode(404).body("error.code", is("INVITATION_NOT_FOUND"));
        given().contentType(ContentType.JSON).post("/api/invitations/" + madeUp + "/accept").then()
                .statusCode(400).body("error.code", is("MISSING_BODY"));
    }

    @Test
    void onlyTheTenantsAdminsSeeAndWithdrawItsInvitations() {
        String admin = Api.adminToken();
        String slug = Api.slug("inv-a");
        String other = Api.slug("inv-b");
        Api.createTenant(admin, slug);
        Api.createTenant(admin, other);
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        String otherAdmin = Api.tenantAdmin(admin, other);
        String staffEmail = Api.slug("staff") + "@example.com";
        Api.createUser(admin, staffEmail);
        as(tenantAdmin).body(Map.of("email", staffEmail, "role", "staff")).post("/api/tenants/" + slug + "/users").then().statusCode(201);
        String staff = Api.login(staffEmail, "a-long-password-1");
        String inviteeEmail = Api.slug("invitee") + "@example.com";
        invite(tenantAdmin, slug, inviteeEmail);
        int id = as(tenantAdmin).get("/api/tenants/" + slug + "/invitations").then().extract().path("data.items[0].id");

        as(staff).get("/api/tenants/" + slug + "/invitations").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        as(staff).delete("/api/tenants/" + slug + "/invitations/" + id).then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        as(otherAdmin).get("/api/tenants/" + slug + "/invitations").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        // Another tenant's invitation id under one's own tenant is simply not there.
        as(otherAdmin).delete("/api/tenants/" + other + "/invitations/" + id).then().statusCode(404).body("error.code", is("INVITATION_NOT_FOUND"));
        given().get("/api/tenants/" + slug + "/invitations").then().statusCode(401).body("error.code", is("UNAUTHORIZED"));
        as(tenantAdmin).get("/api/tenants/" + slug + "/invitations").then().body("data.items.email", hasItem(inviteeEmail));
    }

    @Test
    void anInvitationHoldsASeatOfThePlan() {
        String admin = Api.adminToken();
        String slug = Api.slug("seats");
        Api.createTenant(admin, slug);
        String tenantAdmin = Api.tenantAdmin(admin, slug);
        as(admin).body(Map.of("max_users", 2)).put("/api/tenants/" + slug + "/subscription").then().statusCode(200);
        invite(tenantAdmin, slug, Api.slug("seat") + "@example.com");
        as(tenantAdmin).body(Map.of("email", Api.slug("no-seat") + "@example.com", "role", "staff")).post("/api/tenants/" + slug + "/users")
                .then().statusCode(429).body("error.code", is("QUOTA_EXCEEDED"));
    }

    static String invite(String adminToken, String slug, String email) {
        return as(adminToken).body(Map.of("email", email, "role", "staff")).post("/api/tenants/" + slug + "/users").then()
                .statusCode(201).body("data.status", is("invited")).extract().path("data.token");
    }

    private String latestSnapshot(String slug) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT payload FROM outbox WHERE record_key = ? ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "an outbox row for " + slug);
                return rs.getString(1);
            }
        }
    }

    private long count(String sql, String value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, String value) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            assertEquals(1, ps.executeUpdate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
