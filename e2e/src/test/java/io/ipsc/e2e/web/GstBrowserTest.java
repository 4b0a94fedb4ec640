package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GSTR-1 as an accountant files it, in a real browser on the suite as e2e starts it. A Maharashtra business with
 * advanced_reporting (made through the API) issues three invoices dated 10 August 2024, when ₹1,00,000 was already
 * the B2C-large threshold:
 *   Karnataka, registered: 2 × ₹1,000 at 12 % = 2,000 + IGST 240 = ₹2,240 (B2B);
 *   Delhi walk-in: 100 × ₹1,000 at 12 % (IGST 12,000) + 1 × ₹1,000 at 18 % (IGST 180) = ₹1,13,180 (B2CL, a row per rate);
 *   local walk-in: 1 × ₹1,000 at 18 % = CGST 90 + SGST 90 = ₹1,180 (B2CS, 27-Maharashtra, type OE).
 * Its admin opens the month, sees each section's rows, downloads the portal's JSON and the B2CL CSV.
 */
class GstBrowserTest extends BrowserFixture {

    private static final String SHOP = "gstr1-shop";
    private static final String ADMIN_EMAIL = "gstr1.admin@ipsc.example";
    private static final String PASSWORD = "a long gst returns test password";

    private String workspace;

    @BeforeAll
    void setUp() {
        tenants.create(Map.of("name", "GST Returns Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@gstr1.example",
                "state", "Maharashtra", "pincode", "411001"));
        api().body(Map.of("advanced_reporting", true)).put("/api/tenants/" + SHOP + "/features").then().statusCode(200);
        int shoe12 = product("SHOE-12", "Leather shoes", "pcs", 12);
        int shoe18 = product("SHOE-18", "Sports shoes", "pcs", 18);
        int karnataka = customer(Map.of("name", "Bengaluru Footwear", "gstin", "29AAGCB7383J1Z4"));
        int delhi = customer(Map.of("name", "Delhi Walk-in", "state", "Delhi"));
        int local = customer(Map.of("name", "Pune Walk-in", "state", "Maharashtra"));
        issue(karnataka, List.of(Map.of("product_id", shoe12, "quantity", 2)));
        issue(delhi, List.of(Map.of("product_id", shoe12, "quantity", 100), Map.of("product_id", shoe18, "quantity", 1)));
        issue(local, List.of(Map.of("product_id", shoe18, "quantity", 1)));
        tenants.member(SHOP, ADMIN_EMAIL, PASSWORD, "Meera Kulkarni", "admin");
        // The feature reaches invoicing-service as an event: wait until its reports answer.
        tenants.awaitAnswer(SHOP, "reports/gstr1?month=2024-08");

        workspace = web.baseUrl() + "/t/" + SHOP + "/";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    void augustsGstr1ShowsEachSectionByTheRulesAndDownloadsThePortalsFiles() {
        browser.go(workspace, "gst-start");
        browser.clickThrough(By.linkText("GST returns"));
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('month').value = '2024-08'");
        browser.clickThrough(By.id("show-month"));
        browser.await(By.id("gst-b2c_large"));
        browser.shot("gst-gstr1-2024-08");

        String b2cl = browser.text(By.id("gst-b2c_large"));
        assertTrue(b2cl.contains("10-08-2024 07-Delhi ₹1,13,180.00 12 % ₹1,00,000.00 ₹12,000.00"), b2cl);
        assertTrue(b2cl.contains("₹1,13,180.00 18 % ₹1,000.00 ₹180.00"), b2cl);
        String b2cs = browser.text(By.id("gst-b2c_small"));
        assertTrue(b2cs.contains("OE 27-Maharashtra 18 % ₹1,000.00 ₹90.00 ₹90.00"), b2cs);
        assertTrue(browser.text(By.id("gst-b2b")).contains("29AAGCB7383J1Z4 Bengaluru Footwear 1 ₹2,000.00"), browser.text(By.id("gst-b2b")));
        // HSN 6403 in pieces: at 12 %, 2 + 100 = 102; at 18 %, 1 + 1 = 2.
        String hsn = browser.text(By.id("gst-hsn_summary"));
        assertTrue(hsn.contains("6403 PCS 12 % 102 ₹1,02,000.00") && hsn.contains("6403 PCS 18 % 2 ₹2,000.00"), hsn);
        String docs = browser.text(By.id("gst-document_summary"));
        assertTrue(docs.contains("INV/2425/00001 INV/2425/00003 3 0 3"), docs);

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) fetch(browser.driver().findElement(By.id("download-json")).getAttribute("href"));
        assertEquals(200L, json.get("status"), String.valueOf(json));
        assertTrue(String.valueOf(json.get("body")).contains("\"fp\" : \"082024\""), String.valueOf(json.get("body")));
        @SuppressWarnings("unchecked")
        Map<String, Object> csv = (Map<String, Object>) fetch(browser.driver().findElement(By.id("download-csv-b2cl")).getAttribute("href"));
        assertEquals(200L, csv.get("status"), String.valueOf(csv));
        assertTrue(String.valueOf(csv.get("body")).startsWith("Invoice Number,Invoice date,Invoice Value,Place Of Supply"), String.valueOf(csv.get("body")));
        assertTrue(String.valueOf(csv.get("disposition")).contains("GSTR1_082024_b2cl.csv"), String.valueOf(csv.get("disposition")));

        // On a phone the tables scroll inside their frames and the download buttons stay on screen.
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.go(workspace + "gst?month=2024-08", "gst-gstr1-2024-08-phone");
    }

    private Object fetch(String url) {
        return ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text().then(t => done({status: r.status,
                    disposition: r.headers.get('content-disposition'), body: t})))
                  .catch(e => done({status: -1, disposition: String(e), body: ''}));""", url);
    }

    private int product(String sku, String name, String unit, int rate) {
        return api().body(Map.of("sku", sku, "name", name, "hsn_sac", "6403", "unit", unit, "price", 1000, "gst_rate", rate,
                "stock_quantity", 500)).post(tenantApi("products")).then().statusCode(201).extract().path("data.id");
    }

    private int customer(Map<String, Object> body) {
        return api().body(body).post(tenantApi("customers")).then().statusCode(201).extract().path("data.id");
    }

    private void issue(int customer, List<Map<String, Object>> lines) {
        int id = api().body(Map.of("customer_id", customer, "invoice_date", "2024-08-10", "lines", lines)).post(tenantApi("invoices"))
                .then().statusCode(201).extract().path("data.id");
        api().post(tenantApi("invoices/" + id + "/issue")).then().statusCode(200);
    }

    private static String tenantApi(String path) {
        return "/api/tenants/" + SHOP + "/" + path;
    }
}
