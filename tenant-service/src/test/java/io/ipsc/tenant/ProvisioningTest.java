package io.ipsc.tenant;

import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static io.ipsc.tenant.Api.as;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** tenant-service follows the services' reports: provisioning until every needed service is ready, then active. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class ProvisioningTest {

    private static ServiceReports reports;

    @BeforeAll
    static void connect() {
        reports = new ServiceReports();
    }

    @AfterAll
    static void disconnect() {
        reports.close();
    }

    @Test
    void aTenantBecomesActiveOnceEveryServiceItNeedsIsReady() {
        String admin = Api.adminToken();
        String slug = Api.slug("ready");
        Api.createTenant(admin, slug);
        as(admin).get("/api/tenants/" + slug).then().statusCode(200)
                .body("data.status", is("provisioning"))
                .body("data.provisioning.keySet()", containsInAnyOrder("invoicing", "branding", "dental"))
                .body("data.provisioning.dental.status", is("pending"));

        report(slug, "invoicing", "PROVISIONED", 0);
        report(slug, "branding", "PROVISIONED", 0);
        eventually(() -> as(admin).get("/api/tenants/" + slug).then().body("data.provisioning.branding.status", is("provisioned")));
        as(admin).get("/api/tenants/" + slug).then().body("data.status", is("provisioning"));

        report(slug, "dental", "PROVISIONED", 0);
        eventually(() -> as(admin).get("/api/tenants/" + slug).then()
                .body("data.status", is("active"))
                .body("data.activated_at", notNullValue())
                .body("data.provisioning.dental.schema_version", is("1")));

        // Issue 21: the insert is the platform admin's, the activation the system's with the report that caused it.
        int id = as(admin).get("/api/tenants/" + slug).then().extract().path("data.id");
        var trail = as(admin).get("/api/audit?entity=tenant&id=" + id + "&size=100").then().statusCode(200).extract().jsonPath();
        assertEquals(Api.ADMIN_EMAIL, trail.getString("data.items.find { it.action == 'insert' }.email"));
        String activation = "data.items.find { it.action == 'update' && it.changes.any { c -> c.field == 'status' && c.new_value == 'active' } }";
        assertEquals("system", trail.getString(activation + ".actor"), trail.prettify());
        assertNull(trail.get(activation + ".email"));
        assertEquals(Topics.PROVISIONING, trail.getString(activation + ".source.topic"));
        assertNotNull(trail.get(activation + ".source.offset"));
    }

    @Test
    void aFailureIsVisibleAndARetryRepublishesTheSnapshot() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("failing");
        Api.createTenant(admin, slug);
        report(slug, "dental", "FAILED", 0, "disk full");
        eventually(() -> as(admin).get("/api/tenants/" + slug).then()
                .body("data.provisioning.dental.status", is("failed"))
                .body("data.provisioning.dental.detail", is("disk full"))
                .body("data.status", is("provisioning")));
        int version = as(admin).post("/api/tenants/" + slug + "/provisioning/retry").then().statusCode(200)
                .extract().path("data.version");
        try (TopicReader reader = new TopicReader(Topics.TENANTS)) {
            var records = reader.await(r -> slug.equals(r.key()) && r.value().contains("\"version\":" + version), 1, Duration.ofSeconds(30));
            assertFalse(records.isEmpty(), "the snapshot was published again with version " + version);
        }
        // A late report about an older snapshot does not overwrite a newer one.
        report(slug, "dental", "PROVISIONED", version);
        report(slug, "dental", "FAILED", 0, "stale");
        // A marker on the same key, so in the same partition after the stale report: once it shows, the stale one was handled.
        report(slug, "branding", "FAILED", version, "marker");
        eventually(() -> as(admin).get("/api/tenants/" + slug).then().body("data.provisioning.branding.detail", is("marker")));
        as(admin).get("/api/tenants/" + slug).then().body("data.provisioning.dental.status", is("provisioned"));
    }

    @Test
    void aBurstOfTenantsIsAppliedSideBySideEachTenantInItsOrder() {
        String admin = Api.adminToken();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String slug = Api.slug("burst" + i);
            Api.createTenant(admin, slug);
            slugs.add(slug);
        }
        // Everything at once, so that the batches the listener polls hold many tenants' reports. Each
        // tenant's dental report fails first and then succeeds: applied out of order, the tenant would
        // stay "failed" and never become active.
        for (String slug : slugs) {
            report(slug, "dental", "FAILED", 0, "first try");
            report(slug, "invoicing", "PROVISIONED", 0);
            report(slug, "branding", "PROVISIONED", 0);
            report(slug, "dental", "PROVISIONED", 0);
        }
        for (String slug : slugs) {
            eventually(() -> as(admin).get("/api/tenants/" + slug).then()
                    .body("data.status", is("active"))
                    .body("data.provisioning.dental.status", is("provisioned")));
        }
    }

    @Test
    void turningDentalOnForABusinessAsksForADentalDatabase() {
        String admin = Api.adminToken();
        String slug = Api.slug("biz");
        Map<String, Object> body = Api.dentalClinic(slug);
        body.put("organization_type", "business");
        as(admin).body(body).post("/api/tenants").then().statusCode(201);
        as(admin).get("/api/tenants/" + slug).then().body("data.provisioning.keySet()", not(hasItem("dental")));
        as(admin).body(Map.of("dental_management", true)).put("/api/tenants/" + slug + "/features").then().statusCode(200);
        as(admin).get("/api/tenants/" + slug).then().body("data.provisioning.dental.status", is("pending"));
        as(admin).get("/api/tenants/" + slug + "/config").then().body("data.databases.dental", notNullValue());
    }

    private static void report(String slug, String service, String status, long version) {
        report(slug, service, status, version, null);
    }

    private static void report(String slug, String service, String status, long version, String detail) {
        reports.send(slug, service, status, version, detail);
    }

    private static void eventually(Runnable check) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(check::run);
    }
}
