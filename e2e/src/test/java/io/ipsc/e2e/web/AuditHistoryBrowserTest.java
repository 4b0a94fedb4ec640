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

import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A product's history on its page, from the audit trail that invoicing-service's triggers keep: created, then its
 * price changed by the tenant's admin through the API; the admin opens History under the product and reads who
 * changed what, from what to what. A viewer's page has no History at all.
 */
@ExtendWith(SuiteExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditHistoryBrowserTest {

    private static final String SHOP = "history-shop";
    private static final String ADMIN_EMAIL = "history.admin@ipsc.example";
    private static final String VIEWER_EMAIL = "history.viewer@ipsc.example";
    private static final String PASSWORD = "a long history test password";

    private Browser browser;
    private WebApp web;
    private String productPage;

    @RegisterExtension
    final TestWatcher failureShots = Browser.failureShots(() -> browser);

    @BeforeAll
    void setUp(LocalSuite suite) {
        Browser.requireInstalled();
        WebTenants tenants = new WebTenants(suite);
        tenants.create(Map.of("name", "History Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@history.example",
                "gstin", "29AAGCB7383J1Z4", "state", "Karnataka", "pincode", "560001"));
        tenants.member(SHOP, ADMIN_EMAIL, PASSWORD, "Kavya Iyer", "admin");
        tenants.member(SHOP, VIEWER_EMAIL, PASSWORD, "Rohan Das", "viewer");
        Map<String, Object> product = new LinkedHashMap<>(Map.of("sku", "TEA-250", "name", "Assam tea 250 g", "hsn_sac", "0902",
                "unit", "NOS", "price", 180, "gst_rate", 5, "stock_quantity", 40, "reorder_level", 10));
        // The tenant's admin writes, so the trail names them.
        String token = given().baseUri(suite.gatewayUrl()).contentType("application/json")
                .body(Map.of("email", ADMIN_EMAIL, "password", PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().path("data.access_token");
        int id = asAdmin(suite, token).body(product).post("/api/products").then().statusCode(201).extract().path("data.id");
        product.put("price", 195);
        product.remove("stock_quantity"); // stock changes through movements, not by editing
        asAdmin(suite, token).body(product).put("/api/products/" + id).then().statusCode(200);

        browser = Browser.open();
        web = new WebApp(browser, "http://localhost:" + suite.spec("web").port());
        productPage = web.baseUrl() + "/t/" + SHOP + "/products/" + id;
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
    void theAdminReadsWhoChangedThePriceFromWhatToWhat() {
        web.signIn(ADMIN_EMAIL, PASSWORD);
        browser.go(productPage, "history-product");
        browser.driver().findElement(By.cssSelector("#history summary")).click();
        browser.await(By.id("history-list"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
                browser.driver().findElement(By.id("history")));
        browser.shot("history-opened");
        String history = browser.text(By.id("history"));
        assertTrue(history.contains("Changed by " + ADMIN_EMAIL), history);
        assertTrue(history.contains("price: 180 → 195"), history);
        assertTrue(history.contains("Created by " + ADMIN_EMAIL), history);
        assertTrue(history.indexOf("Changed") < history.indexOf("Created"), "newest first: " + history);
        web.signOut();
    }

    @Test
    void aViewersProductPageHasNoHistory() {
        web.signIn(VIEWER_EMAIL, PASSWORD);
        browser.go(productPage, "history-viewer");
        assertFalse(browser.driver().findElements(By.id("history")).iterator().hasNext(), browser.pageText());
        web.signOut();
    }
}
