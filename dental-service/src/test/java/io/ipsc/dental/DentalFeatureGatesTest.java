package io.ipsc.dental;

import io.ipsc.tenancy.event.Features;
import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

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
 * The features the gateway gates are enforced here too, for the endpoint matched rather than the
 * path as spelt: called directly, with a member's or a platform admin's token, dental-supplies needs
 * inventory_management and every dental route needs dental_management.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class DentalFeatureGatesTest {

    private static final long BUSINESS_ADMIN = 9301;
    /** The attack as it reached the service behind the gateway: Quarkus removes the dot segments before matching. */
    private static final String DOT_SEGMENT_SUPPLIES = "/api/patients/%2e%2e/dental-supplies";
    private static final Map<String, Object> NEW_SUPPLY = Map.of("name", "Smuggled gloves", "unit", "box", "opening_stock", 5, "reorder_level", 1);

    @Test
    void withoutInventoryManagementEverySupplyRouteIsRefusedAndNothingIsWritten() {
        Snapshot snapshot = TestClinic.snapshot("no-stock");
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            TestClinic clinic = TestClinic.publish(events, snapshot);
            long gloves = clinic.asAdmin().body(Map.of("name", "Gloves", "unit", "box", "opening_stock", 10, "reorder_level", 2))
                    .post("/api/dental-supplies").then().statusCode(201).extract().jsonPath().getLong("data.id");
            TestClinic.publish(events, snapshot.feature(Features.INVENTORY_MANAGEMENT, false));
            refusedWithoutInventoryManagement(clinic, gloves);
            TestClinic.publish(events, snapshot.feature(Features.INVENTORY_MANAGEMENT, true));
            // With the feature on, the same spelling reaches the supplies endpoint: the refusal before was the gate's.
            clinic.asAdmin().urlEncodingEnabled(false).body(NEW_SUPPLY).post(DOT_SEGMENT_SUPPLIES).then()
                    .statusCode(201).body("data.name", is("Smuggled gloves"));
            clinic.asPlatformAdmin().get("/api/dental-supplies/" + gloves).then().statusCode(200).body("data.stock", is(10.0f));
            assertEquals("2", clinic.scalar("SELECT count(*) FROM dental_supplies"));
        }
    }

    private static void refusedWithoutInventoryManagement(TestClinic clinic, long gloves) {
        String before = supplies(clinic);

        String refusal = "The dental-supplies part of the dental module is not enabled for tenant '" + clinic.slug()
                + "' (feature inventory_management)";
        for (Supplier<RequestSpecification> caller : List.<Supplier<RequestSpecification>>of(clinic::asAdmin, clinic::asPlatformAdmin)) {
            for (ValidatableResponse refused : supplyRoutes(caller, gloves)) {
                refused.statusCode(403).body("success", is(false)).body("error.code", is("FEATURE_DISABLED")).body("message", is(refusal));
            }
            caller.get().urlEncodingEnabled(false).body(NEW_SUPPLY).post(DOT_SEGMENT_SUPPLIES).then()
                    .statusCode(403).body("error.code", is("FEATURE_DISABLED")).body("message", is(refusal));
        }
        assertEquals(before, supplies(clinic));
        // The rest of the module is untouched by this feature.
        clinic.asAdmin().get("/api/patients").then().statusCode(200);
        assertRecordedAsFeatureRefused(clinic.slug());
    }

    @Test
    void withoutDentalManagementAPlatformAdminIsRefusedOnEveryFamilyToo() {
        Snapshot business = TenantEventsPublisher.snapshot("biz-" + UUID.randomUUID().toString().substring(0, 8), "business")
                .member(BUSINESS_ADMIN, "admin");
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(business);
        }
        String refusal = "The dental module is not enabled for tenant '" + business.slug() + "' (feature dental_management)";
        Supplier<RequestSpecification> platformAdmin = () -> given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin())
                .header("X-Tenant-ID", business.slug()).contentType("application/json");
        // Dental sends no report for a tenant it does not serve: wait for the snapshot to arrive instead.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> platformAdmin.get().get("/api/patients").then().statusCode(403));
        for (String route : List.of("/api/patients", "/api/appointments", "/api/treatments", "/api/patients/1/treatment-plan",
                "/api/dental-supplies", "/api/usage", "/api/tenant-database")) {
            platformAdmin.get().get(route).then().statusCode(403).body("error.code", is("FEATURE_DISABLED")).body("message", is(refusal));
        }
        platformAdmin.get().body(Map.of("first_name", "A", "last_name", "B")).post("/api/patients").then()
                .statusCode(403).body("error.code", is("FEATURE_DISABLED")).body("message", is(refusal));
        platformAdmin.get().urlEncodingEnabled(false).body(NEW_SUPPLY).post(DOT_SEGMENT_SUPPLIES).then()
                .statusCode(403).body("error.code", is("FEATURE_DISABLED")).body("message", is(refusal));
    }

    /** Every supply endpoint, each called once by {@code caller}. */
    private static List<ValidatableResponse> supplyRoutes(Supplier<RequestSpecification> caller, long id) {
        String one = "/api/dental-supplies/" + id;
        return List.of(
                caller.get().get("/api/dental-supplies").then(),
                caller.get().get("/api/dental-supplies/low-stock").then(),
                caller.get().get(one).then(),
                caller.get().get(one + "/movements").then(),
                caller.get().body(NEW_SUPPLY).post("/api/dental-supplies").then(),
                caller.get().body(Map.of("name", "Renamed", "unit", "box", "reorder_level", 0)).put(one).then(),
                caller.get().delete(one).then(),
                caller.get().body(Map.of("quantity", 3)).post(one + "/receipts").then(),
                caller.get().body(Map.of("quantity", 3)).post(one + "/consumptions").then());
    }

    /** Everything about the clinic's supplies and their movements, to compare before and after. */
    private static String supplies(TestClinic clinic) {
        return clinic.scalar("SELECT (SELECT string_agg(id || ':' || name || ':' || stock || ':' || reorder_level || ':' || (archived_at IS NULL), ',' ORDER BY id) "
                + "FROM dental_supplies) || '/' || (SELECT count(*) FROM supply_movements)");
    }

    private static void assertRecordedAsFeatureRefused(String slug) {
        try (TopicReader security = new TopicReader(Topics.SECURITY)) {
            assertFalse(security.await(r -> r.value().contains("\"tenant\":\"" + slug + "\"") && r.value().contains("\"kind\":\"FEATURE_REFUSED\"")
                    && r.value().contains("\"service\":\"dental-service\""), 1, Duration.ofSeconds(30)).isEmpty());
        }
    }
}
