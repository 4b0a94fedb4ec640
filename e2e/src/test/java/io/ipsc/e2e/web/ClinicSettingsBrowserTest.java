package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings → Clinic in a real browser, on the suite as e2e starts it: the clinic's admin sets its hours and closed days
 * (a closing time before the opening is refused at its field), and the calendar's free slots then follow them; a viewer
 * sees the hours and nothing to change.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicSettingsBrowserTest extends BrowserFixture {

    private static final String CLINIC = "hours-dental";
    private static final String ADMIN_EMAIL = "hours.admin@ipsc.example";
    private static final String VIEWER_EMAIL = "hours.viewer@ipsc.example";
    private static final String PASSWORD = "a long clinic hours test password";

    private String settings;
    private long dentist;

    @BeforeAll
    void setUp() {
        tenants.create(Map.of("name", "Hours Dental", "slug", CLINIC, "organization_type", "dental_clinic", "contact_email",
                "desk@hours-dental.example", "state", "Maharashtra", "pincode", "400001"));
        dentist = tenants.member(CLINIC, ADMIN_EMAIL, PASSWORD, "Dr. Kavita Rao", "admin");
        tenants.member(CLINIC, VIEWER_EMAIL, PASSWORD, "Sunil Desai", "viewer");

        settings = web.baseUrl() + "/t/" + CLINIC + "/settings/clinic";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void anAdminSetsTheHoursAndTheCalendarOffersSlotsWithinThem() {
        browser.go(web.baseUrl() + "/t/" + CLINIC + "/settings", "clinic-settings-profile");
        browser.clickThrough(By.id("tab-clinic"));
        browser.await(By.id("clinic-form"));
        assertEquals("09:00", browser.driver().findElement(By.id("clinic_opens")).getAttribute("value"));
        assertEquals("Asia/Kolkata", browser.driver().findElement(By.id("time_zone")).getAttribute("value"));

        // Closing before opening: the API's refusal at the closing time.
        web.setValue("clinic_opens", "10:00");
        web.setValue("clinic_closes", "08:00");
        browser.clickThrough(By.id("save-clinic"));
        browser.await(By.id("clinic_closes-error"));
        assertTrue(web.fieldError("clinic_closes").contains("must be after clinic_opens"), web.fieldError("clinic_closes"));
        browser.shot("clinic-settings-refused");

        web.setValue("clinic_closes", "14:00");
        for (String day : List.of("saturday", "sunday")) {
            WebElement box = browser.driver().findElement(By.id("closed-" + day));
            if (!box.isSelected()) {
                box.click();
            }
        }
        browser.clickThrough(By.id("save-clinic"));
        browser.await(By.id("notice"));
        assertTrue(browser.text(By.id("notice")).contains("hours are saved"), browser.text(By.id("notice")));
        assertEquals("14:00", browser.driver().findElement(By.id("clinic_closes")).getAttribute("value"));
        assertTrue(browser.driver().findElement(By.id("closed-saturday")).isSelected());
        browser.shot("clinic-settings");
        assertEquals(List.of("saturday", "sunday"),
                tenants.api().get("/api/tenants/" + CLINIC + "/appointments/settings").jsonPath().getList("data.clinic_closed_days"));

        // The calendar: a coming Monday offers 10:00 to 13:30; the Saturday after it none.
        LocalDate monday = LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        String calendar = web.baseUrl() + "/t/" + CLINIC + "/calendar?view=day&date=";
        browser.go(calendar + monday, "clinic-settings-calendar-monday");
        web.awaitFreeSlot(monday + "T10:00");
        List<String> offered = browser.driver().findElements(By.cssSelector("a.free-slot[data-dentist='" + dentist + "']")).stream()
                .map(slot -> slot.getAttribute("data-at").substring(11)).toList();
        assertEquals(List.of("10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30"), offered);
        browser.shot("clinic-settings-calendar-within-hours");
        browser.go(calendar + monday.plusDays(5), "clinic-settings-calendar-saturday");
        assertTrue(browser.driver().findElements(By.cssSelector("a.free-slot")).isEmpty(), browser.pageText());
    }

    @Test
    @Order(2)
    void aViewerSeesTheHoursAndNothingToChange() {
        web.signOut();
        web.signIn(VIEWER_EMAIL, PASSWORD);
        browser.go(settings, "clinic-settings-viewer");
        browser.await(By.id("clinic-settings"));
        assertEquals("10:00", browser.text(By.id("clinic-opens")));
        assertEquals("Saturday, Sunday", browser.text(By.id("clinic-closed-days")));
        assertTrue(browser.driver().findElements(By.cssSelector("main form, main button")).isEmpty());
        browser.shot("clinic-settings-viewer-read-only");
    }
}
