package io.ipsc.e2e.web;

import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History on a product's and an invoice's page, from the audit trail that invoicing-service's triggers keep, all
 * written by the tenant's admin through the API. A product created, then its price changed: the admin opens History
 * under the product and reads who changed what, from what to what. A draft invoice written with two lines, then
 * edited (the second line's quantity from 2 to 5; issue 21): History under the invoice shows each line added, its tax
 * worked out, and the edit's lines removed and added again with the new quantity, newest first. A viewer's page has
 * no History at all.
 */
class AuditHistoryBrowserTest extends BrowserFixture {

    private static final String SHOP = "history-shop";
    private static final String ADMIN_EMAIL = "history.admin@ipsc.example";
    private static final String VIEWER_EMAIL = "history.viewer@ipsc.example";
    private static final String PASSWORD = "a long history test password";

    private String productPage;
    private String invoicePage;

    @BeforeAll
    void setUp() {
        tenants.create(Map.of("name", "History Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@history.example",
                "gstin", "29AAGCB7383J1Z4", "state", "Karnataka", "pincode", "560001"));
        tenants.member(SHOP, ADMIN_EMAIL, PASSWORD, "Kavya Iyer", "admin");
        tenants.member(SHOP, VIEWER_EMAIL, PASSWORD, "Rohan Das", "viewer");
        // The tenant's admin writes, so the trail names them.
        String token = given().baseUri(suite.gatewayUrl()).contentType("application/json")
                .body(Map.of("email", ADMIN_EMAIL, "password", PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().path("data.access_token");

        Map<String, Object> product = new LinkedHashMap<>(Map.of("sku", "TEA-250", "name", "Assam tea 250 g", "hsn_sac", "0902",
                "unit", "NOS", "price", 180, "gst_rate", 5, "stock_quantity", 40, "reorder_level", 10));
        int tea = asAdmin(token).body(product).post("/api/products").then().statusCode(201).extract().path("data.id");
        product.put("price", 195);
        product.remove("stock_quantity"); // stock changes through movements, not by editing
        asAdmin(token).body(product).put("/api/products/" + tea).then().statusCode(200);
        productPage = web.baseUrl() + "/t/" + SHOP + "/products/" + tea;

        int mug = asAdmin(token).body(Map.of("sku", "MUG-01", "name", "Steel mug", "hsn_sac", "0902", "unit", "NOS", "price", 250,
                        "gst_rate", 5, "stock_quantity", 40, "reorder_level", 10))
                .post("/api/products").then().statusCode(201).extract().path("data.id");
        int customer = asAdmin(token).body(Map.of("name", "Hubli Traders", "state", "Karnataka")).post("/api/customers")
                .then().statusCode(201).extract().path("data.id");
        int invoice = asAdmin(token).body(Map.of("customer_id", customer, "lines", List.of(
                        Map.of("product_id", tea, "quantity", 1), Map.of("product_id", mug, "quantity", 2))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
        asAdmin(token).body(Map.of("customer_id", customer, "lines", List.of(
                        Map.of("product_id", tea, "quantity", 1), Map.of("product_id", mug, "quantity", 5))))
                .put("/api/invoices/" + invoice).then().statusCode(200);
        invoicePage = web.baseUrl() + "/t/" + SHOP + "/invoices/" + invoice;
    }

    private RequestSpecification asAdmin(String token) {
        return given().baseUri(suite.gatewayUrl()).contentType("application/json").header("Authorization", "Bearer " + token)
                .header("X-Tenant-ID", SHOP);
    }

    @Test
    void theAdminReadsWhoChangedThePriceFromWhatToWhat() {
        web.signIn(ADMIN_EMAIL, PASSWORD);
        String history = openHistory(productPage, "history-product", "history-opened");
        assertTrue(history.contains("Changed by " + ADMIN_EMAIL), history);
        assertTrue(history.contains("price: ₹180.00 → ₹195.00"), history);
        assertTrue(history.contains("Created by " + ADMIN_EMAIL), history);
        assertTrue(history.indexOf("Changed") < history.indexOf("Created"), "newest first: " + history);
        web.signOut();
    }

    @Test
    void theAdminReadsEachInvoiceLineAddedTaxedRemovedAndAddedAgain() {
        web.signIn(ADMIN_EMAIL, PASSWORD);
        String history = openHistory(invoicePage, "lines-history-invoice", "lines-history-opened");
        List<String> heads = browser.driver().findElements(By.cssSelector("#history-list .history-head strong")).stream()
                .map(e -> e.getText()).toList();
        // Written once with their amounts: the invoice with its totals and two lines with their tax; edited: the
        // invoice's totals changed and the two lines replaced. No line is rewritten after its insert.
        assertEquals(2, heads.stream().filter("Line removed"::equals).count(), heads.toString());
        assertEquals(4, heads.stream().filter("Line added"::equals).count(), heads.toString());
        assertEquals(0, heads.stream().filter("Line changed"::equals).count(), heads.toString());
        assertEquals(1, heads.stream().filter("Changed"::equals).count(), heads.toString());
        List<String> lines = browser.driver().findElements(By.cssSelector("#history-list .history-line")).stream()
                .map(e -> e.getText()).toList();
        assertTrue(lines.contains("Line 2 · Steel mug"), "each line entry names its line: " + lines);
        assertEquals("Created", heads.get(heads.size() - 1), "newest first, the invoice's creation last: " + heads);
        // A line added or removed at a glance, as it was (5 mugs at 250, 5 % GST within the state: 1,312.50; its
        // description is in its name); its other fields behind a closed toggle.
        assertTrue(history.contains("quantity 5 NOS · rate ₹250.00 · total ₹1,312.50"), history);
        assertTrue(history.contains("quantity 2 NOS"), history);
        assertFalse(history.contains("hsn sac"), "a line's other fields wait behind their toggle: " + history);
        browser.driver().findElements(By.cssSelector("#history-list .history-other-fields summary")).forEach(toggle -> toggle.click());
        browser.shot("lines-history-fields-opened");
        String opened = browser.text(By.id("history"));
        assertTrue(opened.contains("hsn sac: 0902") && opened.contains("taxable amount: ₹1,250.00"), opened);
        assertTrue(history.contains("by " + ADMIN_EMAIL), history);
        assertTrue(!history.contains("System"), "every change is the admin's: " + history);
        web.signOut();
    }

    @Test
    void aViewersProductPageHasNoHistory() {
        web.signIn(VIEWER_EMAIL, PASSWORD);
        browser.go(productPage, "history-viewer");
        assertFalse(browser.driver().findElements(By.id("history")).iterator().hasNext(), browser.pageText());
        web.signOut();
    }

    /** Opens History under the page's record, scrolled into view, and returns what it says. */
    private String openHistory(String page, String pageShot, String openedShot) {
        browser.go(page, pageShot);
        browser.driver().findElement(By.cssSelector("#history summary")).click();
        browser.await(By.id("history-list"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", browser.driver().findElement(By.id("history")));
        browser.shot(openedShot);
        return browser.text(By.id("history"));
    }
}
