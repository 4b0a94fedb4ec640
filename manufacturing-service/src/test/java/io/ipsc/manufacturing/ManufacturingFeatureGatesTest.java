package io.ipsc.manufacturing;

import io.ipsc.tenancy.TenantSlug;
import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The module's feature is enforced here as at the gateway, for the endpoint matched rather than the
 * path as spelt: with manufacturing_management switched off, a direct call with a member's or a
 * platform admin's token is refused on every family and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class ManufacturingFeatureGatesTest {

    private static final long ADMIN = 81;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Quarkus removes the dot segments before matching: this is POST /api/work-centers. */
    private static final String DOT_SEGMENT_WORK_CENTERS = "/api/boms/%2e%2e/work-centers";
    private static final Map<String, Object> WORK_CENTER = Map.of("name", "Smuggled lathe", "capacity", 8, "efficiency", 1, "hourly_cost", 100);

    @Test
    void switchedOffTheModuleRefusesEveryFamilyAndNothingIsWritten() throws Exception {
        Snapshot tenant = TenantEventsPublisher.snapshot("mfg-off-" + UUID.randomUUID().toString().substring(0, 8), "manufacturing")
                .member(ADMIN, "admin");
        String slug = tenant.slug();
        Supplier<RequestSpecification> member = () -> given().header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of()))
                .header("X-Tenant-ID", slug).contentType(ContentType.JSON).urlEncodingEnabled(false);
        Supplier<RequestSpecification> platformAdmin = () -> given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin())
                .header("X-Tenant-ID", slug).contentType(ContentType.JSON).urlEncodingEnabled(false);
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            publish(events, tenant);
            long bom = member.get().body(Map.of("bom_id", "GATE-1", "product_id", 50_100, "version", "1.0")).post("/api/boms").then()
                    .statusCode(201).extract().jsonPath().getLong("data.id");
            long workCenter = member.get().body(Map.of("name", "Press", "capacity", 8, "efficiency", 1, "hourly_cost", 300))
                    .post("/api/work-centers").then().statusCode(201).extract().jsonPath().getLong("data.id");

            events.publish(tenant.feature(Features.MANUFACTURING_MANAGEMENT, false));
            // Manufacturing sends no report for a tenant it no longer serves: wait for the snapshot instead.
            await().atMost(WAIT).untilAsserted(() -> member.get().get("/api/boms").then().statusCode(403));
            String before = contents(slug);

            String refusal = "The manufacturing module is not enabled for tenant '" + slug + "' (feature manufacturing_management)";
            for (Supplier<RequestSpecification> caller : List.of(member, platformAdmin)) {
                for (ValidatableResponse refused : everyFamily(caller, bom, workCenter)) {
                    refused.statusCode(403).body("success", is(false)).body("error.code", is("FEATURE_DISABLED")).body("message", is(refusal));
                }
            }
            assertEquals(before, contents(slug));
            try (TopicReader security = new TopicReader(Topics.SECURITY)) {
                assertFalse(security.await(r -> r.value().contains("\"tenant\":\"" + slug + "\"") && r.value().contains("\"kind\":\"FEATURE_REFUSED\"")
                        && r.value().contains("\"service\":\"manufacturing-service\""), 1, WAIT).isEmpty());
            }

            publish(events, tenant.feature(Features.MANUFACTURING_MANAGEMENT, true));
            // Switched on again, the data kept is served, and the same spelling reaches the work centers: the refusal above was the gate's.
            platformAdmin.get().get("/api/boms/" + bom).then().statusCode(200).body("data.bom_id", is("GATE-1"));
            member.get().body(WORK_CENTER).post(DOT_SEGMENT_WORK_CENTERS).then().statusCode(201).body("data.name", is("Smuggled lathe"));
        }
    }

    /** A read and a change in every family of the module, and the dot-segment spelling, each called once by {@code caller}. */
    private static List<ValidatableResponse> everyFamily(Supplier<RequestSpecification> caller, long bom, long workCenter) {
        return List.of(
                caller.get().get("/api/boms").then(),
                caller.get().body(Map.of("bom_id", "GATE-2", "product_id", 50_101, "version", "1.0")).post("/api/boms").then(),
                caller.get().body(Map.of("product_id", 50_102, "quantity_per_unit", 2)).post("/api/boms/" + bom + "/components").then(),
                caller.get().get("/api/work-centers/" + workCenter + "/load").then(),
                caller.get().body(WORK_CENTER).post("/api/work-centers").then(),
                caller.get().delete("/api/work-centers/" + workCenter).then(),
                caller.get().get("/api/production-orders").then(),
                caller.get().body(Map.of("order_number", "PO-GATE", "bom_id", bom, "quantity", 1, "start_date", "2024-07-01",
                        "due_date", "2024-07-10")).post("/api/production-orders").then(),
                caller.get().get("/api/production-orders/1/inspections").then(),
                caller.get().body(Map.of("sample_size", 10, "passed", 10, "failed", 0)).post("/api/production-orders/1/inspections").then(),
                caller.get().get("/api/usage").then(),
                caller.get().get("/api/tenant-database").then(),
                caller.get().body(WORK_CENTER).post(DOT_SEGMENT_WORK_CENTERS).then());
    }

    /** Every table's row count, and the work centers' names, to compare before and after. */
    private static String contents(String slug) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(TenantSlug.databaseName("tenant_", slug, "manufacturing")),
                "postgres", "postgres");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM boms) || '/' || (SELECT count(*) FROM bom_components) || '/' "
                     + "|| (SELECT count(*) FROM production_orders) || '/' || (SELECT count(*) FROM inspections) || '/' "
                     + "|| (SELECT string_agg(name, ',' ORDER BY id) FROM work_centers)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void publish(TenantEventsPublisher events, Snapshot snapshot) {
        events.publish(snapshot);
        TenantEventsPublisher.awaitReport(snapshot.slug(), "manufacturing", "PROVISIONED", snapshot.version(), WAIT);
    }
}
