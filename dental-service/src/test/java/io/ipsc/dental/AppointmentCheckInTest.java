package io.ipsc.dental;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** The front desk's check-in: once, with its time; never for a cancelled appointment; never across clinics. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class AppointmentCheckInTest {

    private static final long OUTSIDER = 9301;
    private static TenantEventsPublisher events;
    private static TestClinic clinic;

    @BeforeAll
    static void provision() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
        clinic = TestClinic.provision(events, "check-in");
    }

    @AfterAll
    static void close() {
        events.close();
    }

    private static long book(String at) {
        long patient = clinic.createPatient("Desk", "Patient" + at.replaceAll("\\D", ""));
        return clinic.asAdmin().body(Map.of("patient_id", patient, "appointment_date", at, "treatment_type", "Check-up",
                        "dentist_id", TestClinic.DENTIST))
                .post("/api/appointments").then().statusCode(201).body("data.checked_in_at", nullValue())
                .extract().jsonPath().getLong("data.id");
    }

    @Test
    void aPatientIsCheckedInOnceWithTheTimeAndASecondCheckInIsRefused() {
        long id = book("2025-02-03T10:00:00");
        String at = clinic.as(TestClinic.DENTIST).post("/api/appointments/" + id + "/check-in").then().statusCode(200)
                .body("success", is(true)).body("data.status", is("checked_in"))
                .body("data.checked_in_at", endsWith("+05:30"))
                .extract().jsonPath().getString("data.checked_in_at");
        clinic.asAdmin().get("/api/appointments/" + id).then().statusCode(200)
                .body("data.status", is("checked_in")).body("data.checked_in_at", is(at));

        clinic.asAdmin().post("/api/appointments/" + id + "/check-in").then().statusCode(409)
                .body("success", is(false)).body("data", nullValue())
                .body("error.code", is("ILLEGAL_STATE"))
                .body("message", is("Appointment " + id + " was checked in already at " + at));
        // The refusal changed nothing: the first time stands.
        clinic.asAdmin().get("/api/appointments/" + id).then().body("data.checked_in_at", is(at));
    }

    @Test
    void aCancelledAppointmentCannotBeCheckedIn() {
        long id = book("2025-02-03T11:00:00");
        clinic.asAdmin().delete("/api/appointments/" + id).then().statusCode(200);
        clinic.asAdmin().post("/api/appointments/" + id + "/check-in").then().statusCode(409)
                .body("error.code", is("ILLEGAL_STATE"))
                .body("message", containsString("is cancelled: it cannot be checked in"));
        clinic.asAdmin().get("/api/appointments/" + id).then().body("data.status", is("cancelled")).body("data.checked_in_at", nullValue());
    }

    @Test
    void unknownAppointmentsAndViewersAreRefused() {
        clinic.asAdmin().post("/api/appointments/987654/check-in").then().statusCode(404).body("success", is(false));
        long id = book("2025-02-03T12:00:00");
        clinic.as(TestClinic.VIEWER).post("/api/appointments/" + id + "/check-in").then().statusCode(403)
                .body("error.code", is("INSUFFICIENT_ROLE"));
        clinic.asAdmin().get("/api/appointments/" + id).then().body("data.status", is("scheduled"));
    }

    @Test
    void anotherClinicsTokenOrAForgedTenantHeaderChecksNobodyIn() {
        TestClinic other = TestClinic.provision(events, "check-in-other", OUTSIDER);
        long id = book("2025-02-03T13:00:00");
        // A member of another clinic naming this one.
        given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of())).header("X-Tenant-ID", clinic.slug())
                .post("/api/appointments/" + id + "/check-in").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        // A token claiming a role here that the tenant's own membership does not grant.
        given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of(clinic.slug(), "admin")))
                .header("X-Tenant-ID", clinic.slug())
                .post("/api/appointments/" + id + "/check-in").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        // Its own clinic's header reaches its own database, where there is no such appointment.
        other.as(OUTSIDER).post("/api/appointments/" + id + "/check-in").then().statusCode(404);
        clinic.asAdmin().get("/api/appointments/" + id).then().body("data.status", is("scheduled")).body("data.checked_in_at", nullValue());
    }
}
