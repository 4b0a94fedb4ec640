package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator console in a real browser, on the suite as e2e starts it: a platform admin opens /admin
 * from the header, filters the tenants, opens one, sees its provisioning per service and its
 * performance drawn as charts, suspends it through the confirmation page and sees it suspended, then
 * reactivates it; the suite's health lists every service; the database clusters page shows how full
 * each cluster is, and the tenant's page where its databases are; the console fits a phone; a tenant member
 * who is no platform admin gets the refusal page. (The move itself, on a suite of two clusters, is
 * TenantMoveDrillTest's.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorConsoleBrowserTest extends BrowserFixture {

    private static final String CLINIC = "ops-smile";
    private static final String SHOP = "ops-shop";
    private static final String ADMIN_EMAIL = "ops.admin@ipsc.example";
    private static final String MEMBER_EMAIL = "ops.member@ipsc.example";
    private static final String PASSWORD = "a long console test password";

    @BeforeAll
    void prepare() {
        api().body(Map.of("email", ADMIN_EMAIL, "password", PASSWORD, "full_name", "Kavya Iyer", "platform_admin", true))
                .post("/api/users").then().statusCode(201);
        api().body(Map.of("name", "Ops Smile Dental", "slug", CLINIC, "organization_type", "dental_clinic",
                "contact_email", "desk@opssmile.example", "gstin", "27AABFS1234A1Z5", "state", "Maharashtra", "pincode", "400001"))
                .post("/api/tenants").then().statusCode(201);
        api().body(Map.of("name", "Ops Corner Shop", "slug", SHOP, "organization_type", "business",
                "contact_email", "owner@opsshop.example", "state", "Karnataka", "pincode", "560001"))
                .post("/api/tenants").then().statusCode(201);
        tenants.member(SHOP, MEMBER_EMAIL, PASSWORD, "Rohan Das", "admin");
        tenants.awaitActive(CLINIC);
        // Some requests of the clinic through the gateway, for its performance charts.
        for (int i = 0; i < 5; i++) {
            api().get("/api/tenants/" + CLINIC + "/products").then().statusCode(200);
            api().get("/api/tenants/" + CLINIC + "/patients").then().statusCode(200);
        }
    }

    @Test
    @Order(1)
    void theAdminOpensTheConsoleAndFiltersTheTenants() {
        web.signIn(ADMIN_EMAIL, PASSWORD);
        browser.clickThrough(By.id("operator-console"));
        assertEquals("Tenants", browser.text(By.tagName("h1")));
        browser.await(By.id("tenants"));
        browser.shot("console-tenants");

        WebElement search = browser.driver().findElement(By.id("search"));
        search.sendKeys("ops-sm");
        awaitRows(List.of(CLINIC));
        new Select(browser.driver().findElement(By.id("status"))).selectByValue("active");
        awaitRows(List.of(CLINIC));
        assertTrue(browser.driver().getCurrentUrl().contains("search=ops-sm"), "the filter is in the address: "
                + browser.driver().getCurrentUrl());
        browser.shot("console-tenants-filtered");

        new Select(browser.driver().findElement(By.id("type"))).selectByValue("business");
        awaitText(By.id("tenant-results"), "No tenant matches these filters");
        browser.shot("console-tenants-none");
        new Select(browser.driver().findElement(By.id("type"))).selectByValue("dental_clinic");
        awaitRows(List.of(CLINIC));

        browser.clickThrough(By.linkText("Ops Smile Dental"));
        assertEquals("Ops Smile Dental", browser.text(By.tagName("h1")));
    }

    @Test
    @Order(2)
    void aTenantsPageShowsProvisioningPerServiceAndDrawsItsPerformance() {
        browser.go(web.baseUrl() + "/admin/tenants/" + CLINIC, "console-tenant");
        String provisioning = browser.text(By.id("provisioning"));
        for (String service : new String[]{"invoicing", "branding", "dental"}) {
            assertTrue(provisioning.contains(service), "each service: " + provisioning);
        }
        assertTrue(provisioning.toLowerCase().contains("provisioned"), provisioning);
        assertEquals("active", browser.text(By.id("tenant-status")));

        // The htmx parts: each replaces its "Loading…" with the figures.
        browser.await(By.cssSelector("#usage .meters"));
        browser.await(By.cssSelector("#database table"));
        browser.await(By.cssSelector("#security .counts"));
        WebElement chart = browser.await(By.id("requests-chart"));
        new WebDriverWait(browser.driver(), Browser.PAGE_WAIT).until(ExpectedConditions.presenceOfNestedElementLocatedBy(
                By.id("requests-chart"), By.cssSelector("canvas, svg")));
        new WebDriverWait(browser.driver(), Browser.PAGE_WAIT).until(ExpectedConditions.presenceOfNestedElementLocatedBy(
                By.id("latency-chart"), By.cssSelector("canvas, svg")));
        assertTrue(chart.getSize().getHeight() > 100 && chart.getSize().getWidth() > 200, "a chart of some size: " + chart.getSize());
        scrollTo(chart);
        browser.shot("console-tenant-performance");
        scrollTo(browser.driver().findElement(By.id("database")));
        browser.shot("console-tenant-database");
    }

    @Test
    @Order(3)
    void theAdminSuspendsThroughTheConfirmationThenReactivates() {
        browser.go(web.baseUrl() + "/admin/tenants/" + CLINIC, "console-tenant-before-suspend");
        browser.clickThrough(By.id("suspend-tenant"));
        assertEquals("Suspend Ops Smile Dental?", browser.text(By.tagName("h1")));
        browser.shot("console-confirm-suspend");
        api().get("/api/tenants/" + CLINIC).then().statusCode(200).body("data.status", org.hamcrest.Matchers.is("active"));

        browser.clickThrough(By.id("confirm-suspend"));
        assertEquals("suspended", browser.text(By.id("tenant-status")));
        assertTrue(browser.text(By.id("done")).startsWith("Suspended."), browser.pageText());
        browser.shot("console-tenant-suspended");
        api().get("/api/tenants/" + CLINIC).then().statusCode(200).body("data.status", org.hamcrest.Matchers.is("suspended"));

        browser.clickThrough(By.id("reactivate-tenant"));
        browser.clickThrough(By.id("confirm-reactivate"));
        assertEquals("active", browser.text(By.id("tenant-status")));
        browser.shot("console-tenant-reactivated");
    }

    @Test
    @Order(4)
    void systemHealthListsEveryService() {
        browser.go(web.baseUrl() + "/admin", "console-before-health");
        browser.clickThrough(By.id("system-health"));
        String services = browser.text(By.id("services"));
        for (String service : new String[]{"tenant", "invoicing", "branding", "dental", "manufacturing"}) {
            assertTrue(services.contains(service), "every service: " + services);
        }
        browser.shot("console-health");
    }

    @Test
    @Order(5)
    void theClustersPageShowsEachClusterAndTheTenantsPageWhereItsDatabasesAre() {
        browser.go(web.baseUrl() + "/admin", "console-before-clusters");
        browser.clickThrough(By.id("database-clusters"));
        assertEquals("Database clusters", browser.text(By.tagName("h1")));
        String main = browser.text(By.id("cluster-main"));
        assertTrue(main.contains("open") && main.matches("(?s).*\\d+ of [\\d,]+ organisations · [\\d,]+ free places.*"), main);
        assertEquals("open", new Select(browser.driver().findElement(By.id("state-main"))).getFirstSelectedOption().getText());
        browser.shot("console-clusters");

        browser.go(web.baseUrl() + "/admin/tenants/" + CLINIC, "console-tenant-cluster");
        WebElement cluster = browser.await(By.cssSelector("#placement #tenant-cluster"));
        assertEquals("main", cluster.getText());
        // One cluster in this suite: nowhere to move to, and the page says so rather than offering an empty choice.
        assertTrue(browser.text(By.id("placement")).contains("No other open cluster has room to move it to"), browser.text(By.id("placement")));
        scrollTo(browser.driver().findElement(By.id("placement")));
        browser.shot("console-tenant-cluster");
    }

    @Test
    @Order(6)
    void theConsoleFitsAPhone() {
        Dimension before = browser.driver().manage().window().getSize();
        try {
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            for (String page : new String[]{"/admin", "/admin/tenants/" + CLINIC, "/admin/clusters"}) {
                browser.go(web.baseUrl() + page, "console-phone" + page.replace('/', '-'));
                browser.await(By.tagName("h1"));
                Object overflow = ((JavascriptExecutor) browser.driver())
                        .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertTrue(((Number) overflow).longValue() <= 0, page + " is wider than the phone by " + overflow + " px");
            }
        } finally {
            browser.driver().manage().window().setSize(before);
        }
    }

    @Test
    @Order(7)
    void aTenantMemberWhoIsNoPlatformAdminIsRefused() {
        try (Browser other = secondBrowser()) {
            WebApp asMember = new WebApp(other, web.baseUrl());
            asMember.signIn(MEMBER_EMAIL, PASSWORD);
            assertTrue(other.driver().findElements(By.id("operator-console")).isEmpty(), "no console link for a member");
            other.go(web.baseUrl() + "/admin", "console-refused");
            assertEquals("Only for platform administrators", other.text(By.tagName("h1")));
            assertFalse(other.pageText().contains(CLINIC), "nothing of the tenants: " + other.pageText());
        }
    }

    private void awaitRows(List<String> slugs) {
        // htmx replaces the rows as the filter applies: a row read during the swap is gone, so look again.
        new WebDriverWait(browser.driver(), Browser.PAGE_WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            List<String> shown = d.findElements(By.cssSelector("#tenants tbody tr")).stream().map(r -> r.getAttribute("data-slug")).toList();
            return shown.equals(slugs);
        });
    }

    private void awaitText(By what, String text) {
        new WebDriverWait(browser.driver(), Browser.PAGE_WAIT).until(ExpectedConditions.textToBePresentInElementLocated(what, text));
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    }
}
