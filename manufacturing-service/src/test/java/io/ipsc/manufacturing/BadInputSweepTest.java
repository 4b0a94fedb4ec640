package io.ipsc.manufacturing;

import io.ipsc.testsupport.BadInputSweep;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/**
 * Every operation of manufacturing-service's OpenAPI document, fed bad input by a tenant's admin:
 * never a 5xx, every error in the envelope (design §4).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class BadInputSweepTest {

    private static final String TENANT = "manu-sweep-" + UUID.randomUUID().toString().substring(0, 6);
    private static final long ADMIN = 9071;

    @Test
    void everyOperationAnswersBadInputWithAClientErrorInTheEnvelope() {
        Snapshot tenant = TenantEventsPublisher.snapshot(TENANT, "manufacturing").member(ADMIN, "admin");
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(tenant);
        }
        TenantEventsPublisher.awaitReport(TENANT, "manufacturing", "PROVISIONED", tenant.version(), Duration.ofSeconds(60));

        // The seed's work center, BOM and production order, so that id 1 names each of them and the
        // bad values in bodies travel past the lookups down to the rules and the database.
        Map<String, Object> workCenter = Map.of("name", "Assembly Line 1", "description", "Main assembly line",
                "capacity", 100, "efficiency", 0.95);
        Map<String, Object> bom = Map.of("bom_id", "BOM-001", "product_id", 1, "description", "Main Assembly BOM", "version", "1.0");
        Map<String, Object> order = Map.of("order_number", "PO-001", "bom_id", 1, "quantity", 100,
                "start_date", "2024-01-15", "due_date", "2024-01-20");
        asAdmin().body(workCenter).post("/api/work-centers").then().statusCode(201).body("data.id", is(1));
        asAdmin().body(bom).post("/api/boms").then().statusCode(201).body("data.id", is(1));
        asAdmin().body(order).post("/api/production-orders").then().statusCode(201).body("data.id", is(1));

        BadInputSweep sweep = BadInputSweep.create()
                .header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of()))
                .header("X-Tenant-ID", TENANT)
                .validBody("POST", "/api/work-centers", workCenter)
                .validBody("PUT", "/api/work-centers/{id}", workCenter)
                .validBody("POST", "/api/boms", bom)
                .validBody("POST", "/api/production-orders", order)
                .sweepOpenApi();
        System.out.println("Bad-input sweep of manufacturing-service: " + sweep.summary());
        sweep.assertNoViolations();
    }

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of()))
                .header("X-Tenant-ID", TENANT).contentType(ContentType.JSON);
    }
}
