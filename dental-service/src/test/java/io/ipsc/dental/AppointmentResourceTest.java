package io.ipsc.dental;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class AppointmentResourceTest {

    private static TenantEventsPublisher events;
    private static TestClinic clinic;

    @BeforeAll
    static void provision() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
        clinic = TestClinic.provision(events, "appointments");
    }

    @AfterAll
    static void close() {
        events.close();
    }

    private static Map<String, Object> booking(long patient, String at, Long dentist, String chair) {
        Map<String, Object> body = new HashMap<>();
        body.put("patient_id", patient);
        body.put("appointment_date", at);
        body.put("treatment_type", "Filling");
        if (dentist != null) {
            body.put("dentist_id", dentist);
        }
        if (chair != null) {
            body.put("chair", chair);
        }
        return body;
    }

    private static long book(Map<String, Object> body) {
        return clinic.asAdmin().body(body).post("/api/appointments").then().statusCode(201).extract().jsonPath().getLong("data.id");
    }

    private static int countOn(String date) {
        return clinic.asAdmin().queryParam("date", date).queryParam("size", 100).get("/api/appointments").then().statusCode(200)
                .extract().jsonPath().getInt("data.total_items");
    }

    @Test
    void theSameDentistChairOrPatientCannotBeBookedTwiceAtOnce() {
        long a = clinic.createPatient("Asha", "Overlap");
        long b = clinic.createPatient("Bala", "Overlap");
        long c = clinic.createPatient("Chitra", "Overlap");
        Map<String, Object> first = booking(a, "2024-03-04T11:00:00", TestClinic.DENTIST, "C1");
        first.put("duration_minutes", 60);
        long firstId = book(first);

        clinic.asAdmin().body(booking(b, "2024-03-04T11:30:00", TestClinic.DENTIST, null)).post("/api/appointments").then()
                .statusCode(409).body("error.code", is("APPOINTMENT_CONFLICT"))
                .body("message", containsString("appointment " + firstId)).body("error.details[0].field", is("dentist_id"));
        clinic.asAdmin().body(booking(b, "2024-03-04T11:45:00", TestClinic.SECOND_DENTIST, "C1")).post("/api/appointments").then()
                .statusCode(409).body("error.details[0].field", is("chair")).body("message", containsString("appointment " + firstId));
        clinic.asAdmin().body(booking(a, "2024-03-04T10:45:00", TestClinic.SECOND_DENTIST, "C2")).post("/api/appointments").then()
                .statusCode(409).body("error.details[0].field", is("patient_id"));
        assertEquals(1, countOn("2024-03-04"));

        // Back to back is not an overlap; another dentist, chair and patient at the same time is fine.
        book(booking(b, "2024-03-04T12:00:00", TestClinic.DENTIST, "C1"));
        book(booking(c, "2024-03-04T11:00:00", TestClinic.SECOND_DENTIST, "C2"));
        assertEquals(3, countOn("2024-03-04"));
    }

    @Test
    void tenSimultaneousBookingsOfOneDentistGiveOneAppointment() throws Exception {
        List<Long> patients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            patients.add(clinic.createPatient("Rush", "Hour" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (long patient : patients) {
                calls.add(() -> clinic.asAdmin().body(booking(patient, "2024-04-01T15:00:00", TestClinic.DENTIST, null))
                        .post("/api/appointments").then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(9, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, countOn("2024-04-01"));
    }

    @Test
    void reschedulingIsCheckedAgainAndCancellingFreesTheTime() {
        long a = clinic.createPatient("Dev", "Resched");
        long b = clinic.createPatient("Esha", "Resched");
        long first = book(booking(a, "2024-05-06T09:00:00", TestClinic.DENTIST, null));
        long second = book(booking(b, "2024-05-06T14:00:00", TestClinic.DENTIST, null));
        clinic.asAdmin().body(booking(b, "2024-05-06T09:15:00", TestClinic.DENTIST, null)).put("/api/appointments/" + second).then()
                .statusCode(409).body("message", containsString("appointment " + first));
        clinic.asAdmin().get("/api/appointments/" + second).then().body("data.appointment_date", is("2024-05-06T14:00:00+05:30"));
        clinic.asAdmin().body(booking(b, "2024-05-06T09:30:00", TestClinic.DENTIST, null)).put("/api/appointments/" + second).then()
                .statusCode(200).body("data.appointment_date", is("2024-05-06T09:30:00+05:30"));
        clinic.asAdmin().delete("/api/appointments/" + first).then().statusCode(200).body("data.status", is("cancelled"));
        clinic.asAdmin().body(booking(b, "2024-05-06T09:00:00", TestClinic.DENTIST, null)).put("/api/appointments/" + second).then()
                .statusCode(200);
    }

    @Test
    void availabilityLeavesOutBookedSlots() {
        long a = clinic.createPatient("Farah", "Slots");
        book(booking(a, "2024-06-10T10:00:00", TestClinic.SECOND_DENTIST, null));
        clinic.asAdmin().queryParam("dentist_id", TestClinic.SECOND_DENTIST).queryParam("date", "2024-06-10")
                .get("/api/appointments/availability").then().statusCode(200)
                .body("data.time_zone", is("Asia/Kolkata"))
                .body("data.free_slots.start", hasItems("2024-06-10T09:00:00+05:30", "2024-06-10T10:30:00+05:30"))
                .body("data.free_slots.start", not(hasItem("2024-06-10T10:00:00+05:30")))
                .body("data.free_slots.size()", is(17));
        clinic.asAdmin().queryParam("dentist_id", 424242).queryParam("date", "2024-06-10")
                .get("/api/appointments/availability").then().statusCode(400).body("error.details[0].field", is("dentist_id"));
    }

    @Test
    void invalidBookingsAreRefusedWithTheField() {
        long a = clinic.createPatient("Gita", "Invalid");
        clinic.asAdmin().body(Map.of("patient_id", a, "treatment_type", "X", "status", "maybe")).post("/api/appointments").then()
                .statusCode(400).body("error.details.field", hasItems("appointment_date", "status"));
        clinic.asAdmin().body(booking(a, "next tuesday", null, null)).post("/api/appointments").then()
                .statusCode(400).body("error.details[0].field", is("appointment_date"));
        clinic.asAdmin().body(booking(a, "2024-07-01T10:00:00", 424242L, null)).post("/api/appointments").then()
                .statusCode(400).body("error.code", is("UNKNOWN_DENTIST"));
        clinic.asAdmin().body(booking(987654, "2024-07-01T10:00:00", null, null)).post("/api/appointments").then()
                .statusCode(422).body("error.code", is("UNKNOWN_PATIENT"));
        clinic.asAdmin().queryParam("date", "2024-07-01").get("/api/appointments").then().body("data.total_items", is(0));
    }
}
