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

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** The clinic's hours through the API: read by every member, set by its admins, checked field by field. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class ClinicSettingsResourceTest {

    private static final long OUTSIDER = 9401;
    private static final String SETTINGS = "/api/appointments/settings";
    private static TenantEventsPublisher events;
    private static TestClinic clinic;

    @BeforeAll
    static void provision() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
        clinic = TestClinic.provision(events, "clinic-hours");
    }

    @AfterAll
    static void close() {
        events.close();
    }

    private static Map<String, Object> hours(String zone, String opens, String closes, List<String> closedDays) {
        return Map.of("time_zone", zone, "clinic_opens", opens, "clinic_closes", closes, "clinic_closed_days", closedDays);
    }

    @Test
    void anAdminSetsTheHoursAndAvailabilityFollowsThem() {
        TestClinic fresh = TestClinic.provision(events, "clinic-hours-set");
        fresh.as(TestClinic.VIEWER).get(SETTINGS).then().statusCode(200).body("success", is(true))
                .body("data.time_zone", is("Asia/Kolkata")).body("data.clinic_opens", is("09:00"))
                .body("data.clinic_closes", is("18:00")).body("data.clinic_closed_days", empty());

        fresh.asAdmin().body(hours("Asia/Dubai", "10:00", "13:00", List.of("Sun", "saturday"))).put(SETTINGS).then().statusCode(200)
                .body("message", is("Clinic settings saved"))
                .body("data.time_zone", is("Asia/Dubai")).body("data.clinic_opens", is("10:00")).body("data.clinic_closes", is("13:00"))
                .body("data.clinic_closed_days", contains("saturday", "sunday"));
        fresh.as(TestClinic.DENTIST).get(SETTINGS).then().statusCode(200).body("data.clinic_closed_days", contains("saturday", "sunday"));

        // Availability uses them: six half hours from 10:00 Dubai time (+04:00); Saturday 15 June 2030 is closed.
        fresh.asAdmin().queryParam("dentist_id", TestClinic.DENTIST).queryParam("date", "2030-06-14").get("/api/appointments/availability")
                .then().statusCode(200).body("data.free_slots.size()", is(6))
                .body("data.free_slots[0].start", is("2030-06-14T10:00:00+04:00"));
        fresh.asAdmin().queryParam("dentist_id", TestClinic.DENTIST).queryParam("date", "2030-06-15").get("/api/appointments/availability")
                .then().statusCode(200).body("data.days[0].closed", is(true)).body("data.free_slots", empty());

        // Every field is replaced: no closed day any more.
        fresh.asAdmin().body(hours("Asia/Kolkata", "08:30", "20:00", List.of())).put(SETTINGS).then().statusCode(200)
                .body("data.clinic_closed_days", empty()).body("data.clinic_opens", is("08:30"));
    }

    @Test
    void eachWrongFieldIsNamedInA400() {
        clinic.asAdmin().body(hours("Mars/Olympus", "9am", "25:00", List.of("funday"))).put(SETTINGS).then().statusCode(400)
                .body("success", is(false)).body("data", nullValue()).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", containsInAnyOrder("time_zone", "clinic_opens", "clinic_closes", "clinic_closed_days"));
        clinic.asAdmin().body(hours("Asia/Kolkata", "18:00", "09:00", List.of())).put(SETTINGS).then().statusCode(400)
                .body("error.details.field", contains("clinic_closes")).body("message", containsString("after clinic_opens"));
        clinic.asAdmin().body(hours("Asia/Kolkata", "09:00", "09:00", List.of())).put(SETTINGS).then().statusCode(400)
                .body("error.details.field", contains("clinic_closes"));
        // An offset is not a zone: the clinic's clock changes with the zone's rules.
        clinic.asAdmin().body(hours("+05:30", "09:00", "18:00", List.of())).put(SETTINGS).then().statusCode(400)
                .body("error.details.field", contains("time_zone"));
        clinic.asAdmin().body(Map.of("clinic_opens", "09:00")).put(SETTINGS).then().statusCode(400)
                .body("error.details.field", containsInAnyOrder("time_zone", "clinic_closes"));
        clinic.asAdmin().body("not json").put(SETTINGS).then().statusCode(400).body("success", is(false));
        // Nothing was written by the refusals.
        clinic.asAdmin().get(SETTINGS).then().statusCode(200).body("data.clinic_opens", is("09:00")).body("data.time_zone", is("Asia/Kolkata"));
    }

    @Test
    void onlyAdminsChangeTheHours() {
        Map<String, Object> body = hours("Asia/Kolkata", "07:00", "12:00", List.of("sun"));
        for (long member : List.of(TestClinic.VIEWER, TestClinic.DENTIST)) {
            clinic.as(member).body(body).put(SETTINGS).then().statusCode(403).body("success", is(false))
                    .body("error.code", is("INSUFFICIENT_ROLE")).body("message", containsString("'admin'"));
        }
        clinic.asAdmin().get(SETTINGS).then().statusCode(200).body("data.clinic_opens", is("09:00"));
    }

    @Test
    void anotherClinicsMemberAndAForgedTenantAreRefused() {
        TestClinic other = TestClinic.provision(events, "clinic-hours-other", OUTSIDER);
        Map<String, Object> body = hours("Asia/Kolkata", "06:00", "07:00", List.of());
        given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of()))
                .header("X-Tenant-ID", clinic.slug()).get(SETTINGS).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"))
                .body("data", nullValue());
        // A token claiming admin of this clinic is not membership: the tenant's members decide.
        given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of(clinic.slug(), "admin")))
                .header("X-Tenant-ID", clinic.slug()).contentType("application/json").body(body).put(SETTINGS).then()
                .statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        // The outsider's own clinic changes; this one does not.
        other.as(OUTSIDER).body(body).put(SETTINGS).then().statusCode(200).body("data.clinic_opens", is("06:00"));
        clinic.asAdmin().get(SETTINGS).then().statusCode(200).body("data.clinic_opens", is("09:00"));
    }
}
