package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The invoice pages against a stand-in gateway: the editor's preview shows the API's figures and puts
 * the API's line errors at the row they concern, the PDF is streamed from the web route, the actions
 * of an invoice are offered to a writer and to no viewer, and a refused payment is shown at its form.
 * The browser test on the real suite is e2e's InvoiceEditorBrowserTest.
 */
@QuarkusTest
@QuarkusTestResource(value = InvoiceStubGateway.class, restrictToAnnotatedClass = true)
class InvoicePagesTest {

    private static final String BASE = "/t/smile-dental/invoices";

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        InvoiceStubGateway.CALLS.clear();
    }

    @Test
    void thePreviewShowsTheApisFiguresAndSendsOnlyRowsWithAProduct() {
        Response preview = admin.submit(BASE + "/new", BASE + "/new/preview",
                Map.of("customer_id", "3", "product", "12", "quantity", "4", "discount", "10"));
        preview.then().statusCode(200)
                .body(containsString("id=\"total\">₹53,100.00<"))
                .body(containsString("id=\"cgst\">₹4,050.00<"))
                .body(containsString("id=\"sgst\">₹4,050.00<"))
                .body(not(containsString("id=\"igst\"")))
                .body(containsString("Rupees Fifty Three Thousand One Hundred Only"))
                .body(containsString("Karnataka (29)"));
        String sent = InvoiceStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/tenants/smile-dental/invoices/preview"))
                .findFirst().orElseThrow();
        assertTrue(sent.contains("\"customer_id\":3") && sent.contains("\"product_id\":12") && sent.contains("\"discount_percent\":10"), sent);
    }

    @Test
    void theApisLineErrorIsShownAtTheRowItConcerns() {
        // Row 0 has no product and is not sent: the API's lines[0] is the form's row 1.
        String page = admin.get(BASE + "/new").asString();
        assertTrue(page.contains("id=\"product-0\""), page);
        Response refused = io.restassured.RestAssured.given().cookies(admin.cookies)
                .formParam("csrf-token", csrf(page)).formParam("customer_id", "3")
                .formParam("product", "", "12").formParam("quantity", "1", "0").formParam("discount", "", "")
                .post(BASE + "/new/preview");
        String html = refused.then().statusCode(200).extract().asString();
        assertTrue(html.contains("id=\"line-1-quantity-error\" hx-swap-oob=\"true\">quantity must be more than zero<"), html);
        assertTrue(html.contains("id=\"line-0-quantity-error\" hx-swap-oob=\"true\"><"), html);
        assertTrue(html.contains("Check the fields marked below."), html);
    }

    @Test
    void anOverseasCustomerIsOfferedExportTermsOnceAndTheApisRefusalIsAtItsField() {
        String page = admin.get(BASE + "/new").asString();
        // Choosing the overseas customer: the preview brings the export's terms (no reverse charge: an overseas buyer has none).
        String chosen = io.restassured.RestAssured.given().cookies(admin.cookies).formParam("csrf-token", csrf(page))
                .formParam("customer_id", "4").formParam("terms_for", "").formParam("product", "12").formParam("quantity", "1")
                .formParam("discount", "").post(BASE + "/new/preview").then().statusCode(200).extract().asString();
        assertTrue(chosen.contains("id=\"invoice-terms\" hx-swap-oob=\"true\""), chosen);
        assertTrue(chosen.contains("name=\"terms_for\" value=\"overseas\""), chosen);
        assertTrue(chosen.contains("<label for=\"with_payment_of_tax\">With payment of IGST</label>"), chosen);
        for (String field : List.of("export_currency", "export_country", "port_code", "shipping_bill_number", "shipping_bill_date")) {
            assertTrue(chosen.contains("<label for=\"" + field + "\">"), field + " in " + chosen);
        }
        assertTrue(chosen.contains("id=\"shipping_bill_date\" name=\"shipping_bill_date\" type=\"date\""), chosen);
        assertTrue(!chosen.contains("id=\"reverse_charge\""), chosen);
        // Typing in them (the terms shown are the customer's already): the fields are not swapped away, the API's refusal
        // of the port code is put at its field, and the terms went to the API.
        String typed = io.restassured.RestAssured.given().cookies(admin.cookies).formParam("csrf-token", csrf(page))
                .formParam("customer_id", "4").formParam("terms_for", "overseas").formParam("product", "12").formParam("quantity", "1")
                .formParam("discount", "").formParam("port_code", "BOMBAY").formParam("export_currency", "USD")
                .formParam("export_country", "AE").formParam("shipping_bill_date", "2026-11-30").formParam("with_payment_of_tax", "true")
                .post(BASE + "/new/preview").then().statusCode(200).extract().asString();
        assertTrue(!typed.contains("id=\"invoice-terms\""), typed);
        assertTrue(typed.contains("id=\"port_code-error\" hx-swap-oob=\"true\">port_code is the 6-character Indian port code, as INBOM1<"), typed);
        assertTrue(typed.contains("Check the fields marked below."), typed);
        String sent = InvoiceStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/tenants/smile-dental/invoices/preview")
                && c.contains("BOMBAY")).findFirst().orElseThrow(() -> new AssertionError(InvoiceStubGateway.CALLS)).replace(" ", "");
        assertTrue(sent.contains("\"port_code\":\"BOMBAY\"") && sent.contains("\"export_currency\":\"USD\"")
                && sent.contains("\"export_country\":\"AE\"")
                && sent.contains("\"shipping_bill_date\":\"2026-11-30\"") && sent.contains("\"with_payment_of_tax\":true"), sent);
    }

    @Test
    void aRegisteredCustomerIsOfferedReverseChargeAndAWalkInNothing() {
        String page = admin.get(BASE + "/new").asString();
        String registered = io.restassured.RestAssured.given().cookies(admin.cookies).formParam("csrf-token", csrf(page))
                .formParam("customer_id", "8").formParam("product", "12").formParam("quantity", "1").formParam("discount", "")
                .formParam("reverse_charge", "true").post(BASE + "/new/preview").then().statusCode(200).extract().asString();
        assertTrue(registered.contains("<label for=\"reverse_charge\">Reverse charge: the customer pays the tax</label>"), registered);
        assertTrue(registered.contains("name=\"reverse_charge\" value=\"true\" checked"), registered);
        assertTrue(!registered.contains("id=\"port_code\"") && !registered.contains("id=\"with_payment_of_tax\""), registered);
        String sent = InvoiceStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/tenants/smile-dental/invoices/preview")
                && c.contains("\"customer_id\":8")).findFirst().orElseThrow(() -> new AssertionError(InvoiceStubGateway.CALLS)).replace(" ", "");
        assertTrue(sent.contains("\"reverse_charge\":true"), sent);
        // A walk-in (unregistered): no terms at all; the page the editor opens with offers none before a customer is chosen.
        String walkIn = io.restassured.RestAssured.given().cookies(admin.cookies).formParam("csrf-token", csrf(page))
                .formParam("customer_id", "3").formParam("terms_for", "registered").formParam("product", "12").formParam("quantity", "1")
                .formParam("discount", "").post(BASE + "/new/preview").then().statusCode(200).extract().asString();
        assertTrue(walkIn.contains("id=\"invoice-terms\" hx-swap-oob=\"true\"") && !walkIn.contains("Supply terms"), walkIn);
        assertTrue(page.contains("id=\"invoice-terms\"") && !page.contains("Supply terms"), page);
    }

    @Test
    void anAddedLineTakesTheNextIndex() {
        String page = admin.get(BASE + "/new").asString();
        String line = io.restassured.RestAssured.given().cookies(admin.cookies).formParam("csrf-token", csrf(page))
                .formParam("product", "12", "").formParam("quantity", "1", "1").formParam("discount", "", "")
                .post(BASE + "/new/line").then().statusCode(200).extract().asString();
        assertTrue(line.contains("id=\"product-2\" name=\"product\" value=\"\"") && line.contains("for=\"quantity-2\"")
                && line.contains("hx-get=\"/t/smile-dental/pick/products?field=product-2\"") && line.contains("for=\"product-2-search\""), line);
    }

    @Test
    void aDraftOffersEditAndTheEditorOpensFilledWithItsCustomerAndLines() {
        admin.get(BASE + "/6").then().statusCode(200).body(containsString("id=\"edit-invoice\" href=\"/t/smile-dental/invoices/6/edit\""))
                .body(containsString("id=\"issue\""));
        String editor = admin.get(BASE + "/6/edit").then().statusCode(200).extract().asString();
        assertTrue(editor.contains("Edit draft invoice #6") && editor.contains("action=\"/t/smile-dental/invoices/6/edit\""), editor);
        assertTrue(editor.contains("id=\"customer_id\" name=\"customer_id\" value=\"3\"") && editor.contains("value=\"Kaveri Traders\""), editor);
        assertTrue(editor.contains("id=\"product-0\" name=\"product\" value=\"12\"") && editor.contains("value=\"Brass valve · BRASS-VALVE\""), editor);
        assertTrue(editor.contains("id=\"quantity-0\" name=\"quantity\" type=\"text\" inputmode=\"decimal\" value=\"4\"")
                && editor.contains("id=\"discount-0\" name=\"discount\" type=\"text\" inputmode=\"decimal\" value=\"10\""), editor);
        // The live preview is the new invoice's.
        assertTrue(editor.contains("hx-post=\"/t/smile-dental/invoices/new/preview\""), editor);
    }

    @Test
    void savingADraftUpdatesItAndCanIssueIt() {
        admin.submit(BASE + "/6/edit", BASE + "/6/edit", Map.of("customer_id", "3", "product", "12", "quantity", "5", "discount", "",
                        "action", "issue"))
                .then().statusCode(303).header("Location", containsString("/t/smile-dental/invoices/6?done=issued"));
        String put = InvoiceStubGateway.CALLS.stream().filter(c -> c.startsWith("PUT /api/tenants/smile-dental/invoices/6 ")).findFirst()
                .orElseThrow(() -> new AssertionError(InvoiceStubGateway.CALLS));
        assertTrue(put.contains("\"customer_id\":3") && put.contains("\"product_id\":12") && put.contains("\"quantity\":5"), put);
        assertTrue(InvoiceStubGateway.CALLS.stream().anyMatch(c -> c.startsWith("POST /api/tenants/smile-dental/invoices/6/issue")));
        assertTrue(InvoiceStubGateway.CALLS.stream().noneMatch(c -> c.startsWith("POST /api/tenants/smile-dental/invoices ")));
    }

    @Test
    void aRefusedChangeIsShownAtItsFieldInTheDraftsEditor() {
        String page = admin.get(BASE + "/6/edit").asString();
        String html = io.restassured.RestAssured.given().cookies(admin.cookies).formParam("csrf-token", csrf(page))
                .formParam("customer_id", "3").formParam("product", "12").formParam("quantity", "0").formParam("discount", "")
                .formParam("action", "draft").post(BASE + "/6/edit").then().statusCode(400).extract().asString();
        assertTrue(html.contains("Edit draft invoice #6") && html.contains("id=\"line-0-quantity-error\">quantity must be more than zero<"), html);
    }

    @Test
    void anIssuedInvoiceOrADraftWithALineOfAnotherModuleOffersNoEdit() {
        admin.get(BASE + "/5").then().statusCode(200).body(not(containsString("id=\"edit-invoice\"")));
        // An address typed by hand: the invoice, saying why, and no editor.
        admin.get(BASE + "/5/edit").then().statusCode(200).body(containsString("id=\"edit-problem\">Only a draft can be changed; this invoice is partially paid.<"))
                .body(not(containsString("id=\"invoice-form\"")));
        // A change forced through anyway: the API's refusal, in its words, with its status.
        admin.submit(BASE + "/6/edit", BASE + "/5/edit", Map.of("customer_id", "3", "product", "12", "quantity", "1", "action", "draft"))
                .then().statusCode(409).body(containsString("Invoice 5 is partially_paid; only drafts can be changed"));
        admin.get(BASE + "/7").then().statusCode(200).body(not(containsString("id=\"edit-invoice\""))).body(containsString("id=\"edit-locked\""))
                .body(containsString("id=\"issue\""));
    }

    @Test
    void thePdfIsStreamedFromTheWebRoute() {
        Response pdf = admin.get(BASE + "/5/pdf");
        pdf.then().statusCode(200).contentType("application/pdf");
        assertArrayEquals(InvoiceStubGateway.PDF, pdf.asByteArray());
    }

    @Test
    void aWriterIsOfferedThePaymentAndAViewerNothing() {
        admin.get(BASE + "/5").then().statusCode(200)
                .body(containsString("id=\"balance-due\">₹33,100.00<"))
                .body(containsString("<dt>Place of supply</dt><dd>Karnataka (29)</dd>"))
                .body(containsString("id=\"invoice-status\" class=\"invoice-status partially_paid\">Partially paid<"))
                .body(containsString("Kaveri Traders"))
                .body(containsString("id=\"record-payment\""))
                .body(not(containsString("id=\"cancel-invoice\"")))
                .body(containsString("href=\"/t/smile-dental/invoices/5/pdf\""))
                // An admin may open the invoice's history, loaded when opened.
                .body(containsString("hx-get=\"/t/smile-dental/history/invoice/5\""));

        Browserless viewer = new Browserless();
        viewer.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        String page = viewer.get(BASE + "/5").then().statusCode(200).extract().asString();
        String main = page.substring(page.indexOf("<main"));
        assertTrue(!main.contains("<button") && !main.contains("<form") && !main.contains("id=\"history\""), main);
        viewer.get(BASE + "/6").then().statusCode(200).body(not(containsString("id=\"edit-invoice\"")));
        // Nor an editor: a page that says the role cannot create invoices (ViewerRefusalPagesTest).
        String editor = viewer.get(BASE + "/new").then().statusCode(403).extract().asString();
        assertTrue(!editor.substring(editor.indexOf("<main")).contains("<button"), editor);
    }

    @Test
    void aRefusedPaymentIsShownAtThePaymentFormWithTheApisStatus() {
        admin.submit(BASE + "/5", BASE + "/5/payments", Map.of("amount", "999999", "mode", "upi"))
                .then().statusCode(409)
                .body(containsString("id=\"payment-problem\">The balance due is 33100.00; 999999 is more<"));
        String sent = InvoiceStubGateway.CALLS.stream().filter(c -> c.startsWith("POST /api/tenants/smile-dental/invoices/5/payments"))
                .findFirst().orElseThrow();
        assertTrue(sent.contains("\"amount\":999999") && sent.contains("\"mode\":\"upi\""), sent);
    }

    private static String csrf(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }
}
