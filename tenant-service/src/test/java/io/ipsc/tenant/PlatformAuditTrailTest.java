package io.ipsc.tenant;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static io.ipsc.tenant.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21 on the platform database: tenants, users and memberships leave their trail; nobody edits it. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class PlatformAuditTrailTest {

    @Test
    void aTenantAndAUserLeaveTheirRowsAndTheTrailRefusesEdits() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("audited");
        int tenantId = as(admin).body(Api.dentalClinic(slug)).post("/api/tenants").then().statusCode(201).extract().path("data.id");
        int userId = Api.createUser(admin, "audited-" + slug + "@example.in");

        List<String> tenantRows = actions("tenants", tenantId);
        assertEquals("insert", tenantRows.get(0), tenantRows.toString());
        // Created by the platform admin, as their token says.
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT actor, actor_email FROM ipsc_audit WHERE table_name = 'tenants' AND record_id = ? AND action = 'insert'")) {
            ps.setString(1, Integer.toString(tenantId));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("user", rs.getString(1));
                assertEquals(Api.ADMIN_EMAIL, rs.getString(2));
            }
        }
        assertEquals(List.of("insert"), actions("users", userId).subList(0, 1));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                // The insert is stored as the row's image (changes_format 3), its secret columns replaced.
                "SELECT changes ->> 'password_hash' FROM ipsc_audit WHERE table_name = 'users' "
                        + "AND record_id = ? AND action = 'insert' AND changes_format = 3")) {
            ps.setString(1, Integer.toString(userId));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("[redacted]", rs.getString(1), "a password hash is never copied into the trail");
            }
        }
        // Sessions and signing keys are bookkeeping, not records: not audited.
        assertFalse(audited("refresh_tokens"));
        assertFalse(audited("signing_keys"));
        assertTrue(audited("memberships"));
        assertTrue(audited("invitations"));

        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : List.of("UPDATE ipsc_audit SET actor = 'x'", "DELETE FROM ipsc_audit", "TRUNCATE ipsc_audit")) {
                SQLException refused = assertThrows(SQLException.class, () -> st.execute(sql), sql);
                assertEquals("42501", refused.getSQLState(), sql);
            }
        }
        assertEquals("insert", actions("tenants", tenantId).get(0));
    }

    @Test
    void platformAdminsReadTheTrailThroughTheSharedEndpointAndOthersAreRefused() {
        String admin = Api.adminToken();
        String slug = Api.slug("trail");
        int tenantId = as(admin).body(Api.dentalClinic(slug)).post("/api/tenants").then().statusCode(201).extract().path("data.id");
        String tenantAdmin = Api.tenantAdmin(admin, slug);

        as(admin).get("/api/audit?entity=tenant&id=" + tenantId).then().statusCode(200)
                .body("success", is(true))
                .body("data.items.action", hasItem("insert"))
                .body("data.items.entity", everyItem(is("tenants")))
                .body("data.items.find { it.action == 'insert' }.email", is(Api.ADMIN_EMAIL));
        // The tenant's memberships are its children (memberships.tenant_id): with=memberships lists them with its own rows.
        as(admin).get("/api/audit?entity=tenant&id=" + tenantId + "&with=memberships").then().statusCode(200)
                .body("data.items.entity", hasItems("tenants", "memberships"));
        // The trail spans every tenant: a tenant's own admin is refused, as is anyone without a token.
        as(tenantAdmin).get("/api/audit").then().statusCode(403).body("success", is(false)).body("data", nullValue());
        as(tenantAdmin).get("/api/audit/export?from=2026-04-01&to=2026-04-30").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/audit").then().statusCode(401);
        // The shared checks answer as in every service.
        as(admin).get("/api/audit?entity=unicorn").then().statusCode(400).body("error.code", is("UNKNOWN_ENTITY"))
                .body("message", containsString("memberships"));
        as(admin).get("/api/audit?entity=users&id=1&with=tenants").then().statusCode(400).body("error.code", is("NOT_A_CHILD"));
        as(admin).get("/api/audit/export?from=2026-04-01").then().statusCode(400).body("error.code", is("INVALID_RANGE"));

        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Kolkata")).toString();
        String csv = as(admin).get("/api/audit/export?from=" + today + "&to=" + today).then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("audit-platform-" + today))
                .extract().asString();
        assertTrue(csv.startsWith("audit_id,at_utc,entity,record_id,action,field"), csv.substring(0, Math.min(80, csv.length())));
        assertTrue(csv.contains(",tenants," + tenantId + ",insert,slug,," + slug + ","), "the tenant's insert is exported");
    }

    private static List<String> actions(String table, int id) throws SQLException {
        List<String> actions = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT action FROM ipsc_audit WHERE table_name = ? AND record_id = ? ORDER BY id")) {
            ps.setString(1, table);
            ps.setString(2, Integer.toString(id));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        }
        return actions;
    }

    private static boolean audited(String table) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'ipsc_audit' AND c.relname = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(EmbeddedServers.get().jdbcUrl("ipsc_platform"), "postgres", "postgres");
    }
}
