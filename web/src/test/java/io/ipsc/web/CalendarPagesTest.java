package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clinic's calendar against a stand-in gateway: appointments placed in their rows, free slots exactly
 * where the API's availability has them, the week asked for as its range, booking (and the API's 409 shown
 * with the calendar as it now is), rescheduling, cancelling, today's list with check-in, and a viewer offered
 * none of it. The browser test on the real suite is e2e's CalendarBrowserTest.
 */
@QuarkusTest
@QuarkusTestResource(value = CalendarStubGateway.class, restrictToAnnotatedClass = true)
class CalendarPagesTest {

    private static final String BASE = "/t/smile-dental/calendar";

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        CalendarStubGateway.CALLS.clear();
    }

    @Test
    void theDayViewPlacesAppointmentsInTheirRowsAndOffersTheApisFreeSlots() {
        String page = admin.get(BASE + "?view=day&date=2026-12-01").then().statusCode(200).extract().asString();
        // A column per dentist (not the viewer), in the API's order; marked as today's when the clinic's date is that day.
        assertTrue(Pattern.compile("<th scope=\"col\"( class=\"calendar-today\")?>Dr. Asha Rao</th>"
                + "<th scope=\"col\"( class=\"calendar-today\")?>Dr. Vikram Shah</th></tr>").matcher(page).find(), page);
        assertTrue(!page.contains(">Front Viewer</th>"), page);
        // John Doe's hour spans two 30-minute rows; the cancelled one is not drawn.
        assertTrue(page.contains("<td class=\"slot busy\" rowspan=\"2\"><a class=\"appointment status-scheduled\" id=\"appointment-40\""), page);
        assertTrue(page.contains("John Doe") && page.contains("10:00–11:00"), page);
        assertTrue(!page.contains("id=\"appointment-41\""), page);
        // Free slots: exactly the availability's.
        assertTrue(page.contains("href=\"/t/smile-dental/calendar/book?dentist=21&at=2026-12-01T09:30&duration=30\""), page);
        assertTrue(page.contains("href=\"/t/smile-dental/calendar/book?dentist=22&at=2026-12-01T09:00&duration=30\""), page);
        assertTrue(!page.contains("dentist=22&at=2026-12-01T09:30"), page);
        assertEquals(5, count(page, "class=\"free-slot\""), page);
        // The rows run from the clinic's opening to its closing (09:00–12:00).
        assertTrue(page.contains(">09:00</th>") && page.contains(">11:30</th>") && !page.contains(">12:00</th>"), page);
        assertTrue(page.contains("Previous day") && page.contains("date=2026-11-30") && page.contains("date=2026-12-02"), page);
        assertTrue(CalendarStubGateway.CALLS.contains("GET /api/tenants/smile-dental/appointments?date=2026-12-01&page=1&size=100")
                || CalendarStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("GET /api/tenants/smile-dental/appointments?date=2026-12-01")),
                CalendarStubGateway.CALLS.toString());
        // One availability call per dentist column, each for the day as a range of one; no patient list (the appointments name them).
        assertEquals(2, CalendarStubGateway.CALLS.stream()
                .filter(c -> c.contains("/appointments/availability?") && c.contains("from=2026-12-01") && c.contains("to=2026-12-01")).count());
        assertTrue(CalendarStubGateway.CALLS.stream().noneMatch(c -> c.contains("/patients")), CalendarStubGateway.CALLS.toString());
    }

    @Test
    void theWeekViewAsksForTheWeeksRangeOfOneDentist() {
        String page = admin.get(BASE + "?view=week&date=2026-12-02&dentist=21").then().statusCode(200).extract().asString();
        String list = CalendarStubGateway.CALLS.stream().filter(c -> c.startsWith("GET /api/tenants/smile-dental/appointments?"))
                .findFirst().orElseThrow();
        assertTrue(list.contains("from=2026-11-30") && list.contains("to=2026-12-06") && list.contains("dentist_id=21"), list);
        // Two round trips to dental-service for the week: its appointments and its free slots day by day, one call each.
        List<String> free = CalendarStubGateway.CALLS.stream().filter(c -> c.contains("/appointments/availability?")).toList();
        assertEquals(1, free.size(), free.toString());
        assertTrue(free.get(0).contains("from=2026-11-30") && free.get(0).contains("to=2026-12-06") && free.get(0).contains("dentist_id=21"),
                free.get(0));
        assertEquals(1, CalendarStubGateway.CALLS.stream().filter(c -> c.startsWith("GET /api/tenants/smile-dental/appointments?")).count());
        assertTrue(CalendarStubGateway.CALLS.stream().noneMatch(c -> c.contains("/patients")), CalendarStubGateway.CALLS.toString());
        assertTrue(page.contains(">Mon 30 Nov</th>") && page.contains(">Sun 6 Dec<span class=\"calendar-sub\">Closed</span></th>"), page);
        // Each day's free slots in its own column: Tuesday's 09:30, and none on the closed Sunday.
        assertTrue(page.contains("data-at=\"2026-12-01T09:30\" data-dentist=\"21\""), page);
        assertTrue(!page.contains("data-at=\"2026-12-06T"), page);
        assertEquals(6 * 4, count(page, "class=\"free-slot\""), page);
        assertTrue(page.contains("Week of Monday, 30 November 2026 · Dr. Asha Rao"), page);
        assertTrue(page.contains("id=\"appointment-42\"") && page.contains("Priya Nair"), page);
        assertTrue(page.contains("date=2026-11-25") && page.contains("date=2026-12-09"), page);
    }

    @Test
    void bookingSendsTheSlotAndASlotTakenMeanwhileShowsTheApisMessageOnTheCalendar() {
        String form = BASE + "/book?dentist=21&at=2026-12-01T09:00&duration=30";
        admin.get(form).then().statusCode(200)
                .body(containsString("Tuesday, 1 December 2026, 09:00 with Dr. Asha Rao"))
                .body(containsString("<input type=\"radio\" name=\"patient\" id=\"patient-1\" value=\"1\">"))
                .body(containsString("<span class=\"patient-name\">John Doe</span> <span class=\"patient-phone\">+91-9876543210</span>"))
                .body(containsString("hx-get=\"/t/smile-dental/calendar/book/patients\""));
        admin.submit(form, BASE + "/book", Map.of("dentist", "21", "at", "2026-12-01T09:00", "duration", "30", "patient", "1",
                        "treatment", "Regular Checkup", "chair", "", "notes", "Annual dental checkup"))
                .then().statusCode(303).header("Location", containsString("/t/smile-dental/calendar?view=day&date=2026-12-01&done=booked"));
        String sent = CalendarStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/tenants/smile-dental/appointments ")).findFirst()
                .orElseThrow();
        assertTrue(sent.contains("\"patient_id\":1") && sent.contains("\"dentist_id\":21") && sent.contains("\"duration_minutes\":30")
                && sent.contains("\"appointment_date\":\"2026-12-01T09:00\"") && sent.contains("\"treatment_type\":\"Regular Checkup\"")
                && !sent.contains("\"chair\""), sent);

        String taken = admin.submit(BASE + "/book?dentist=21&at=2026-12-01T10:00", BASE + "/book", Map.of("dentist", "21",
                        "at", "2026-12-01T10:00", "duration", "30", "patient", "2", "treatment", "Filling"))
                .then().statusCode(409).extract().asString();
        assertTrue(taken.contains("id=\"form-problem\">Dentist 21 is already booked from 2026-12-01T10:00:00+05:30"), taken);
        assertTrue(taken.contains("id=\"calendar-grid\"") && taken.contains("id=\"appointment-40\""), taken);

        admin.submit(form, BASE + "/book", Map.of("dentist", "21", "at", "2026-12-01T09:00", "duration", "30", "patient", "1"))
                .then().statusCode(400)
                .body(containsString("id=\"treatment-error\">must not be blank<"));
    }

    @Test
    void theBookingFormsPatientSearchAsksTheApiAndKeepsTheChosenPatient() {
        String found = admin.get(BASE + "/book/patients?search=nair").then().statusCode(200).extract().asString();
        assertTrue(found.startsWith("<fieldset") || found.trim().startsWith("<fieldset"), found);
        assertTrue(found.contains("id=\"patient-2\"") && !found.contains("id=\"patient-1\""), found);
        assertTrue(CalendarStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("GET /api/tenants/smile-dental/patients?")
                && c.contains("search=nair") && c.contains("size=20")), CalendarStubGateway.CALLS.toString());
        // Priya was chosen before the search changed to John: she stays, chosen, above what the search finds.
        String kept = admin.get(BASE + "/book/patients?search=john&patient=2").then().statusCode(200).extract().asString();
        assertTrue(kept.indexOf("id=\"patient-2\" value=\"2\" checked") > 0 && kept.indexOf("id=\"patient-2\"") < kept.indexOf("id=\"patient-1\""),
                kept);
        admin.get(BASE + "/book/patients?search=nobody").then().statusCode(200)
                .body(containsString("id=\"no-patient\">No patient found for “nobody”."));
    }

    @Test
    void anAppointmentIsRescheduledWithItsOtherFieldsKeptAndCancelled() {
        admin.get(BASE + "/appointments/40").then().statusCode(200)
                .body(containsString("id=\"appointment-title\">John Doe<"))
                .body(containsString("Tuesday, 1 December 2026, 10:00–11:00"))
                .body(containsString("value=\"2026-12-01T10:00\""))
                .body(containsString("id=\"check-in\""))
                .body(containsString("id=\"cancel-appointment\""));
        admin.submit(BASE + "/appointments/40", BASE + "/appointments/40/reschedule",
                        Map.of("at", "2026-12-01T14:00", "duration", "60", "dentist", "22", "chair", "C2"))
                .then().statusCode(303).header("Location", containsString("/calendar/appointments/40?done=rescheduled"));
        String put = CalendarStubGateway.CALLS.stream().filter(c -> c.startsWith("PUT ")).findFirst().orElseThrow();
        assertTrue(put.contains("\"appointment_date\":\"2026-12-01T14:00\"") && put.contains("\"patient_id\":1")
                && put.contains("\"treatment_type\":\"Regular Checkup\"") && put.contains("\"dentist_id\":22")
                && put.contains("\"chair\":\"C2\"") && put.contains("\"status\":\"scheduled\""), put);
        admin.submit(BASE + "/appointments/40", BASE + "/appointments/40/cancel", Map.of())
                .then().statusCode(303).header("Location", containsString("done=cancelled"));
        assertTrue(CalendarStubGateway.CALLS.contains("DELETE /api/tenants/smile-dental/appointments/40"), CalendarStubGateway.CALLS.toString());
    }

    @Test
    void todaysListChecksInAndShowsTheApisRefusal() {
        String today = admin.get(BASE + "/today").then().statusCode(200).extract().asString();
        assertTrue(today.contains("id=\"appointment-40\"") && today.contains("John Doe") && today.contains("aria-label=\"Check in John Doe\""), today);
        // The cancelled one is listed, without check-in.
        assertTrue(today.contains("id=\"appointment-41\"") && !today.contains("aria-label=\"Check in Priya Nair\""), today);
        admin.submit(BASE + "/today", BASE + "/appointments/40/check-in", Map.of("back", "today"))
                .then().statusCode(303).header("Location", containsString("/calendar/today?done=checked-in"));
        assertTrue(CalendarStubGateway.CALLS.contains("POST /api/tenants/smile-dental/appointments/40/check-in"), CalendarStubGateway.CALLS.toString());
        admin.submit(BASE + "/today", BASE + "/appointments/41/check-in", Map.of("back", "today"))
                .then().statusCode(409).body(containsString("id=\"form-problem\">Appointment 41 is cancelled: it cannot be checked in<"));
    }

    @Test
    void aViewerSeesTheCalendarButNoWayToChangeIt() {
        Browserless viewer = new Browserless();
        viewer.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        String day = viewer.get(BASE + "?view=day&date=2026-12-01").then().statusCode(200).extract().asString();
        assertTrue(day.contains("id=\"appointment-40\"") && !day.contains("calendar/book?"), day);
        for (String page : List.of(BASE + "/appointments/40", BASE + "/today")) {
            String html = viewer.get(page).then().statusCode(200).extract().asString();
            String main = html.substring(html.indexOf("<main"));
            assertTrue(!main.contains("<button") && !main.contains("method=\"post\""), main);
        }
        viewer.get(BASE + "/today").then().body(not(containsString("Check in")));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
