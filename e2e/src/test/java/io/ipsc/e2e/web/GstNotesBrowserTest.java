package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18's exports and notes in a real browser on the suite as e2e starts it. A Maharashtra business with
 * advanced_reporting and an LUT (made through the API) issues on 10 October 2024:
 *   an export under LUT to Acme Inc: 2 × ₹1,000 at 18 %, nil IGST, ₹2,000 — one piece comes back on the 25th (₹1,000);
 *   a reverse-charge supply to Bengaluru Co: 1 × ₹1,000 + IGST 180 = ₹1,180 — credited whole on the 25th.
 * October's GST page shows the export in Exports without payment (WOPAY), its note in CDNUR as EXPWOP and the other in CDNR with reverse
 * charge Yes. In the invoice editor, choosing the overseas customer offers the export's terms, and the API's refusal of a
 * port code shows at that field.
 */
class GstNotesBrowserTest extends BrowserFixture {

    private static final String SHOP = "gst-notes-shop";
    private static final String ADMIN_EMAIL = "gst.notes.admin@ipsc.example";
    private static final String PASSWORD = "a long gst notes test password";

    private String workspace;

    @BeforeAll
    void setUp() {
        tenants.create(Map.of("name", "GST Notes Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@gstnotes.example",
                "state", "Maharashtra", "pincode", "411001"));
        api().body(Map.of("advanced_reporting", true)).put("/api/tenants/" + SHOP + "/features").then().statusCode(200);
        api().body(Map.of("supplier_address", "Plot 12, MIDC Bhosari\nPune 411026", "lut_reference", "AD2703240012345"))
                .put(tenantApi("invoices/settings")).then().statusCode(200);
        int overseas = customer(Map.of("name", "Acme Inc", "gst_category", "overseas", "address_line1", "1 Market St", "city", "San Francisco"));
        int karnataka = customer(Map.of("name", "Bengaluru Co", "gstin", "29AAGCB7383J1Z4"));
        int export = issue(Map.of("customer_id", overseas, "invoice_date", "2024-10-10", "port_code", "INBOM1", "lines", List.of(line(2))));
        note(export, Map.of("invoice_line", 1, "quantity", 1));
        int reverse = issue(Map.of("customer_id", karnataka, "invoice_date", "2024-10-10", "reverse_charge", true, "lines", List.of(line(1))));
        note(reverse, Map.of("invoice_line", 1, "quantity", 1));
        tenants.member(SHOP, ADMIN_EMAIL, PASSWORD, "Meera Kulkarni", "admin");
        // The feature reaches invoicing-service as an event: wait until its reports answer.
        tenants.awaitAnswer(SHOP, "reports/gstr1?month=2024-10");
        workspace = web.baseUrl() + "/t/" + SHOP + "/";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    void octobersGstr1ShowsTheExportAndBothPartsOf9b() {
        browser.go(workspace + "gst?month=2024-10", "gst-notes-2024-10");
        // Under LUT: the exports without payment (WOPAY); none with payment.
        String exp = browser.text(By.id("gst-expwop"));
        assertTrue(exp.contains("INBOM1") && exp.contains("₹2,000.00"), exp);
        assertTrue(browser.text(By.id("gst-expwp-empty")).contains("None this month."));
        // CDNUR: the export's credit note, 1,000 back, nil IGST.
        String cdnur = browser.text(By.id("gst-cdnur"));
        assertTrue(cdnur.contains("EXPWOP Credit") && cdnur.contains("25-10-2024") && cdnur.contains("₹1,000.00"), cdnur);
        // CDNR: the reverse-charge supply's note under the buyer's GSTIN, 1,180.
        String cdnr = browser.text(By.id("gst-cdnr"));
        assertTrue(cdnr.contains("29AAGCB7383J1Z4 Bengaluru Co Credit") && cdnr.contains("B2B Yes ₹1,180.00"), cdnr);
        assertTrue(browser.driver().findElements(By.id("download-csv-cdnur")).size() == 1, "CDNUR downloads as the portal's CSV");
    }

    @Test
    void theEditorOffersAnExportsTermsAndShowsTheApisRefusalAtItsField() {
        browser.go(workspace + "invoices/new", "gst-notes-editor-empty");
        assertTrue(browser.driver().findElements(By.id("port_code")).isEmpty(), "no export terms before a customer is chosen");
        web.pick("customer_id", "Acme", "Acme Inc");
        // The preview brings the overseas customer's terms.
        browser.await(By.id("port_code"));
        assertTrue(browser.driver().findElements(By.id("reverse_charge")).isEmpty(), "an overseas buyer takes no reverse charge");
        web.type("port_code", "BOM");
        browser.swapping().until(d -> !d.findElement(By.id("port_code-error")).getText().isBlank());
        String error = browser.text(By.id("port_code-error"));
        assertTrue(error.toLowerCase().contains("port"), error);
        browser.shot("gst-notes-editor-export-terms");
    }

    private static Map<String, Object> line(int quantity) {
        return Map.of("description", "Leather shoes", "hsn_sac", "6403", "unit", "pcs", "quantity", quantity, "unit_price", "1000.00",
                "gst_rate", 18);
    }

    private int customer(Map<String, Object> body) {
        return api().body(body).post(tenantApi("customers")).then().statusCode(201).extract().path("data.id");
    }

    private int issue(Map<String, Object> body) {
        int id = api().body(body).post(tenantApi("invoices")).then().statusCode(201).extract().path("data.id");
        api().post(tenantApi("invoices/" + id + "/issue")).then().statusCode(200);
        return id;
    }

    private void note(int invoice, Map<String, Object> line) {
        api().body(Map.of("invoice_id", invoice, "reason", "Goods returned", "note_date", "2024-10-25", "lines", List.of(line)))
                .post(tenantApi("credit-notes")).then().statusCode(201);
    }

    private static String tenantApi(String path) {
        return "/api/tenants/" + SHOP + "/" + path;
    }
}
