package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clinic's calendar in a real browser, on the suite as e2e starts it: a dental clinic whose admin is its
 * dentist, with the seed's John Doe (and Priya Nair) made through the API. In the browser John Doe's check-up is
 * booked today by clicking the 10:00 free slot and seen in the day and the week views; a slot booked through the
 * API while the form is open is refused with the API's 409 message and the calendar as it now is; John Doe is
 * checked in from today's list; Priya Nair's appointment is rescheduled and cancelled from its page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalendarBrowserTest extends BrowserFixture {

    private static final String CLINIC = "calendar-dental";
    private static final String ADMIN_EMAIL = "calendar.dentist@ipsc.example";
    private static final String PASSWORD = "a long calendar test password";

    private String calendar;
    private LocalDate today;
    private long dentist;
    private long johnDoe;
    private long priya;
    private long booked;
    private long priyasAppointment;

    @BeforeAll
    void setUp() {
        tenants.create(Map.of("name", "Calendar Dental", "slug", CLINIC, "organization_type", "dental_clinic", "contact_email",
                "desk@calendar-dental.example", "state", "Maharashtra", "pincode", "400001"));
        dentist = tenants.member(CLINIC, ADMIN_EMAIL, PASSWORD, "Dr. Meera Joshi", "admin");
        // The API offers no slot that has begun: the clinic keeps a zone whose clock now reads before 08:00 of India's
        // today, so the test's 10:00 to 15:00 are still to come whenever it runs.
        ZoneId zone = morningZone();
        today = LocalDate.now(zone);
        api().body(Map.of("time_zone", zone.getId(), "clinic_opens", "09:00", "clinic_closes", "18:00", "clinic_closed_days", List.of()))
                .put("/api/tenants/" + CLINIC + "/appointments/settings").then().statusCode(200);
        // The seed guide's patient, and another one for the slot taken meanwhile.
        johnDoe = patient("John", "Doe", "+91-9876543210");
        priya = patient("Priya", "Nair", "+91-9876500001");

        calendar = web.baseUrl() + "/t/" + CLINIC + "/calendar";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void johnDoeIsBookedByClickingAFreeSlotAndShowsInTheDayAndWeekViews() {
        browser.go(calendar + "?view=day&date=" + today, "calendar-day-empty");
        // dental-service learns of the new member through Kafka: until then its availability refuses the dentist.
        web.awaitFreeSlot(today + "T10:00");
        browser.clickThrough(By.cssSelector("a.free-slot[data-at='" + today + "T10:00'][data-dentist='" + dentist + "']"));
        browser.await(By.id("booking-form"));
        assertTrue(browser.text(By.id("booking-when")).endsWith("10:00 with Dr. Meera Joshi"), browser.text(By.id("booking-when")));
        // The patient is found by typing (the clinic may have thousands): the list narrows to John Doe, who is chosen.
        choosePatient("Doe", johnDoe, priya);
        web.type("treatment", "Regular Checkup");
        web.type("notes", "Annual dental checkup");
        browser.shot("calendar-book-form");
        browser.clickThrough(By.id("book"));

        browser.await(By.id("notice"));
        var entry = browser.driver().findElement(By.cssSelector("a.appointment"));
        booked = Long.parseLong(entry.getAttribute("id").replace("appointment-", ""));
        assertTrue(entry.getText().contains("John Doe") && entry.getText().contains("10:00–10:30"), entry.getText());
        assertEquals(johnDoe, (long) api().get("/api/tenants/" + CLINIC + "/appointments/" + booked).jsonPath().getLong("data.patient_id"));
        browser.shot("calendar-day-booked");

        browser.clickThrough(By.linkText("Week view"));
        browser.await(By.id("appointment-" + booked));
        assertTrue(browser.text(By.id("calendar-title")).startsWith("Week of"), browser.text(By.id("calendar-title")));
        assertTrue(browser.text(By.id("appointment-" + booked)).contains("John Doe"));
        browser.shot("calendar-week");

        browser.driver().manage().window().setSize(new Dimension(390, 844));
        try {
            browser.go(calendar + "?view=day&date=" + today, "calendar-day-phone");
            browser.await(By.id("appointment-" + booked));
        } finally {
            browser.driver().manage().window().setSize(new Dimension(1024, 900));
        }
    }

    @Test
    @Order(2)
    void aSlotTakenMeanwhileShowsTheApisMessageAndTheCalendarAsItIsNow() {
        browser.go(calendar + "?view=day&date=" + today, "calendar-before-double-booking");
        browser.clickThrough(By.cssSelector("a.free-slot[data-at='" + today + "T10:30']"));
        browser.await(By.id("booking-form"));
        choosePatient("9876543210", johnDoe, priya);
        web.type("treatment", "Scaling");
        // Someone else takes 10:30 with the same dentist while the form is open.
        priyasAppointment = api().body(Map.of("patient_id", priya, "dentist_id", dentist, "appointment_date", today + "T10:30:00",
                        "treatment_type", "Filling"))
                .post("/api/tenants/" + CLINIC + "/appointments").then().statusCode(201).extract().jsonPath().getLong("data.id");
        browser.clickThrough(By.id("book"));

        browser.await(By.id("form-problem"));
        String problem = browser.text(By.id("form-problem"));
        assertTrue(problem.contains("already booked") && problem.contains("appointment " + priyasAppointment), problem);
        assertTrue(browser.text(By.id("appointment-" + priyasAppointment)).contains("Priya Nair"));
        assertTrue(browser.driver().findElements(By.cssSelector("a.free-slot[data-at='" + today + "T10:30']")).isEmpty());
        browser.shot("calendar-slot-taken-meanwhile");
    }

    @Test
    @Order(3)
    void johnDoeIsCheckedInFromTodaysList() {
        browser.go(calendar + "/today", "calendar-today-before");
        browser.clickThrough(By.cssSelector("#appointment-" + booked + " button.check-in"));
        browser.await(By.id("notice"));
        String row = browser.text(By.id("appointment-" + booked));
        assertTrue(row.contains("Checked in") && row.matches("(?s).*at \\d\\d:\\d\\d.*"), row);
        assertEquals("checked_in", api().get("/api/tenants/" + CLINIC + "/appointments/" + booked).path("data.status"));
        browser.shot("calendar-today-checked-in");
    }

    @Test
    @Order(4)
    void anAppointmentIsRescheduledAndCancelledFromItsPage() {
        browser.go(calendar + "/appointments/" + priyasAppointment, "calendar-appointment");
        assertEquals("Priya Nair", browser.text(By.id("appointment-title")));
        web.setValue("at", today + "T15:00");
        browser.clickThrough(By.id("reschedule"));
        browser.await(By.id("notice"));
        assertTrue(browser.text(By.id("appointment-when")).contains("15:00–15:30"), browser.text(By.id("appointment-when")));
        browser.shot("calendar-rescheduled");

        browser.clickThrough(By.id("cancel-appointment"));
        browser.await(By.id("notice"));
        assertEquals("Cancelled", browser.text(By.id("appointment-status")));
        assertTrue(browser.driver().findElements(By.id("reschedule")).isEmpty());
        browser.clickThrough(By.id("back-to-calendar"));
        assertTrue(browser.driver().findElements(By.id("appointment-" + priyasAppointment)).isEmpty());
        browser.shot("calendar-after-cancel");
    }

    /**
     * Types {@code search} into the booking form's patient search and chooses {@code patient} once the list, as the API's
     * search answers it while typing, holds them and no longer holds {@code notFound}.
     */
    private void choosePatient(String search, long patient, long notFound) {
        web.type("search", search);
        By chosen = By.id("patient-" + patient);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d -> !d.findElements(chosen).isEmpty()
                && d.findElements(By.id("patient-" + notFound)).isEmpty());
        browser.driver().findElement(chosen).click();
    }

    private long patient(String first, String last, String phone) {
        return api().body(Map.of("first_name", first, "last_name", last, "phone", phone, "email", first.toLowerCase() + "@example.com"))
                .post("/api/tenants/" + CLINIC + "/patients").then().statusCode(201).extract().jsonPath().getLong("data.id");
    }

    /**
     * Asia/Kolkata while its clock reads before 08:00; later, the whole-hour zone west of it whose clock does, on the
     * same date (the web's calendar takes India's today for "today").
     */
    private static ZoneId morningZone() {
        ZonedDateTime india = ZonedDateTime.now(ZoneId.of("Asia/Kolkata"));
        for (int hoursEast = 5; hoursEast >= -12 && india.getHour() >= 8; hoursEast--) {
            // The Etc zones' signs are POSIX's: Etc/GMT-5 is five hours east of Greenwich.
            ZoneId zone = ZoneId.of(hoursEast == 0 ? "Etc/UTC" : "Etc/GMT" + (hoursEast > 0 ? "-" : "+") + Math.abs(hoursEast));
            ZonedDateTime there = india.withZoneSameInstant(zone);
            if (there.toLocalDate().equals(india.toLocalDate()) && there.getHour() < 8) {
                return zone;
            }
        }
        return india.getZone();
    }
}
