package io.ipsc.e2e.web;

import io.ipsc.e2e.LocalSuite;
import io.ipsc.e2e.SuiteExtension;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An invoice's history shows its lines' changes, from the audit trail's triggers (issue 21): a draft written
 * with two lines, then edited (the second line's quantity from 2 to 5) through the API by the tenant's admin.
 * The admin opens History under the invoice and reads each line added, its tax worked out, and the edit's lines
 * removed and added again with the new quantity, each by the admin, newest first.
 */
@ExtendWith(SuiteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoiceLinesHistoryBrowserTest {

    private static final String SHOP = "lines-history-shop";
    private static final String ADMIN_EMAIL = "lines.admin@ipsc.example";
    private static final String PASSWORD = "a long lines history password";

    private Browser browser;
    private WebApp web;
    private String invoicePage;

    @RegisterExtension
    final TestWatcher failureShots = Browser.failureShots(() -> browser);

    @BeforeAll
    void setUp(LocalSuite suite) {
        Browser.requireInstalled();
        WebTenants tenants = new WebTenants(suite);
        tenants.create(Map.of("name", "Lines History Shop", "slug", SHOP, "organization_type", "business", "contact_email",
                "owner@lines-history.example", "gstin", "29AAGCB7383J1Z4", "state", "Karnataka", "pincode", "560001"));
        tenants.member(SHOP, ADMIN_EMAIL, PASSWORD, "Meera Rao", "admin");
        String token = given().baseUri(suite.gatewayUrl()).contentType("application/json")
                .body(Map.of("email", ADMIN_EMAIL, "password", PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().path("data.access_token");
        int customer = asAdmin(suite, token).body(Map.of("name", "Hubli Traders", "state", "Karnataka")).post("/api/customers")
                .then().statusCode(201).extract().path("data.id");
        int tea = product(suite, token, "TEA-250", "Assam tea 250 g", 180);
        int mug = product(suite, token, "MUG-01", "Steel mug", 250);
        int invoice = asAdmin(suite, token).body(Map.of("customer_id", customer, "lines", List.of(
                        Map.of("product_id", tea, "quantity", 1), Map.of("product_id", mug, "quantity", 2))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
        asAdmin(suite, token).body(Map.of("customer_id", customer, "lines", List.of(
                        Map.of("product_id", tea, "quantity", 1), Map.of("product_id", mug, "quantity", 5))))
                .put("/api/invoices/" + invoice).then().statusCode(200);

        browser = Browser.open();
        web = new WebApp(browser, "http://localhost:" + suite.spec("web").port());
        invoicePage = web.baseUrl() + "/t/" + SHOP + "/invoices/" + invoice;
    }

    private static int product(LocalSuite suite, String token, String sku, String name, int price) {
        return asAdmin(suite, token).body(Map.of("sku", sku, "name", name, "hsn_sac", "0902", "unit", "NOS", "price", price,
                        "gst_rate", 5, "stock_quantity", 40, "reorder_level", 10))
                .post("/api/products").then().statusCode(201).extract().path("data.id");
    }

    private static RequestSpecification asAdmin(LocalSuite suite, String token) {
        return given().baseUri(suite.gatewayUrl()).contentType("application/json").header("Authorization", "Bearer " + token)
                .header("X-Tenant-ID", SHOP);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theAdminReadsEachLineAddedTaxedRemovedAndAddedAgain() {
        web.signIn(ADMIN_EMAIL, PASSWORD);
        browser.go(invoicePage, "lines-history-invoice");
        browser.driver().findElement(By.cssSelector("#history summary")).click();
        browser.await(By.id("history-list"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", browser.driver().findElement(By.id("history")));
        browser.shot("lines-history-opened");
        String history = browser.text(By.id("history"));
        List<String> heads = browser.driver().findElements(By.cssSelector("#history-list .history-head strong")).stream()
                .map(e -> e.getText()).toList();
        // Written: the invoice, two lines, each line's tax; edited: the two lines replaced, each taxed again.
        assertEquals(2, heads.stream().filter("Line removed"::equals).count(), heads.toString());
        assertEquals(4, heads.stream().filter("Line added"::equals).count(), heads.toString());
        assertTrue(heads.stream().filter("Line changed"::equals).count() >= 4, heads.toString());
        assertEquals("Created", heads.get(heads.size() - 1), "newest first, the invoice's creation last: " + heads);
        assertTrue(history.contains("quantity: — → 5"), history);
        assertTrue(history.contains("quantity: 2 → —"), history);
        assertTrue(history.contains("taxable amount: 0 → 1250"), history);
        assertTrue(history.contains("by " + ADMIN_EMAIL), history);
        assertTrue(!history.contains("System"), "every change is the admin's: " + history);
        web.signOut();
    }
}
