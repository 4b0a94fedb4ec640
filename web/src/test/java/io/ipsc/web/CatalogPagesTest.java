package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Products, customers, vendors and purchases against a stand-in gateway: the low-stock badge and the search
 * passed to the API, the API's refusals at their fields, the GSTIN checked as typed with the state filled in
 * from it, a purchase's lines sent as the API takes them, a payment refused at its form, and a viewer offered
 * no change. The browser test on the real suite is e2e's CatalogBrowserTest.
 */
@QuarkusTest
@QuarkusTestResource(value = CatalogStubGateway.class, restrictToAnnotatedClass = true)
class CatalogPagesTest {

    private static final String BASE = "/t/smile-dental/";

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        CatalogStubGateway.CALLS.clear();
    }

    @Test
    void productsShowLowStockAndTheSearchGoesToTheApi() {
        String page = admin.get(BASE + "products?search=valve").then().statusCode(200).extract().asString();
        String valve = row(page, "product-12");
        String pipe = row(page, "product-13");
        assertTrue(valve.contains("Low stock") && valve.contains("₹12,500.00") && valve.contains("18%"), valve);
        assertFalse(pipe.contains("Low stock"), pipe);
        assertTrue(pipe.contains("₹450.50") && pipe.contains(">120<"), pipe);
        assertTrue(page.contains("id=\"new-product\"") && page.contains("/t/smile-dental/products/12/archive"), page);
        assertTrue(CatalogStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("GET /api/tenants/smile-dental/products?")
                && c.contains("search=valve")), CatalogStubGateway.CALLS.toString());
    }

    @Test
    void aRefusedProductIsShownAtItsFieldWithWhatWasTyped() {
        admin.submit(BASE + "products/new", BASE + "products/new",
                        Map.of("sku", "BRASS-VALVE", "name", "Another valve", "price", "99.5", "gst_rate", "18", "stock_quantity", "4"))
                .then().statusCode(400)
                .body(containsString("id=\"sku-error\">A product with sku &#39;BRASS-VALVE&#39; already exists<"))
                .body(containsString("value=\"Another valve\""))
                .body(containsString("Check the fields marked below."));
        String sent = sent("POST /api/tenants/smile-dental/products");
        assertTrue(sent.contains("\"price\":99.5") && sent.contains("\"stock_quantity\":4") && !sent.contains("\"cost\""), sent);
    }

    @Test
    void aGstinIsCheckedAsTypedAndItsStateFillsTheStateField() {
        Response good = admin.submit(BASE + "customers/new", BASE + "customers/check",
                Map.of("name", "Pune Traders", "gstin", CatalogStubGateway.GOOD_GSTIN, "state", ""), Map.of("HX-Trigger-Name", "gstin"));
        String html = good.then().statusCode(200).extract().asString();
        assertTrue(html.contains("id=\"gstin-check\"") && html.contains("Registered in Maharashtra (27)"), html);
        assertTrue(html.contains("id=\"state\"") && html.contains("value=\"Maharashtra\"") && html.contains("hx-swap-oob=\"true\""), html);

        String bad = admin.submit(BASE + "vendors/new", BASE + "vendors/check", Map.of("gstin", "27AAPFU"), Map.of("HX-Trigger-Name", "gstin"))
                .then().statusCode(200).extract().asString();
        assertTrue(bad.contains("class=\"field-check problem\" id=\"gstin-check\"") && bad.contains("GSTIN must be 15 characters"), bad);
        assertFalse(bad.contains("hx-swap-oob"), bad);
        // Each kind asks its own endpoint.
        assertTrue(CatalogStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("POST /api/tenants/smile-dental/customers/check")));
        assertTrue(CatalogStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("POST /api/tenants/smile-dental/vendors/check")));
    }

    @Test
    void aCustomersGstCategoryIsChosenSentAndRefusedAtItsField() {
        String blank = admin.get(BASE + "customers/new").then().statusCode(200).extract().asString();
        assertTrue(blank.contains("<label for=\"gst_category\">GST category</label>") && blank.contains("<option value=\"overseas\">Overseas (export)</option>"),
                blank);
        // A vendor's form has no category: it decides how sales are taxed.
        admin.get(BASE + "vendors/new").then().statusCode(200).body(not(containsString("id=\"gst_category\"")));
        admin.submit(BASE + "customers/new", BASE + "customers/new", Map.of("name", "Acme Inc", "gst_category", "overseas"))
                .then().statusCode(303);
        String sent = sent("POST /api/tenants/smile-dental/customers");
        assertTrue(sent.contains("\"gst_category\":\"overseas\"") && !sent.contains("\"gstin\""), sent);
        admin.submit(BASE + "customers/new", BASE + "customers/new", Map.of("name", "Surat EOU", "gst_category", "deemed_export"))
                .then().statusCode(400).body(containsString("id=\"gstin-error\">a deemed_export party needs a GSTIN<"))
                .body(containsString("<option value=\"deemed_export\" selected>"));
        admin.get(BASE + "customers/3").then().statusCode(200).body(containsString("<option value=\"sez\" selected>SEZ unit or developer</option>"));
    }

    @Test
    void customersAndVendorsAreOneImplementationOverTheirOwnApis() {
        admin.get(BASE + "customers").then().statusCode(200).body(containsString("Kaveri Traders"))
                .body(containsString("Karnataka (29)")).body(containsString("id=\"new-customer\""));
        admin.get(BASE + "vendors").then().statusCode(200).body(containsString("Pune Metals"))
                .body(containsString("id=\"new-vendor\"")).body(not(containsString("Kaveri Traders")));
    }

    @Test
    void aPurchaseSendsItsLinesAsTheApiTakesThemAndALineErrorIsShownAtItsRow() {
        admin.submit(BASE + "purchases/new", BASE + "purchases/new",
                        Map.of("vendor_id", "4", "bill_number", "PM/778", "bill_date", "2026-11-20", "product", "12", "quantity", "4",
                                "unit_price", "12500", "gst_rate", "18"))
                .then().statusCode(303).header("Location", containsString("/t/smile-dental/purchases/9?done=recorded"));
        String sent = sent("POST /api/tenants/smile-dental/purchases");
        assertTrue(sent.contains("\"vendor_id\":4") && sent.contains("\"bill_number\":\"PM/778\"") && sent.contains("\"bill_date\":\"2026-11-20\"")
                && sent.contains("\"product_id\":12") && sent.contains("\"description\":\"Brass valve\"") && sent.contains("\"hsn_sac\":\"8481\"")
                && sent.contains("\"unit_price\":12500") && sent.contains("\"gst_rate\":18"), sent);

        String refused = given().cookies(admin.cookies).formParam("csrf-token", csrf(admin.get(BASE + "purchases/new").asString()))
                .formParam("vendor_id", "4").formParam("bill_number", "PM/779")
                .formParam("product", "", "13").formParam("quantity", "1", "2").formParam("unit_price", "", "400")
                .formParam("gst_rate", "", "7").post(BASE + "purchases/new").then().statusCode(400).extract().asString();
        assertTrue(refused.contains("id=\"line-1-gst_rate-error\">gst_rate must be one of 0, 5, 12, 18, 28<"), refused);
        assertTrue(refused.contains("id=\"line-0-gst_rate-error\"><"), refused);
    }

    @Test
    void aPurchaseShowsItsBalanceAndARefusedPaymentAtItsForm() {
        admin.get(BASE + "purchases/9").then().statusCode(200)
                .body(containsString("id=\"purchase-vendor\">Pune Metals<"))
                .body(containsString("id=\"igst\">₹9,000.00<")).body(not(containsString("id=\"cgst\"")))
                .body(containsString("id=\"balance-due\">₹39,000.00<"))
                .body(containsString("name=\"amount\" type=\"text\" value=\"39000\""));
        admin.submit(BASE + "purchases/9", BASE + "purchases/9/payments", Map.of("amount", "50000", "mode", "upi"))
                .then().statusCode(422).body(containsString("id=\"payment-problem\">Purchase 9 has 39000.00 outstanding<"));
        String sent = sent("POST /api/tenants/smile-dental/purchases/9/payments");
        assertTrue(sent.contains("\"amount\":50000") && sent.contains("\"mode\":\"upi\""), sent);
        admin.get(BASE + "purchases").then().statusCode(200).body(containsString("PM/778")).body(containsString("Pune Metals"))
                .body(containsString("₹59,000.00"));
    }

    @Test
    void aPurchaseShowsItsLinesAndThePaymentsMade() {
        String page = admin.get(BASE + "purchases/9").then().statusCode(200).extract().asString();
        String line = body(page, "purchase-lines");
        assertTrue(line.contains("<a href=\"/t/smile-dental/products/12\">Brass valve</a>") && line.contains("<td>8481</td>")
                && line.contains("<td>4</td>") && line.contains("<td>₹12,500.00</td>") && line.contains("<td>18 %</td>")
                && line.contains("<td>₹50,000.00</td>") && line.contains("<td>₹9,000.00</td>") && line.contains("<td>₹59,000.00</td>"), line);
        String paid = body(page, "purchase-payments");
        assertTrue(paid.contains("<td>" + io.ipsc.web.format.IndianFormats.date(java.time.LocalDate.of(2026, 11, 25)) + "</td>"), paid);
        assertTrue(paid.contains("<td>₹20,000.00</td>") && paid.contains("<td>Bank transfer</td>") && paid.contains("<td>NEFT-4471</td>"), paid);
    }

    @Test
    void thePickerAsksTheListsOwnSearchAndOffersWhatAProductFills() {
        String options = admin.get(BASE + "pick/products?q-product-2=pipe&field=product-2").then().statusCode(200).extract().asString();
        String sent = asked("GET /api/tenants/smile-dental/products?");
        assertTrue(sent.contains("search=pipe") && sent.contains("size=20") && sent.contains("page=1"), sent);
        String pipe = options.substring(options.indexOf("id=\"product-2-option-13\""));
        pipe = pipe.substring(0, pipe.indexOf("</li>"));
        assertTrue(pipe.contains("role=\"option\"") && pipe.contains("data-value=\"13\"") && pipe.contains("data-text=\"Copper pipe 20 mm · PIPE-20\"")
                && pipe.contains("data-fill-unit_price=\"380\"") && pipe.contains("data-fill-gst_rate=\"12\"")
                && pipe.contains("HSN 7411 · m · ₹450.50 · GST 12 %"), pipe);
        assertTrue(options.contains("id=\"product-2-option-12\""), options);

        CatalogStubGateway.CALLS.clear();
        String vendors = admin.get(BASE + "pick/vendors?q-vendor_id=27AAP&field=vendor_id").then().statusCode(200).extract().asString();
        assertTrue(asked("GET /api/tenants/smile-dental/vendors?").contains("search=27AAP"));
        assertTrue(vendors.contains("id=\"vendor_id-option-4\"") && vendors.contains("data-text=\"Pune Metals\"")
                && vendors.contains("GSTIN 27AAPFU0939F1ZV · Maharashtra"), vendors);

        admin.get(BASE + "pick/patients?field=x").then().statusCode(404);
        admin.get(BASE + "pick/products?field=%22%3E%3Cscript%3E").then().statusCode(404);
    }

    @Test
    void aPurchaseFormShownAgainNamesWhatWasChosenWhateverItsPage() {
        // Product 13 and vendor 4 are asked for by id, not looked up in a first page of choices.
        String refused = given().cookies(admin.cookies).formParam("csrf-token", csrf(admin.get(BASE + "purchases/new").asString()))
                .formParam("vendor_id", "4").formParam("bill_number", "PM/779")
                .formParam("product", "13").formParam("quantity", "2").formParam("unit_price", "400")
                .formParam("gst_rate", "7").post(BASE + "purchases/new").then().statusCode(400).extract().asString();
        assertTrue(refused.contains("id=\"vendor_id\" name=\"vendor_id\" value=\"4\"") && refused.contains("value=\"Pune Metals\""), refused);
        assertTrue(refused.contains("id=\"product-0\" name=\"product\" value=\"13\"") && refused.contains("value=\"Copper pipe 20 mm · PIPE-20\""),
                refused);
        assertTrue(CatalogStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("GET /api/tenants/smile-dental/products/13")));
        String sent = sent("POST /api/tenants/smile-dental/purchases");
        assertTrue(sent.contains("\"description\":\"Copper pipe 20 mm\"") && sent.contains("\"hsn_sac\":\"7411\""), sent);
    }

    @Test
    void aViewerIsOfferedNoChange() {
        Browserless viewer = new Browserless();
        viewer.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        for (String page : new String[] {"products", "customers", "vendors", "purchases", "purchases/9"}) {
            String html = viewer.get(BASE + page).then().statusCode(200).extract().asString();
            String main = html.substring(html.indexOf("<main"));
            assertFalse(main.contains("method=\"post\"") || main.contains("Archive") || main.contains("id=\"new-"), page + ": " + main);
        }
        String product = viewer.get(BASE + "products/12").then().statusCode(200).extract().asString();
        assertTrue(product.contains("id=\"product-facts\"") && product.contains("BRASS-VALVE"), product);
        assertEquals(-1, product.indexOf("save-product"));
        assertEquals(-1, product.indexOf("archive-product"));
    }

    /** The body of table {@code id}. */
    private static String body(String page, String id) {
        int table = page.indexOf("id=\"" + id + "\"");
        assertTrue(table >= 0, id + " in " + page);
        return page.substring(page.indexOf("<tbody", table), page.indexOf("</tbody>", table));
    }

    private static String row(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, id + " in " + page);
        return page.substring(start, page.indexOf("</tr>", start));
    }

    /** A call with a query string, by its start. */
    private static String asked(String prefix) {
        return CatalogStubGateway.CALLS.stream().filter(c -> c.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " not asked: " + CatalogStubGateway.CALLS));
    }

    private static String sent(String prefix) {
        return CatalogStubGateway.CALLS.stream().filter(c -> c.startsWith(prefix + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " not sent: " + CatalogStubGateway.CALLS));
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }
}
