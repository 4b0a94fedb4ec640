package io.ipsc.dental;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.MetricsScrape;
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

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            "/api/dental-supplies/1/movements", "/api/appointments/settings");
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
        await().atMost(Duration.ofSeconds(60)).until(() -> asClinic.as(BUSINESS_ADMIN).get("/api/patients").then().extract().statusCode() == 403);
        for (String route : ROUTES) {
            asClinic.as(BUSINESS_ADMIN).get(route).then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        }
        asClinic.as(BUSINESS_ADMIN).body(Map.of("first_name", "A", "last_name", "B")).post("/api/patients").then()
                .statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        asClinic.as(BUSINESS_ADMIN).post("/api/treatments/1/complete").then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
    }

    @Test
    void usageCountsTheClinicsOwnPatientsAndThisMonthsWorkForItsAdminsOnly() {
        TestClinic clinic = TestClinic.provision(events, "usage");
        TestClinic other = TestClinic.provision(events, "usage-other", OUTSIDER);
        long anu = clinic.createPatient("Anu", "Usage");
        long bala = clinic.createPatient("Bala", "Usage");
        long gone = clinic.createPatient("Gone", "Usage");
        clinic.asAdmin().delete("/api/patients/" + gone).then().statusCode(200);
        // Two bookings made this month for visits in 2024; cancelling one does not unmake the booking.
        clinic.asAdmin().body(Map.of("patient_id", anu, "appointment_date", "2024-03-04T10:00:00", "treatment_type", "Check-up"))
                .post("/api/appointments").then().statusCode(201);
        long cancelled = clinic.asAdmin().body(Map.of("patient_id", bala, "appointment_date", "2024-03-04T11:00:00", "treatment_type", "Cleaning"))
                .post("/api/appointments").then().statusCode(201).extract().jsonPath().getLong("data.id");
        clinic.asAdmin().delete("/api/appointments/" + cancelled).then().statusCode(200);
        // Treatments count when completed: one planned (not counted), one completed later, one recorded as completed.
        clinic.asAdmin().body(Map.of("patient_id", anu, "treatment_date", "2024-03-04T10:00:00", "treatment_type", "Crown", "cost", 9000))
                .post("/api/treatments").then().statusCode(201);
        long filling = clinic.asAdmin().body(Map.of("patient_id", anu, "treatment_date", "2024-03-04T10:10:00", "treatment_type", "Filling",
                "cost", 1200)).post("/api/treatments").then().statusCode(201).extract().jsonPath().getLong("data.id");
        clinic.asAdmin().post("/api/treatments/" + filling + "/complete").then().statusCode(200);
        clinic.asAdmin().body(Map.of("patient_id", bala, "treatment_date", "2024-03-04T11:00:00", "treatment_type", "Scaling", "cost", 800,
                "status", "completed")).post("/api/treatments").then().statusCode(201);

        String month = YearMonth.now(ZoneId.of("Asia/Kolkata")).toString();
        clinic.asAdmin().get("/api/usage").then().statusCode(200)
                .body("success", is(true))
                .body("data.patients", is(2)).body("data.appointments_this_month", is(2)).body("data.treatments_this_month", is(2))
                .body("data.transactions_this_month", is(4)).body("data.month", is(month))
                .body("data", aMapWithSize(5));
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", clinic.slug())
                .get("/api/usage").then().statusCode(200).body("data.patients", is(2));

        clinic.as(TestClinic.DENTIST).get("/api/usage").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        clinic.as(TestClinic.VIEWER).get("/api/usage").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        // Another clinic's admin naming this clinic is refused and sees no figures; an admin of both clinics
        // sees each clinic's own, and a token's claim to a membership the clinic does not have counts for nothing.
        outsiderIn(clinic.slug()).get("/api/usage").then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
        given().header("Authorization", "Bearer " + TestTokens.get().member(TestClinic.ADMIN, Map.of())).header("X-Tenant-ID", other.slug())
                .get("/api/usage").then().statusCode(200).body("data.patients", is(0));
        given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of(clinic.slug(), "admin")))
                .header("X-Tenant-ID", clinic.slug()).get("/api/usage").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        other.as(OUTSIDER).get("/api/usage").then().statusCode(200).body("data.patients", is(0)).body("data.transactions_this_month", is(0));
    }

    @Test
    void metricsCarryTheClinicOnRequestAndBusinessCounters() {
        TestClinic clinic = TestClinic.provision(events, "metrics");
        long patient = clinic.createPatient("Metric", "Patient");
        clinic.asAdmin().body(Map.of("patient_id", patient, "appointment_date", "2024-04-01T09:00:00", "treatment_type", "Check-up"))
                .post("/api/appointments").then().statusCode(201);
        long treatment = clinic.asAdmin().body(Map.of("patient_id", patient, "treatment_date", "2024-04-01T09:00:00",
                "treatment_type", "Filling", "cost", 1500)).post("/api/treatments").then().statusCode(201).extract().jsonPath().getLong("data.id");
        clinic.asAdmin().post("/api/treatments/" + treatment + "/complete").then().statusCode(200);
        // Completing again bills nothing, so it counts no second completion.
        clinic.asAdmin().post("/api/treatments/" + treatment + "/complete").then().statusCode(200);
        outsiderIn(clinic.slug()).get("/api/patients").then().statusCode(403);

        String scrape = MetricsScrape.scrape();
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_appointments_booked_total", "tenant", clinic.slug()));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_treatments_completed_total", "tenant", clinic.slug()));
        // patient, appointment, treatment, two completions
        assertEquals(5.0, MetricsScrape.value(scrape, "ipsc_requests_total", "tenant", clinic.slug(), "service", "dental-service", "method", "POST",
                "status", "2xx"));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_requests_total", "tenant", clinic.slug(), "method", "GET", "status", "4xx"));
        assertEquals(1.0, MetricsScrape.value(scrape, "ipsc_provisioning_outcomes_total", "tenant", clinic.slug(), "service", "dental",
                "outcome", "PROVISIONED"));
        assertTrue(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds")).noneMatch(l -> l.contains("tenant=")));
    }


    private static io.restassured.specification.RequestSpecification outsiderIn(String slug) {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of())).header("X-Tenant-ID", slug);
    }

}
