package io.ipsc.tenant;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static io.ipsc.tenant.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

/**
 * The operator's views that tenant-service answers: usage against the plan, security figures
 * gathered from every service through ipsc.security, and each database's pool as its service
 * reports it. invoicing-service is stood in for by {@link InvoicingStandIn}; the rest is real.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
@WithTestResource(value = InvoicingStandIn.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperatorViewsTest {

    private static final String PASSWORD = "a-long-password-1";

    @Test
    void usageCountsMembersHereAndTakesProductsAndTransactionsFromInvoicing() {
        String admin = Api.adminToken();
        String slug = Api.slug("usage");
        Api.createTenant(admin, slug);
        as(admin).body(Map.of("plan", "basic", "max_products", 50)).put("/api/tenants/" + slug + "/subscription").then().statusCode(200);
        int before = as(admin).get("/api/tenants/" + slug + "/usage").then().statusCode(200).extract().path("data.users.used");
        String staffEmail = Api.slug("staff") + "@example.com";
        addMember(admin, slug, Api.createUser(admin, staffEmail), "staff");
        addMember(admin, slug, Api.createUser(admin, Api.slug("other") + "@example.com"), "viewer");

        as(admin).get("/api/tenants/" + slug + "/usage").then().statusCode(200)
                .body("success", is(true))
                .body("data.plan", is("basic"))
                .body("data.users.used", is(before + 2))
                .body("data.users.limit", is(10))
                .body("data.users.percent", is((float) ((before + 2) * 10)))
                .body("data.products.used", is(InvoicingStandIn.PRODUCTS))
                .body("data.products.limit", is(50))
                .body("data.products.percent", is(90.0f))
                .body("data.transactions_this_month.used", is(InvoicingStandIn.TRANSACTIONS))
                .body("data.transactions_this_month.limit", is(5000))
                .body("data.modules.invoicing.customers", is(3))
                .body("data.databases.invoicing.database", is("tenant_" + slug.replace('-', '_') + "_invoicing"))
                .body("data.databases.total_bytes", greaterThanOrEqualTo(0))
                // 45 of 50 products earns a warning; the dental clinic's dental figures are missing (no dental-service here).
                .body("warnings", hasItem(containsString("products: 45 of 50")))
                .body("warnings", hasItem(containsString("dental")));

        as(Api.login(staffEmail, PASSWORD)).get("/api/tenants/" + slug + "/usage").then().statusCode(403)
                .body("error.code", is("INSUFFICIENT_ROLE"));
        String outsider = Api.slug("outsider") + "@example.com";
        Api.createUser(admin, outsider);
        as(Api.login(outsider, PASSWORD)).get("/api/tenants/" + slug + "/usage").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER"));
    }

    @Test
    void failedSignInsAndCrossTenantAttemptsShowInTheTenantsSecurityFigures() {
        String admin = Api.adminToken();
        String clinic = Api.slug("sec-a");
        String other = Api.slug("sec-b");
        Api.createTenant(admin, clinic);
        Api.createTenant(admin, other);
        String owner = Api.slug("owner") + "@example.com";
        String stranger = Api.slug("stranger") + "@example.com";
        addMember(admin, clinic, Api.createUser(admin, owner), "admin");
        addMember(admin, other, Api.createUser(admin, stranger), "admin");

        for (int i = 0; i < 2; i++) {
            given().contentType("application/json").body(Map.of("email", owner, "password", "wrong-" + i))
                    .post("/api/auth/login").then().statusCode(401);
        }
        String strangerToken = Api.login(stranger, PASSWORD);
        as(strangerToken).get("/api/tenants/" + clinic + "/users").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));

        String ownerToken = Api.login(owner, PASSWORD);
        eventually(() -> as(ownerToken).get("/api/security/metrics/" + clinic).then().statusCode(200)
                .body("data.counts.failed_logins", is(2))
                .body("data.counts.cross_tenant_refused", is(1))
                .body("data.latest_events.find { it.kind == 'CROSS_TENANT' }.caller", is(stranger))
                .body("data.latest_events.find { it.kind == 'CROSS_TENANT' }.route", is("GET /api/tenants/" + clinic + "/users"))
                .body("data.latest_events.find { it.kind == 'FAILED_LOGIN' }.caller", is(owner)));
        // The owner's failed sign-ins are not the other tenant's business.
        as(strangerToken).get("/api/security/metrics/" + other).then().statusCode(200)
                .body("data.counts.failed_logins", is(0));
        as(strangerToken).get("/api/security/metrics/" + clinic).then().statusCode(403);
        as(admin).get("/api/security/metrics/" + clinic + "?hours=0").then().statusCode(400).body("error.code", is("INVALID_WINDOW"));
        given().get("/api/security/metrics/" + clinic).then().statusCode(401);
    }

    @Test
    void databasePerformanceShowsEachPoolAsItsServiceReportsIt() {
        String admin = Api.adminToken();
        String slug = Api.slug("pools");
        Api.createTenant(admin, slug);
        as(admin).get("/api/database/performance/" + slug).then().statusCode(200)
                .body("data.databases.invoicing.pool.open", is(true))
                .body("data.databases.invoicing.pool.max_connections", is(2))
                .body("data.databases.invoicing.schema_version", is("7"))
                .body("data.databases.branding.pool", nullValue())
                .body("warnings", hasItem(containsString("branding")));
    }

    private static void addMember(String admin, String slug, int userId, String role) {
        as(admin).body(Map.of("user_id", userId, "role", role)).post("/api/tenants/" + slug + "/users").then().statusCode(201);
    }

    private static void eventually(Runnable check) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(check::run);
    }
}
