package io.ipsc.dental;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A dentist's free slots over a date range in one answer: the calendar's week view asks for a week at once. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class AvailabilityRangeTest {

    private static final long OUTSIDER = 9301;
    private static TenantEventsPublisher events;
    private static TestClinic clinic;

    @Inject
    SettableClock clock;

    @BeforeAll
    static void provision() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
        clinic = TestClinic.provision(events, "avail-range");
        // Closed on Sundays.
        clinic.execute("INSERT INTO module_settings (key, value) VALUES ('clinic_closed_days', 'sunday')");
    }

    @AfterAll
    static void close() {
        events.close();
    }

    private static void book(long patient, String at, long dentist, int minutes) {
        clinic.asAdmin().body(Map.of("patient_id", patient, "appointment_date", at, "treatment_type", "Checkup",
                "dentist_id", dentist, "duration_minutes", minutes)).post("/api/appointments").then().statusCode(201);
    }

    @Test
    void aWeekGivesEachDaysFreeSlotsLeavingOutBookingsAndTheClosedDay() {
        long a = clinic.createPatient("Hema", "Week");
        long b = clinic.createPatient("Imran", "Week");
        // Monday 10 June 2024 to Sunday 16 June: bookings on Monday, Wednesday and Friday; another dentist's on Tuesday.
        book(a, "2024-06-10T10:00:00", TestClinic.DENTIST, 30);
        book(a, "2024-06-12T09:00:00", TestClinic.DENTIST, 90);
        book(b, "2024-06-14T17:30:00", TestClinic.DENTIST, 30);
        book(b, "2024-06-11T11:00:00", TestClinic.SECOND_DENTIST, 60);

        JsonPath week = clinic.asAdmin().queryParam("dentist_id", TestClinic.DENTIST).queryParam("from", "2024-06-10")
                .queryParam("to", "2024-06-16").get("/api/appointments/availability").then().statusCode(200)
                .body("success", is(true))
                .body("data.from", is("2024-06-10")).body("data.to", is("2024-06-16"))
                .body("data.days.date", contains("2024-06-10", "2024-06-11", "2024-06-12", "2024-06-13", "2024-06-14",
                        "2024-06-15", "2024-06-16"))
                .body("data.days[0].free_slots.start", not(hasItem("2024-06-10T10:00:00+05:30")))
                .body("data.days[0].free_slots.start", hasItem("2024-06-10T10:30:00+05:30"))
                .body("data.days[2].free_slots[0].start", is("2024-06-12T10:30:00+05:30"))
                .body("data.days[4].free_slots.start", not(hasItem("2024-06-14T17:30:00+05:30")))
                .body("data.days[6].closed", is(true))
                .body("data.days[6].free_slots", empty())
                .extract().jsonPath();
        // 09:00–18:00 is 18 half hours: one taken Monday, three Wednesday, one Friday, none Tuesday (another dentist's),
        // Thursday and Saturday; Sunday closed.
        List<Integer> counts = List.of(17, 18, 15, 18, 17, 18, 0);
        for (int i = 0; i < counts.size(); i++) {
            assertEquals(counts.get(i), week.getList("data.days[" + i + "].free_slots").size(), "day " + i);
            assertEquals(i == 6, week.getBoolean("data.days[" + i + "].closed"), "day " + i);
        }
        assertEquals(counts.stream().mapToInt(Integer::intValue).sum(), week.getList("data.free_slots").size());

        // The single day as the seed guide asks for it answers as it always did, with its day in days.
        clinic.asAdmin().queryParam("dentist_id", TestClinic.DENTIST).queryParam("date", "2024-06-12")
                .get("/api/appointments/availability").then().statusCode(200)
                .body("data.date", is("2024-06-12")).body("data.free_slots.size()", is(15))
                .body("data.days.size()", is(1)).body("data.days[0].closed", is(false));
        clinic.asAdmin().queryParam("dentist_id", TestClinic.DENTIST).queryParam("date", "2024-06-16")
                .get("/api/appointments/availability").then().statusCode(200)
                .body("data.free_slots", empty()).body("data.days[0].closed", is(true));

        // The appointments name their patient, so a calendar needs no patient list.
        clinic.asAdmin().queryParam("from", "2024-06-10").queryParam("to", "2024-06-16").queryParam("dentist_id", TestClinic.DENTIST)
                .get("/api/appointments").then().statusCode(200)
                .body("data.items.patient_name", contains("Hema Week", "Hema Week", "Imran Week"));
    }

    @AfterEach
    void wallClockBack() {
        clock.reset();
    }

    @Test
    void slotsThatStartBeforeNowAreNoLongerOfferedButAPastTimeCanStillBeBooked() {
        // Now: Thursday 20 June 2024, 11:10 in the clinic (Asia/Kolkata).
        clock.set(Instant.parse("2024-06-20T11:10:00+05:30"));
        String dentist = String.valueOf(TestClinic.DENTIST);
        // Today: 11:00 has begun, so the half-hour grid from 09:00 offers 11:30 first, up to 17:30: 13 slots.
        clinic.asAdmin().queryParam("dentist_id", dentist).queryParam("date", "2024-06-20")
                .get("/api/appointments/availability").then().statusCode(200)
                .body("data.free_slots[0].start", is("2024-06-20T11:30:00+05:30"))
                .body("data.free_slots.size()", is(13))
                .body("message", is("13 free slot(s)"));
        // Yesterday: nothing left to offer.
        clinic.asAdmin().queryParam("dentist_id", dentist).queryParam("date", "2024-06-19")
                .get("/api/appointments/availability").then().statusCode(200)
                .body("data.free_slots", empty()).body("data.days[0].closed", is(false));
        // The week: Monday to Wednesday gone, Thursday trimmed, Friday and Saturday whole, Sunday closed.
        JsonPath week = clinic.asAdmin().queryParam("dentist_id", dentist).queryParam("from", "2024-06-17").queryParam("to", "2024-06-23")
                .get("/api/appointments/availability").then().statusCode(200).extract().jsonPath();
        List<Integer> counts = List.of(0, 0, 0, 13, 18, 18, 0);
        for (int i = 0; i < counts.size(); i++) {
            assertEquals(counts.get(i), week.getList("data.days[" + i + "].free_slots").size(), "day " + i);
        }
        assertEquals("2024-06-20T11:30:00+05:30", week.getString("data.free_slots[0].start"));
        // A visit this morning is still recorded: only the offer changed.
        long patient = clinic.createPatient("Kavya", "Earlier");
        book(patient, "2024-06-20T09:30:00", TestClinic.DENTIST, 30);
    }

    @Test
    void aMonthIsTheLongestRange() {
        clinic.asAdmin().queryParam("dentist_id", TestClinic.SECOND_DENTIST).queryParam("from", "2024-07-01").queryParam("to", "2024-07-31")
                .get("/api/appointments/availability").then().statusCode(200).body("data.days.size()", is(31));
    }

    @Test
    void badRangesAreRefusedInTheEnvelope() {
        expectRange(Map.of("from", "2024-06-16", "to", "2024-06-10"), "to", "before from");
        expectRange(Map.of("from", "2024-07-01", "to", "2024-08-01"), "to", "at most 31 days");
        expectRange(Map.of("from", "2024-07-01"), "to", "to is missing");
        expectRange(Map.of("to", "2024-07-01"), "from", "from is missing");
        expectRange(Map.of("date", "2024-07-01", "from", "2024-07-01", "to", "2024-07-02"), "date", "not both");
        clinic.asAdmin().queryParam("dentist_id", TestClinic.DENTIST).queryParam("from", "2024-02-30").queryParam("to", "2024-03-02")
                .get("/api/appointments/availability").then().statusCode(400).body("success", is(false))
                .body("error.code", is("INVALID_FIELD")).body("error.details[0].field", is("from"));
        clinic.asAdmin().queryParam("dentist_id", 424242).queryParam("from", "2024-07-01").queryParam("to", "2024-07-07")
                .get("/api/appointments/availability").then().statusCode(400).body("error.code", is("UNKNOWN_DENTIST"));
    }

    private static void expectRange(Map<String, String> params, String field, String says) {
        clinic.asAdmin().queryParam("dentist_id", TestClinic.DENTIST).queryParams(params).get("/api/appointments/availability").then()
                .statusCode(400).body("success", is(false)).body("data", nullValue())
                .body("error.code", is("INVALID_RANGE")).body("error.details[0].field", is(field))
                .body("message", containsString(says));
    }

    @Test
    void anotherClinicsMemberAndAForgedTenantAreRefused() {
        TestClinic other = TestClinic.provision(events, "avail-other", OUTSIDER);
        String range = "/api/appointments/availability?dentist_id=" + TestClinic.DENTIST + "&from=2024-06-10&to=2024-06-16";
        // A member of another clinic naming this one in X-Tenant-ID.
        given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of()))
                .header("X-Tenant-ID", clinic.slug()).get(range).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"))
                .body("data", nullValue());
        // A token that claims the membership itself changes nothing: membership is the tenant's, not the token's word.
        given().header("Authorization", "Bearer " + TestTokens.get().member(OUTSIDER, Map.of(clinic.slug(), "admin")))
                .header("X-Tenant-ID", clinic.slug()).get(range).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        // In its own clinic the outsider's range is answered, for a dentist of that clinic.
        other.as(OUTSIDER).get(range).then().statusCode(200).body("data.days.size()", is(7));
    }
}
