package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The invoice editor in a real browser, on the suite as e2e starts it: a business tenant with a product
 * and a customer (made through the API); its admin opens the editor, chooses the customer and product,
 * types a quantity and a discount, sees the API's preview total, saves and issues, records a part
 * payment and sees the balance, and downloads the PDF through the web app's route. A viewer sees the
 * invoice but no buttons.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvoiceEditorBrowserTest extends BrowserFixture {

    private static final String SHOP = "invoice-shop";
    private static final String ADMIN_EMAIL = "invoices.admin@ipsc.example";
    private static final String VIEWER_EMAIL = "invoices.viewer@ipsc.example";
    private static final String PASSWORD = "a long invoices test password";
    /*
     * 4 × ₹12,500 less 10% = ₹45,000 taxable; the customer is in Karnataka like the shop (GSTIN 29…), so
     * intra-state: CGST 9% = ₹4,050 and SGST 9% = ₹4,050; total ₹53,100.00 (no round-off).
     * A part payment of ₹20,000 leaves ₹33,100.00.
     */
    private static final String TOTAL = "₹53,100.00";
    private static final String CGST = "₹4,050.00";
    private static final String BALANCE = "₹33,100.00";

    private String workspace;
    private String invoicePage;

    @BeforeAll
    void setUp() throws InterruptedException {
        tenants.create(Map.of("name", "Invoice Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@invoices.example",
                "gstin", "29AAGCB7383J1Z4", "state", "Karnataka", "pincode", "560001"));
        api().body(Map.of("sku", "BRASS-VALVE", "name", "Brass valve", "hsn_sac", "8481", "unit", "nos", "price", 12500,
                "gst_rate", 18, "stock_quantity", 10)).post("/api/tenants/" + SHOP + "/products").then().statusCode(201);
        api().body(Map.of("name", "Kaveri Traders", "state", "Karnataka", "city", "Mysuru", "address_line1", "12 Sayyaji Rao Road",
                "pincode", "570001")).post("/api/tenants/" + SHOP + "/customers").then().statusCode(201);
        member(ADMIN_EMAIL, "Anita Desai", "admin");
        member(VIEWER_EMAIL, "Ravi Kumar", "viewer");

        workspace = web.baseUrl() + "/t/" + SHOP + "/";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void theEditorPreviewsTheApiTotalsThenSavesAndIssues() {
        browser.go(workspace + "invoices", "invoices-empty-list");
        browser.clickThrough(By.id("new-invoice"));
        browser.await(By.id("customer_id-search"));
        browser.shot("invoice-editor-empty");

        // The pickers search as they are typed; the tenant has one customer and one product.
        web.pick("customer_id", "Kaveri", "Kaveri Traders");
        web.pick("product-0", "brass", "Brass valve · BRASS-VALVE");
        assertEquals("Brass valve · BRASS-VALVE", browser.driver().findElement(By.id("product-0-search")).getAttribute("value"));
        web.type("quantity-0", "4");
        web.type("discount-0", "10");
        // htmx posts the form to the preview route as it changes; the API's figures replace the totals.
        browser.awaitText(By.id("total"), TOTAL, Browser.PAGE_WAIT);
        assertEquals(CGST, browser.text(By.id("cgst")));
        assertEquals(CGST, browser.text(By.id("sgst")));
        assertEquals("₹45,000.00", browser.text(By.id("taxable")));
        assertTrue(browser.text(By.id("amount-in-words")).toLowerCase().contains("fifty three thousand one hundred"),
                browser.text(By.id("amount-in-words")));
        browser.shot("invoice-editor-preview");

        // "Add line" appends a row (an htmx fragment); left without a product, it is not sent.
        browser.driver().findElement(By.id("add-line")).click();
        browser.await(By.id("product-1-search"));
        // A quantity the API refuses is shown at its field.
        web.type("quantity-0", "0");
        String refused = awaitError("line-0-quantity-error");
        assertTrue(refused.contains("quantity"), refused);
        browser.shot("invoice-editor-quantity-refused");
        web.type("quantity-0", "4");
        browser.awaitText(By.id("total"), TOTAL, Browser.PAGE_WAIT);

        browser.clickThrough(By.id("save-and-issue"));
        browser.awaitText(By.id("invoice-status"), "Issued", Browser.PAGE_WAIT);
        invoicePage = browser.driver().getCurrentUrl().replaceAll("\\?.*$", "");
        assertEquals(TOTAL, browser.text(By.id("total")));
        assertEquals(TOTAL, browser.text(By.id("balance-due")));
        assertEquals("Kaveri Traders", browser.text(By.id("invoice-customer")));
        assertTrue(browser.text(By.tagName("h1")).startsWith("Invoice "), browser.text(By.tagName("h1")));
        browser.shot("invoice-issued");
    }

    @Test
    @Order(2)
    void aPartPaymentLeavesTheBalance() {
        browser.go(invoicePage, "invoice-before-payment");
        web.type("amount", "20000");
        new Select(browser.driver().findElement(By.id("mode"))).selectByValue("upi");
        web.type("reference", "UPI-REF-1234");
        browser.clickThrough(By.id("record-payment"));
        browser.awaitText(By.id("balance-due"), BALANCE, Browser.PAGE_WAIT);
        assertEquals("Partially paid", browser.text(By.id("invoice-status")));
        assertEquals("₹20,000.00", browser.text(By.id("amount-paid")));
        browser.shot("invoice-part-paid");

        // More than the balance: the API's refusal is shown at the payment form.
        web.type("amount", "999999");
        browser.clickThrough(By.id("record-payment"));
        browser.await(By.id("payment-problem"));
        browser.shot("invoice-overpayment-refused");
        assertEquals(BALANCE, browser.text(By.id("balance-due")));
    }

    @Test
    @Order(3)
    void thePdfComesThroughTheWebApp() {
        browser.go(invoicePage, "invoice-pdf-link");
        String href = browser.driver().findElement(By.id("invoice-pdf")).getAttribute("href");
        assertTrue(href.startsWith(web.baseUrl() + "/t/" + SHOP + "/invoices/"), href);
        @SuppressWarnings("unchecked")
        Map<String, Object> pdf = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                  .then(r => r.arrayBuffer().then(b => done({status: r.status, type: r.headers.get('content-type'), size: b.byteLength,
                         head: String.fromCharCode(...new Uint8Array(b.slice(0, 4)))})))
                  .catch(e => done({status: -1, type: String(e), size: 0, head: ''}));""", href);
        assertEquals(200L, pdf.get("status"), String.valueOf(pdf));
        assertEquals("application/pdf", pdf.get("type"));
        assertEquals("%PDF", pdf.get("head"));
        assertTrue(((Number) pdf.get("size")).longValue() > 1000, String.valueOf(pdf));
    }

    @Test
    @Order(4)
    void aViewerSeesTheInvoiceButNoButtons() {
        try (Browser other = secondBrowser()) {
            WebApp viewer = new WebApp(other, web.baseUrl());
            viewer.signIn(VIEWER_EMAIL, PASSWORD);
            for (String page : List.of(workspace + "invoices", workspace + "invoices/new", invoicePage)) {
                other.go(page, "invoices-viewer");
                other.await(By.tagName("h1"));
                assertTrue(other.driver().findElements(By.cssSelector("main button")).isEmpty(), "no buttons for a viewer on " + page);
                assertTrue(other.driver().findElements(By.id("new-invoice")).isEmpty(), "no New invoice for a viewer on " + page);
            }
            other.go(invoicePage, "invoice-viewer");
            assertEquals(BALANCE, other.text(By.id("balance-due")));
        }
    }

    /** Waits until the field error with this id says something, and returns it. */
    private String awaitError(String id) {
        // The preview swaps the line's fragment while this looks: a swapped element is looked for again, and the text
        // is read inside the wait (read after it, the element could be swapped once more: a stale reference under load).
        return browser.swapping().until(d -> {
            String text = d.findElement(By.id(id)).getText();
            return text.isBlank() ? null : text;
        });
    }

    private void member(String email, String fullName, String role) {
        tenants.member(SHOP, email, PASSWORD, fullName, role);
    }
}
