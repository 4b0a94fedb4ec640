package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The set-up form checks as you type, with tenant-service's own rules, before anything is submitted
 * (a malformed slug, a taken one, a GSTIN too short, then the state a good one implies); and a
 * tenant's workspace home shows this month's figures from the API and draws its cash-flow chart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantSetupBrowserTest extends BrowserFixture {

    private static final String ADMIN_EMAIL = "setup.admin@ipsc.example";
    private static final String PASSWORD = "a long set-up test password";
    private static final String CLINIC = "setup-clinic";
    private static final Duration CHECK_WAIT = Duration.ofSeconds(15);

    @BeforeAll
    void openBrowser() {
        api().body(Map.of("email", ADMIN_EMAIL, "password", PASSWORD, "full_name", "Kavya Iyer", "platform_admin", true))
                .post("/api/users").then().statusCode(201);
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void theFormSaysWhatIsWrongAsItIsTypedBeforeItIsSent() {
        web.openTenantSetup();
        type("slug", "Smile Dental");
        String slugProblem = awaitCheck("slug", "problem");
        assertTrue(slugProblem.contains("lower-case"), slugProblem);
        browser.shot("setup-check-bad-slug");

        type("gstin", "27AABFS1234A1Z");
        String gstinProblem = awaitCheck("gstin", "problem");
        assertTrue(gstinProblem.contains("15 characters"), gstinProblem);
        browser.shot("setup-check-bad-gstin");

        // The seed's GSTIN: accepted, registered in Maharashtra, its check character only a warning.
        type("gstin", "27AABFS1234A1Z5");
        String gstin = awaitCheck("gstin", "warning");
        assertTrue(gstin.contains("Registered in 27 Maharashtra") && gstin.contains("check character"), gstin);

        type("pincode", "4000");
        assertTrue(awaitCheck("pincode", "problem").contains("6-digit"));

        type("slug", "setup-free-slug");
        assertTrue(awaitCheck("slug", "ok").contains("is free"));
        browser.shot("setup-checks-as-typed");

        // Nothing was sent: still the form, and no such tenant.
        assertEquals("Set up an organisation", browser.text(By.tagName("h1")));
        api().get("/api/tenants/setup-free-slug").then().statusCode(404);
    }

    @Test
    @Order(2)
    void aTakenSlugIsToldAsTaken() {
        api().body(Map.of("name", "Setup Smile Clinic", "slug", CLINIC, "organization_type", "dental_clinic",
                "contact_email", "desk@setupclinic.example", "state", "Maharashtra", "pincode", "400001"))
                .post("/api/tenants").then().statusCode(201);
        web.openTenantSetup();
        type("slug", CLINIC);
        String taken = awaitCheck("slug", "problem");
        assertTrue(taken.contains("is taken"), taken);
        assertFalse(taken.contains("Setup Smile"), "nothing about the other tenant: " + taken);
        browser.shot("setup-check-taken-slug");
    }

    @Test
    @Order(3)
    void theHomePageShowsTheMonthsFiguresAndDrawsTheCashFlowChart() {
        awaitActive(CLINIC, Duration.ofSeconds(240));
        String base = "/api/tenants/" + CLINIC;
        int product = api().body(Map.of("sku", "SCALE-1", "name", "Scaling", "hsn_sac", "9993", "price", "1000.00", "gst_rate", 18,
                "stock_quantity", 100)).post(base + "/products").then().statusCode(201).extract().path("data.id");
        int customer = api().body(Map.of("name", "Anil Mehta", "state", "Maharashtra")).post(base + "/customers").then()
                .statusCode(201).extract().path("data.id");
        int invoice = api().body(Map.of("customer_id", customer, "lines", List.of(Map.of("product_id", product, "quantity", 2))))
                .post(base + "/invoices").then().statusCode(201).extract().path("data.id");
        api().post(base + "/invoices/" + invoice + "/issue").then().statusCode(200);
        api().body(Map.of("amount", "1000.00", "mode", "upi")).post(base + "/invoices/" + invoice + "/payments").then().statusCode(201);

        browser.go(web.baseUrl() + "/t/" + CLINIC + "/", "home-figures");
        assertEquals("Setup Smile Clinic", browser.await(By.id("company")).getText());
        // 2 × ₹1,000 + 18 % GST invoiced, ₹1,000 collected, the rest outstanding: the API's sums, in Indian format.
        assertEquals("₹2,360.00", figure("figure-invoiced"));
        assertEquals("₹1,000.00", figure("figure-collected"));
        assertEquals("₹1,360.00", figure("figure-outstanding"));
        assertEquals("0", figure("figure-appointments"), "a dental clinic's appointments today");
        assertTrue(browser.driver().findElements(By.id("figure-production-orders")).isEmpty(), "no production orders for a clinic");

        WebElement chart = browser.driver().findElement(By.id("cash-flow-chart"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        new WebDriverWait(browser.driver(), CHECK_WAIT).until(d -> "true".equals(chart.getAttribute("data-chart-drawn")));
        assertFalse(chart.findElements(By.tagName("canvas")).isEmpty(), "the chart is drawn on a canvas");
        assertTrue(chart.getSize().getHeight() > 100, "the chart has room: " + chart.getSize());
        browser.shot("home-cash-flow-chart");
    }

    private String figure(String id) {
        return browser.driver().findElement(By.cssSelector("#" + id + " dd")).getText();
    }

    private void type(String field, String value) {
        WebElement input = browser.driver().findElement(By.id(field));
        input.clear();
        input.sendKeys(value);
    }

    /** Waits for the check under {@code field} to say something of {@code kind} (problem, warning, ok), and returns it. */
    private String awaitCheck(String field, String kind) {
        By check = By.cssSelector("#" + field + "-check." + kind);
        new WebDriverWait(browser.driver(), CHECK_WAIT).until(d -> !d.findElements(check).isEmpty()
                && !d.findElement(check).getText().isBlank());
        return browser.text(check);
    }

    private void awaitActive(String slug, Duration timeout) {
        await(slug + " active").atMost(timeout).pollInterval(Duration.ofMillis(500))
                .until(() -> "active".equals(api().get("/api/tenants/" + slug).then().statusCode(200).extract().path("data.status")));
    }
}
