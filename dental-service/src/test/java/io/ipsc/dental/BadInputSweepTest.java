package io.ipsc.dental;

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
 * Every operation of dental-service's OpenAPI document, fed bad input by a tenant's admin:
 * never a 5xx, every error in the envelope (design §4).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class BadInputSweepTest {

    private static final String TENANT = "dent-sweep-" + UUID.randomUUID().toString().substring(0, 6);
    private static final long ADMIN = 9071;

    @Test
    void everyOperationAnswersBadInputWithAClientErrorInTheEnvelope() {
        Snapshot tenant = TenantEventsPublisher.snapshot(TENANT, "dental_clinic").member(ADMIN, "admin");
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(tenant);
        }
        TenantEventsPublisher.awaitReport(TENANT, "dental", "PROVISIONED", tenant.version(), Duration.ofSeconds(60));

        // One of each, so that id 1 names a real patient, appointment, treatment and supply, and the
        // bad values in bodies travel past the lookups down to the rules and the database.
        Map<String, Object> patient = Map.of("first_name", "Sweep", "last_name", "Patient", "phone", "+91-9876543212",
                "email", "sweep@example.com", "date_of_birth", "1990-01-01");
        Map<String, Object> appointment = Map.of("patient_id", 1, "appointment_date", "2024-01-15T10:00:00",
                "treatment_type", "Regular Checkup", "notes", "Annual dental checkup");
        Map<String, Object> treatment = Map.of("patient_id", 1, "treatment_date", "2024-01-15T10:00:00",
                "treatment_type", "Root Canal", "cost", 5000, "notes", "Completed root canal treatment");
        Map<String, Object> supply = Map.of("name", "Nitrile gloves", "unit", "box", "opening_stock", 10, "reorder_level", 4);
        asAdmin().body(patient).post("/api/patients").then().statusCode(201).body("data.id", is(1));
        asAdmin().body(appointment).post("/api/appointments").then().statusCode(201).body("data.id", is(1));
        asAdmin().body(treatment).post("/api/treatments").then().statusCode(201).body("data.id", is(1));
        asAdmin().body(supply).post("/api/dental-supplies").then().statusCode(201).body("data.id", is(1));

        BadInputSweep sweep = BadInputSweep.create()
                .header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of()))
                .header("X-Tenant-ID", TENANT)
                .validBody("POST", "/api/patients", patient)
                .validBody("PUT", "/api/patients/{id}", patient)
                .validBody("POST", "/api/appointments", appointment)
                .validBody("PUT", "/api/appointments/{id}", appointment)
                .validBody("POST", "/api/treatments", treatment)
                .validBody("PUT", "/api/treatments/{id}", treatment)
                .validBody("POST", "/api/dental-supplies", supply)
                .validBody("POST", "/api/dental-supplies/{id}/receipts", Map.of("quantity", 20))
                .validBody("POST", "/api/dental-supplies/{id}/consumptions", Map.of("quantity", 1, "treatment_id", 1))
                .sweepOpenApi();
        System.out.println("Bad-input sweep of dental-service: " + sweep.summary());
        sweep.assertNoViolations();
    }

    private static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of()))
                .header("X-Tenant-ID", TENANT).contentType(ContentType.JSON);
    }
}
