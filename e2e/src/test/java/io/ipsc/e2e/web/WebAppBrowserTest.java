package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app in a real browser, on the suite as e2e starts it: a platform admin signs in, sets up a
 * dental clinic at /tenant-setup and watches it become active, opens its workspace on the clinic's own
 * host in the clinic's colour; a member of another organisation is refused; a post without the CSRF
 * token is refused; after signing out the back button shows nothing private.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppBrowserTest extends BrowserFixture {

    private static final String CLINIC = "web-smile";
    private static final String SHOP = "web-shop";
    private static final String ADMIN_EMAIL = "web.admin@ipsc.example";
    private static final String MEMBER_EMAIL = "web.member@ipsc.example";
    private static final String PASSWORD = "a long web test password";
    /** The clinic's brand colour, set through the API; the page must show it as rgb(142, 36, 170). */
    private static final String BRAND_COLOUR = "#8e24aa";
    private static final Duration PROVISIONING = Duration.ofSeconds(240);

    @BeforeAll
    void openBrowser() {
        api().body(Map.of("email", ADMIN_EMAIL, "password", PASSWORD, "full_name", "Priya Raman", "platform_admin", true))
                .post("/api/users").then().statusCode(201);
    }

    @Test
    @Order(1)
    void aWrongPasswordIsToldThenTheAdminSignsIn() {
        web.signIn(ADMIN_EMAIL, "not the password");
        assertTrue(browser.text(By.id("sign-in-error")).contains("do not match"), browser.pageText());

        web.fillSignIn(ADMIN_EMAIL, PASSWORD);
        assertEquals("Welcome, Priya Raman", browser.text(By.tagName("h1")));
        assertNotNull(browser.driver().findElement(By.linkText("Set up an organisation")));
    }

    @Test
    @Order(2)
    void theAdminSetsUpAClinicAndWatchesItBecomeActive() {
        web.openTenantSetup();
        Map<String, String> clinic = new LinkedHashMap<>();
        clinic.put("name", "Web Smile Dental");
        clinic.put("slug", CLINIC);
        clinic.put("organization_type", "dental_clinic");
        clinic.put("contact_person", "Dr. Sarah Johnson");
        clinic.put("contact_email", "dr.sarah@websmile.example");
        clinic.put("contact_phone", "+91-9876543210");
        clinic.put("gstin", "27AABFS1234A1Z5");
        clinic.put("industry", "Healthcare");
        clinic.put("size", "small");
        clinic.put("address_line1", "123 Dental Street");
        clinic.put("city", "Mumbai");
        clinic.put("state", "Maharashtra");
        clinic.put("pincode", "4000");

        // The API's own check, shown at the field it concerns.
        web.submitTenant(clinic);
        assertNotNull(web.fieldError("pincode"), "the PIN code's error at its field: " + browser.pageText());
        assertEquals("4000", browser.driver().findElement(By.id("pincode")).getAttribute("value"), "what was typed is kept");

        web.submitTenant(Map.of("pincode", "400001"));
        assertEquals("Setting up Web Smile Dental", browser.text(By.tagName("h1")));
        browser.shot("provisioning");
        web.awaitActive(PROVISIONING);
        String services = browser.text(By.className("services"));
        for (String service : new String[]{"invoicing", "branding", "dental"}) {
            assertTrue(services.contains(service), "each service's state: " + services);
        }
    }

    @Test
    @Order(3)
    void theClinicsWorkspaceOpensOnItsOwnHostInItsColour() {
        api().body(Map.of("primary_color", BRAND_COLOUR, "company_name", "Web Smile Dental Clinic"))
                .put("/api/tenants/" + CLINIC + "/branding").then().statusCode(200);

        browser.driver().findElement(By.id("open-workspace")).click();
        browser.awaitUrlContaining(CLINIC + ".localhost");
        // Its own host has its own cookies: the admin signs in there, and lands in the workspace.
        web.fillSignIn(ADMIN_EMAIL, PASSWORD);
        assertEquals("Web Smile Dental Clinic", browser.await(By.id("company")).getText());
        browser.shot("workspace-home");

        String bar = browser.driver().findElement(By.className("bar")).getCssValue("background-color");
        assertTrue(bar.contains("142, 36, 170"), "the brand colour on the page: " + bar);
        String menu = browser.text(By.className("menu"));
        assertTrue(menu.contains("Patients") && menu.contains("Appointments"), "a dental clinic's menu: " + menu);
        assertFalse(menu.contains("Production"), "no manufacturing for a clinic: " + menu);
        String figures = browser.text(By.className("figures"));
        assertTrue(figures.contains("₹0.00") && figures.contains("Invoiced"), figures);

        // A section of the menu: the clinic's patients, none yet.
        browser.clickThrough(By.linkText("Patients"));
        assertEquals("Patients", browser.text(By.tagName("h1")));
        assertEquals("No patients yet.", browser.text(By.id("empty")));
        browser.shot("workspace-patients");

        // The same workspace under /t/<slug>/ on the app's own host, where the admin signed in first.
        browser.go(web.baseUrl() + "/t/" + CLINIC + "/", "workspace-by-path");
        assertEquals("Web Smile Dental Clinic", browser.await(By.id("company")).getText());
    }

    @Test
    @Order(4)
    void aMemberOfAnotherOrganisationIsRefusedAndUnknownOrSuspendedOnesSaySo() {
        api().body(Map.of("name", "Web Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@webshop.example",
                "gstin", "29AAGCB7383J1Z4", "state", "Karnataka", "pincode", "560001")).post("/api/tenants").then().statusCode(201);
        tenants.member(SHOP, MEMBER_EMAIL, PASSWORD, "Amit Patel", "staff");

        try (Browser other = secondBrowser()) {
            WebApp asMember = new WebApp(other, web.baseUrl());
            asMember.signIn(MEMBER_EMAIL, PASSWORD);
            other.go(web.baseUrl() + "/t/" + CLINIC + "/", "member-of-another-tenant");
            assertEquals("Not yours to open", other.text(By.tagName("h1")));
            assertFalse(other.pageText().contains("Web Smile Dental"), "nothing of the clinic: " + other.pageText());
        }

        browser.go(web.baseUrl() + "/t/no-such-organisation/", "unknown-tenant");
        assertEquals("Not found", browser.text(By.tagName("h1")));

        api().post("/api/tenants/" + SHOP + "/suspend").then().statusCode(200);
        browser.go(web.baseUrl() + "/t/" + SHOP + "/", "suspended-tenant");
        assertTrue(browser.pageText().contains("is suspended"), browser.pageText());
    }

    @Test
    @Order(5)
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        web.openTenantSetup();
        Cookie session = browser.driver().manage().getCookieNamed("ipsc_session");
        assertNotNull(session, "signed in on " + web.baseUrl());
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelectorAll('input[name=\"csrf-token\"]').forEach(e => e.remove())");
        web.submitTenant(Map.of("name", "Forged Org", "slug", "web-forged", "organization_type", "business"));
        assertFalse(browser.pageText().contains("Setting up"), "no tenant set up: " + browser.pageText());

        given().baseUri(web.baseUrl()).redirects().follow(false).cookie("ipsc_session", session.getValue())
                .formParams(Map.of("name", "Forged Org", "slug", "web-forged", "organization_type", "business"))
                .post("/tenant-setup").then().statusCode(400);
        api().get("/api/tenants/web-forged").then().statusCode(404);
    }

    @Test
    @Order(6)
    void afterSigningOutTheBackButtonShowsNothingPrivate() {
        browser.go(web.baseUrl() + "/t/" + CLINIC + "/", "workspace-before-sign-out");
        assertEquals("Web Smile Dental Clinic", browser.await(By.id("company")).getText());
        web.signOut();
        assertTrue(browser.pageText().contains("You are signed out"), browser.pageText());

        browser.driver().navigate().back();
        browser.await(By.tagName("h1"));
        browser.shot("back-after-sign-out");
        String shown = browser.pageText();
        assertFalse(shown.contains("Money in") || shown.contains("Web Smile Dental Clinic"), "nothing private: " + shown);
        assertEquals("Sign in", browser.text(By.tagName("h1")));
    }
}
