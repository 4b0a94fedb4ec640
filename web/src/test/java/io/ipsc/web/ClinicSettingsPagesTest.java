package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings → Clinic against a stand-in gateway: the clinic's hours in the form, sent as the API's fields, the API's
 * refusal at its field with its status, a viewer shown the values with nothing to change, and no Clinic tab for a
 * tenant without the clinic. The browser test on the real suite is e2e's ClinicSettingsBrowserTest.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicSettingsStubGateway.class, restrictToAnnotatedClass = true)
class ClinicSettingsPagesTest {

    private static final String PAGE = "/t/smile-dental/settings/clinic";

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        ClinicSettingsStubGateway.CALLS.clear();
    }

    @Test
    void anAdminSeesTheHoursInTheFormAndTheClinicTab() {
        admin.get(PAGE).then().statusCode(200)
                .body(containsString("id=\"tab-clinic\" href=\"/t/smile-dental/settings/clinic\" aria-current=\"page\""))
                .body(containsString("id=\"clinic_opens\" name=\"clinic_opens\" type=\"time\" value=\"09:00\""))
                .body(containsString("id=\"clinic_closes\" name=\"clinic_closes\" type=\"time\" value=\"18:00\""))
                .body(containsString("id=\"time_zone\" name=\"time_zone\" type=\"text\" value=\"Asia/Kolkata\""))
                .body(containsString("id=\"closed-sunday\" name=\"clinic_closed_days\" type=\"checkbox\" value=\"sunday\" checked>"))
                .body(containsString("id=\"closed-saturday\" name=\"clinic_closed_days\" type=\"checkbox\" value=\"saturday\">"))
                .body(containsString("<label for=\"closed-monday\">Monday</label>"))
                .body(containsString("id=\"save-clinic\""));
        // The other settings pages list the tab too.
        admin.get("/t/smile-dental/settings").then().statusCode(200).body(containsString("id=\"tab-clinic\""));
    }

    @Test
    void theHoursAreSentAsTheApisFieldsAndSaved() {
        admin.submit(PAGE, PAGE, Map.of("clinic_opens", "10:00", "clinic_closes", "19:30", "time_zone", " Asia/Kolkata ",
                        "clinic_closed_days", "saturday"))
                .then().statusCode(200)
                .body(containsString("The clinic&#39;s hours are saved"))
                .body(containsString("value=\"19:30\""))
                .body(containsString("value=\"saturday\" checked>"))
                .body(containsString("value=\"sunday\">"));
        String sent = ClinicSettingsStubGateway.CALLS.stream().filter(c -> c.startsWith("PUT /api/tenants/smile-dental/appointments/settings"))
                .findFirst().orElseThrow();
        assertTrue(sent.contains("\"time_zone\":\"Asia/Kolkata\"") && sent.contains("\"clinic_opens\":\"10:00\"")
                && sent.contains("\"clinic_closed_days\":[\"saturday\"]"), sent);

        // No box ticked: an empty list, the clinic opens every day.
        ClinicSettingsStubGateway.CALLS.clear();
        admin.submit(PAGE, PAGE, Map.of("clinic_opens", "09:00", "clinic_closes", "18:00", "time_zone", "Asia/Kolkata")).then().statusCode(200);
        assertTrue(ClinicSettingsStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("PUT") && c.contains("\"clinic_closed_days\":[]")),
                ClinicSettingsStubGateway.CALLS.toString());
    }

    @Test
    void theApisRefusalIsShownAtItsFieldWithItsStatus() {
        admin.submit(PAGE, PAGE, Map.of("clinic_opens", "10:00", "clinic_closes", "08:00", "time_zone", "Asia/Kolkata"))
                .then().statusCode(400)
                .body(containsString("id=\"form-problem\">Please correct the fields marked below."))
                .body(containsString("id=\"clinic_closes-error\">clinic_closes (08:00) must be after clinic_opens (10:00)<"))
                // What was typed stays in the form.
                .body(containsString("id=\"clinic_opens\" name=\"clinic_opens\" type=\"time\" value=\"10:00\""));
    }

    @Test
    void aViewerSeesTheHoursAndNothingToChange() {
        Browserless viewer = new Browserless();
        viewer.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        String page = viewer.get(PAGE).then().statusCode(200).extract().asString();
        String main = page.substring(page.indexOf("<main"));
        assertTrue(main.contains("id=\"clinic-opens\">09:00<") && main.contains("id=\"clinic-closed-days\">Sunday<"), main);
        assertTrue(!main.contains("<button") && !main.contains("<form") && !main.contains("<input"), main);
    }

    @Test
    void aTenantWithoutTheClinicHasNoClinicTab() {
        String page = admin.get("/t/acme-traders/settings").then().statusCode(200).extract().asString();
        assertFalse(page.contains("id=\"tab-clinic\""), page);
        admin.get("/t/acme-traders/settings/clinic").then().statusCode(403).body(not(containsString("id=\"clinic-form\"")));
    }
}
