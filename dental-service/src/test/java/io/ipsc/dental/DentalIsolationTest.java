package io.ipsc.dental;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** Another clinic's member can neither see nor change this clinic's records; a tenant without dental gets none of it. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class DentalIsolationTest {

    private static final long OUTSIDER = 9101;
    private static final long BUSINESS_ADMIN = 9201;
    private static final List<String> ROUTES = List.of("/api/patients", "/api/appointments", "/api/treatments",
            "/api/patients/1", "/api/appointments/1", "/api/treatments/1", "/api/patients/1/treatment-plan",
            "/api/appointments/availability?dentist_id=1&date=2024-01-15", "/api/dental-supplies", "/api/dental-supplies/low-stock",
            "/api/dental-supplies/1/movements");
    private static TenantEventsPublisher events;

    @BeforeAll
    static void open() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void aMemberOfAnotherClinicSeesAndChangesNothing() {
        TestClinic clinic = TestClinic.provision(events, "iso-own");
        TestClinic other = TestClinic.provision(events, "iso-other", OUTSIDER);
        long patient = clinic.createPatient("Private", "Person");
        long treatment = clinic.asAdmin().body(Map.of("patient_id", patient, "treatment_date", "2024-01-15T10:00:00",
                "treatment_type", "Extraction", "cost", 900)).post("/api/treatments").then().statusCode(201).extract().jsonPath().getLong("data.id");

        // Naming this clinic in the header: refused on every route and method.
        for (String route : ROUTES) {
            outsiderIn(clinic.slug()).get(route).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        }
        given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of(clinic.slug(), "admin")))
                .header("X-Tenant-ID", clinic.slug()).contentType("application/json")
                .body(Map.of("first_name", "Sneaky", "last_name", "Edit")).put("/api/patients/" + patient).then().statusCode(403);
        outsiderIn(clinic.slug()).post("/api/treatments/" + treatment + "/complete").then().statusCode(403);

        // In their own clinic, the same ids are someone else's rows or none at all.
        other.as(OUTSIDER).get("/api/patients").then().statusCode(200).body("data.total_items", is(0));
        other.as(OUTSIDER).get("/api/treatments/" + treatment).then().statusCode(404);
        other.as(OUTSIDER).post("/api/treatments/" + treatment + "/complete").then().statusCode(404);
        clinic.asAdmin().get("/api/treatments/" + treatment).then().statusCode(200).body("data.status", is("planned"));
        clinic.asAdmin().get("/api/patients/" + patient).then().statusCode(200).body("data.last_name", is("Person"));
    }

    @Test
    void aTenantWithoutDentalManagementIsRefusedOnEveryRoute() {
        Snapshot business = TenantEventsPublisher.snapshot("biz-" + UUID.randomUUID().toString().substring(0, 8), "business")
                .member(BUSINESS_ADMIN, "admin");
        events.publish(business);
        TestClinic asClinic = new TestClinic(business.slug());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (asClinic.as(BUSINESS_ADMIN).get("/api/patients").then().extract().statusCode() != 403 && System.nanoTime() < deadline) {
            sleep();
        }
        for (String route : ROUTES) {
            asClinic.as(BUSINESS_ADMIN).get(route).then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        }
        asClinic.as(BUSINESS_ADMIN).body(Map.of("first_name", "A", "last_name", "B")).post("/api/patients").then()
                .statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        asClinic.as(BUSINESS_ADMIN).post("/api/treatments/1/complete").then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
    }

    private static io.restassured.specification.RequestSpecification outsiderIn(String slug) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of())).header("X-Tenant-ID", slug);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
