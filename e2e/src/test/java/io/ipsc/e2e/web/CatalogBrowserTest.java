package io.ipsc.e2e.web;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Products, customers, vendors, a purchase and a payment made, in a real browser on the suite as e2e starts
 * it. A business tenant in Karnataka; its admin adds a product below its reorder level (the list marks it low
 * stock), a customer whose GSTIN is typed wrong first (invoicing-service's check shows the problem at the field)
 * then right (the state fills in from it), a vendor in Tamil Nadu, a purchase from that vendor (inter-state:
 * IGST) and a part payment made; what the API holds afterwards is checked. A viewer sees the lists without
 * buttons.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogBrowserTest extends BrowserFixture {

    private static final String SHOP = "catalog-shop";
    private static final String ADMIN_EMAIL = "catalog.admin@ipsc.example";
    private static final String VIEWER_EMAIL = "catalog.viewer@ipsc.example";
    private static final String PASSWORD = "a long catalog test password";
    /*
     * 100 kg × ₹80 = ₹8,000 taxable from a Tamil Nadu vendor to a Karnataka buyer: IGST 18% = ₹1,440, total
     * ₹9,440.00. A part payment of ₹4,000 leaves ₹5,440.00.
     */
    private static final String TOTAL = "₹9,440.00";
    private static final String BALANCE = "₹5,440.00";

    private String workspace;
    private String purchasePage;

    @BeforeAll
    void setUp() throws InterruptedException {
        tenants.create(Map.of("name", "Catalog Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@catalog.example",
                "gstin", "29AAGCB7383J1Z4", "state", "Karnataka", "pincode", "560001"));
        member(ADMIN_EMAIL, "Meera Nair", "admin");
        member(VIEWER_EMAIL, "Arjun Rao", "viewer");

        workspace = web.baseUrl() + "/t/" + SHOP + "/";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void aProductBelowItsReorderLevelIsMarkedLowStock() {
        browser.go(workspace + "products", "catalog-products-empty");
        browser.clickThrough(By.id("new-product"));
        // A price the API refuses is shown at its field, and what was typed is kept.
        fill(Map.of("sku", "STEEL-ROD", "name", "Steel rod 12 mm", "hsn_sac", "7214", "unit", "kg", "price", "85.555",
                "gst_rate", "18", "stock_quantity", "3", "reorder_level", "5"));
        browser.clickThrough(By.id("save-product"));
        assertTrue(web.fieldError("price").contains("two decimals"), web.fieldError("price"));
        assertEquals("Steel rod 12 mm", browser.driver().findElement(By.id("name")).getAttribute("value"));
        browser.shot("catalog-product-refused");
        web.type("price", "85.50");
        browser.clickThrough(By.id("save-product"));
        browser.await(By.id("products"));
        String row = browser.text(By.cssSelector("#products tbody tr"));
        assertTrue(row.contains("STEEL-ROD") && row.contains("₹85.50") && row.contains("Low stock"), row);
        browser.shot("catalog-products-low-stock");

        JsonPath product = api().queryParam("search", "steel").get("/api/tenants/" + SHOP + "/products").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, product.getInt("data.total_items"));
        assertEquals(85.5f, product.getFloat("data.items[0].price"));
        assertEquals(3f, product.getFloat("data.items[0].stock_quantity"));
        assertEquals(5f, product.getFloat("data.items[0].reorder_level"));
        assertEquals("7214", product.getString("data.items[0].hsn_sac"));
    }

    @Test
    @Order(2)
    void aCustomersGstinIsCheckedAsTypedAndGivesTheState() {
        browser.go(workspace + "customers", "catalog-customers-empty");
        browser.clickThrough(By.id("new-customer"));
        web.type("name", "Pune Traders");
        web.type("gstin", "27AAPFU0939");
        awaitCheck("gstin", "problem");
        browser.shot("catalog-customer-gstin-wrong");
        web.type("gstin", "27AAPFU0939F1ZV");
        awaitValue("state", "Maharashtra");
        String registered = awaitCheck("gstin", "ok");
        assertTrue(registered.contains("Maharashtra (27)"), registered);
        web.type("city", "Pune");
        browser.shot("catalog-customer-gstin-right");
        browser.clickThrough(By.id("save-party"));
        browser.await(By.id("notice"));

        JsonPath customer = api().get("/api/tenants/" + SHOP + "/customers").then().statusCode(200).extract().jsonPath();
        assertEquals(1, customer.getInt("data.total_items"));
        assertEquals("27AAPFU0939F1ZV", customer.getString("data.items[0].gstin"));
        assertEquals("27", customer.getString("data.items[0].state_code"));
        assertEquals("Maharashtra", customer.getString("data.items[0].state"));
    }

    @Test
    @Order(3)
    void aVendorThenAPurchaseFromItAndAPartPaymentMade() {
        browser.go(workspace + "vendors", "catalog-vendors-empty");
        browser.clickThrough(By.id("new-vendor"));
        web.type("name", "Chennai Steel Works");
        web.type("gstin", "33AAACH7409R1Z8");
        awaitValue("state", "Tamil Nadu");
        browser.clickThrough(By.id("save-party"));
        browser.await(By.id("notice"));

        browser.go(workspace + "purchases", "catalog-purchases-empty");
        browser.clickThrough(By.id("new-purchase"));
        web.pick("vendor_id", "Chennai", "Chennai Steel Works");
        web.type("bill_number", "CSW/1042");
        web.pick("product-0", "STEEL", "Steel rod 12 mm · STEEL-ROD");
        web.type("quantity-0", "100");
        // Choosing the product filled the rate and GST from the catalog; the vendor's bill says what was paid.
        web.type("unit_price-0", "80");
        web.type("gst_rate-0", "18");
        browser.shot("catalog-purchase-form");
        browser.clickThrough(By.id("record-purchase"));
        browser.await(By.id("balance-due"));
        purchasePage = browser.driver().getCurrentUrl().replaceAll("\\?.*$", "");
        assertEquals(TOTAL, browser.text(By.id("total")));
        assertEquals("₹1,440.00", browser.text(By.id("igst")));
        assertEquals(TOTAL, browser.text(By.id("balance-due")));
        assertEquals("Chennai Steel Works", browser.text(By.id("purchase-vendor")));

        web.type("amount", "4000");
        new Select(browser.driver().findElement(By.id("mode"))).selectByValue("bank_transfer");
        browser.clickThrough(By.id("record-payment"));
        browser.awaitText(By.id("balance-due"), BALANCE, Browser.PAGE_WAIT);
        assertEquals("Partially paid", browser.text(By.id("purchase-status")));
        browser.shot("catalog-purchase-part-paid");

        // More than the balance: the API's refusal at the payment form, nothing changed.
        web.type("amount", "99999");
        browser.clickThrough(By.id("record-payment"));
        browser.await(By.id("payment-problem"));
        assertEquals(BALANCE, browser.text(By.id("balance-due")));

        JsonPath purchase = api().get("/api/tenants/" + SHOP + "/purchases").then().statusCode(200).extract().jsonPath();
        assertEquals(1, purchase.getInt("data.total_items"));
        assertEquals("CSW/1042", purchase.getString("data.items[0].bill_number"));
        assertEquals(true, purchase.getBoolean("data.items[0].inter_state"));
        assertEquals(9440f, purchase.getFloat("data.items[0].total"));
        assertEquals(4000f, purchase.getFloat("data.items[0].amount_paid"));
        assertEquals(5440f, purchase.getFloat("data.items[0].balance_due"));
        browser.go(workspace + "purchases", "catalog-purchases");
        assertTrue(browser.text(By.id("purchases")).contains("Chennai Steel Works"), browser.text(By.id("purchases")));
    }

    @Test
    @Order(4)
    void aViewerSeesTheListsWithoutButtons() {
        try (Browser other = secondBrowser()) {
            WebApp viewer = new WebApp(other, web.baseUrl());
            viewer.signIn(VIEWER_EMAIL, PASSWORD);
            for (String page : List.of("products", "customers", "vendors", "purchases")) {
                other.go(workspace + page, "catalog-viewer-" + page);
                other.await(By.tagName("h1"));
                assertTrue(other.driver().findElements(By.cssSelector("main form[method=post], main a.button, main .danger-link")).isEmpty(),
                        "nothing to change for a viewer on " + page);
            }
            other.go(purchasePage, "catalog-viewer-purchase");
            assertEquals(BALANCE, other.text(By.id("balance-due")));
            assertTrue(other.driver().findElements(By.id("payment-form")).isEmpty());
        }
    }

    @Test
    @Order(5)
    void archivingAsksFirst() {
        browser.go(workspace + "customers", "catalog-customers");
        browser.clickThrough(By.cssSelector("#customers .danger-link"));
        assertTrue(browser.text(By.tagName("h1")).contains("Pune Traders"), browser.text(By.tagName("h1")));
        browser.shot("catalog-archive-confirm");
        browser.clickThrough(By.id("confirm-archive"));
        browser.await(By.id("notice"));
        assertEquals(0, api().get("/api/tenants/" + SHOP + "/customers").then().statusCode(200).extract().jsonPath()
                .getInt("data.total_items"));
    }

    /** Waits until the answer under a field checked as typed is of this kind, and returns what it says. */
    private String awaitCheck(String field, String kind) {
        // htmx replaces the answer's element as it arrives: an element found just before is then stale, and looked for again.
        return browser.swapping().until(d -> {
            var check = d.findElement(By.id(field + "-check"));
            return check.getAttribute("class").contains(kind) ? check.getText() : null;
        });
    }

    /** Waits until the field with this id holds {@code value} (the state field is replaced out of band). */
    private void awaitValue(String id, String value) {
        browser.swapping().until(d -> value.equals(d.findElement(By.id(id)).getAttribute("value")));
    }

    private void fill(Map<String, String> fields) {
        fields.forEach(web::type);
    }

    private void member(String email, String fullName, String role) {
        tenants.member(SHOP, email, PASSWORD, fullName, role);
    }
}
