package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clinic in a real browser, on the suite as e2e starts it: a clinic like the seed's smile-dental (made through the
 * API); its admin registers John Doe, finds him by phone, records the seed's root canal on tooth 36, sees the tooth
 * coloured on the chart and its history on a click (and from the keyboard), completes it and sees the draft invoice line
 * its billing made; a supply added under its reorder level is warned of.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicBrowserTest extends BrowserFixture {

    private static final String CLINIC = "smile-chart";
    private static final String ADMIN_EMAIL = "clinic.admin@ipsc.example";
    private static final String PASSWORD = "a long clinic test password";
    /** Billing goes through Kafka to invoicing-service: the line shows once it has arrived. */
    private static final Duration BILLING = Duration.ofSeconds(60);

    private String workspace;
    private String patientPage;

    @BeforeAll
    void setUp() throws InterruptedException {
        tenants.create(Map.of("name", "Smile Chart Dental Clinic", "slug", CLINIC, "organization_type", "dental_clinic",
                "contact_email", "dr.sarah@smilechart.example", "gstin", "27AABFS1234A1Z5", "state", "Maharashtra", "pincode", "400001",
                "city", "Mumbai", "address_line1", "123 Dental Street"));
        tenants.member(CLINIC, ADMIN_EMAIL, PASSWORD, "Dr. Sarah Johnson", "admin");

        workspace = web.baseUrl() + "/t/" + CLINIC + "/";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void johnDoeIsRegisteredAndFoundByPhone() {
        browser.go(workspace + "patients", "clinic-patients-empty");
        browser.clickThrough(By.id("new-patient"));
        web.type("first_name", "John");
        web.type("last_name", "Doe");
        web.type("phone", "+91-9876543212");
        web.type("email", "john.doe@email.com");
        web.type("allergies", "Penicillin");
        browser.shot("clinic-patient-form");
        browser.clickThrough(By.id("save-patient"));
        browser.awaitText(By.id("patient-name"), "John Doe", Browser.PAGE_WAIT);
        patientPage = browser.driver().getCurrentUrl().replaceAll("\\?.*$", "");
        assertEquals("Penicillin", browser.text(By.id("patient-allergies")));

        browser.go(workspace + "patients", "clinic-patients");
        web.type("search", "98765");
        browser.clickThrough(By.id("search-button"));
        browser.await(By.id("patients"));
        assertTrue(browser.text(By.id("patients")).contains("John Doe"), browser.text(By.id("patients")));
        web.type("search", "nobody-like-this");
        browser.clickThrough(By.id("search-button"));
        browser.await(By.id("empty"));
        browser.shot("clinic-patient-search-empty");
    }

    @Test
    @Order(2)
    void theRootCanalIsRecordedOnItsToothAndTheChartShowsIt() {
        browser.go(patientPage, "clinic-patient-new");
        // Tooth 99 is not an FDI number: dental-service's refusal is shown at the field, naming the valid ones.
        web.type("treatment_type", "Root Canal");
        web.type("tooth", "99");
        web.type("cost", "5000");
        browser.clickThrough(By.id("record"));
        String refused = web.fieldError("tooth");
        assertTrue(refused != null && refused.contains("11"), String.valueOf(refused));
        browser.shot("clinic-tooth-refused");

        web.type("tooth", "36");
        browser.clickThrough(By.id("record"));
        browser.await(By.id("notice"));
        assertTrue(browser.driver().findElement(By.id("tooth-36")).getAttribute("class").contains("tooth-planned"));
        assertTrue(browser.driver().findElement(By.id("tooth-46")).getAttribute("class").contains("tooth-none"));
        assertTrue(browser.text(By.id("plan-total")).contains("₹5,000.00"), browser.text(By.id("plan-total")));

        // Every tooth is a link: a click opens its history.
        browser.clickThrough(By.id("tooth-46"));
        assertTrue(browser.text(By.id("tooth-history")).contains("Nothing recorded on this tooth"), browser.text(By.id("tooth-history")));
        // And from the keyboard: focus tooth 36 and press Enter.
        WebElement tooth = browser.driver().findElement(By.id("tooth-36"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].focus()", tooth);
        new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.awaitText(By.cssSelector("#tooth-history h3"), "Tooth 36 · lower left first molar", Browser.PAGE_WAIT);
        assertTrue(browser.text(By.id("tooth-history")).contains("Root Canal"), browser.text(By.id("tooth-history")));
        browser.shot("clinic-odontogram-planned");
    }

    @Test
    @Order(3)
    void completingBillsThePatientAndShowsTheDraftInvoiceLine() {
        browser.go(patientPage, "clinic-before-completion");
        WebElement complete = browser.driver().findElements(By.cssSelector("#treatment-list button")).get(0);
        complete.click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Browser.PAGE_WAIT).until(
                org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(complete));
        // The page asks invoicing again (htmx, a second apart) until billing has added the line.
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), BILLING).pollingEvery(Duration.ofMillis(500))
                .until(d -> !d.findElements(By.id("billed-line")).isEmpty());
        String line = browser.text(By.id("billed-line"));
        assertTrue(line.contains("Root Canal") && line.contains("Draft invoice #") && line.contains("999312"), line);
        assertEquals("₹5,000.00", browser.text(By.id("billed-amount")));
        assertTrue(browser.driver().findElement(By.id("tooth-36")).getAttribute("class").contains("tooth-completed"));
        browser.shot("clinic-completed-billed");

        // The same line on a fresh page: the treatment's row and what the patient owes.
        browser.go(patientPage + "?tooth=36#tooth-history", "clinic-odontogram");
        assertTrue(browser.text(By.id("treatment-list")).contains("Draft invoice #"), browser.text(By.id("treatment-list")));
        assertTrue(browser.text(By.id("patient-invoices")).contains("₹5,000.00"), browser.text(By.id("patient-invoices")));
        assertTrue(browser.text(By.id("tooth-history")).contains("Completed"), browser.text(By.id("tooth-history")));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("document.getElementById('chart').scrollIntoView()");
        browser.shot("clinic-odontogram-completed");
    }

    @Test
    @Order(4)
    void aSupplyUnderItsReorderLevelIsWarnedOf() {
        browser.go(workspace + "supplies", "clinic-supplies-empty");
        web.type("name", "Composite resin A2");
        web.type("unit", "syringe");
        web.type("reorder_level", "5");
        web.type("opening_stock", "2");
        browser.clickThrough(By.id("add-supply"));
        browser.await(By.id("low-stock"));
        assertTrue(browser.text(By.id("low-stock")).contains("Composite resin A2: 2 syringe left (reorder at 5)"),
                browser.text(By.id("low-stock")));
        browser.shot("clinic-supplies-low-stock");

        browser.clickThrough(By.linkText("Composite resin A2"));
        web.type("consume-quantity", "9");
        browser.clickThrough(By.id("consume"));
        browser.await(By.id("consumption-problem"));
        browser.shot("clinic-supply-refused");
        web.type("receive-quantity", "10");
        browser.clickThrough(By.id("receive"));
        browser.awaitText(By.id("supply-stock"), "12 syringe", Browser.PAGE_WAIT);
        assertTrue(browser.driver().findElements(By.id("low-stock")).isEmpty(), "no warning once restocked");
    }
}
