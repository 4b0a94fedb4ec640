package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The invoicing settings page against a stand-in gateway: the logo shown from the web's own address, a file
 * uploaded as multipart and passed on as the API's JSON (bytes only: the API judges them), the API's refusal
 * at the file field with its status, removal, the settings form's errors at their fields, and a viewer
 * offered nothing to change. The browser test on the real suite is e2e's InvoiceLogoBrowserTest.
 */
@QuarkusTest
@QuarkusTestResource(value = InvoicingSettingsStubGateway.class, restrictToAnnotatedClass = true)
class InvoicingSettingsPagesTest {

    private static final String PAGE = "/t/smile-dental/settings/invoicing";

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        InvoicingSettingsStubGateway.hasLogo = true;
        InvoicingSettingsStubGateway.CALLS.clear();
    }

    @Test
    void anAdminSeesTheLogoFromTheWebsOwnAddressAndTheForms() {
        admin.get(PAGE).then().statusCode(200)
                .body(containsString("id=\"tab-invoicing\" href=\"/t/smile-dental/settings/invoicing\" aria-current=\"page\""))
                .body(containsString("id=\"invoice-logo\" src=\"/t/smile-dental/settings/invoicing/logo?v=abc123\""))
                .body(containsString("240 × 96 px, PNG, 1 KB"))
                .body(containsString("id=\"logo-form\""))
                .body(containsString("enctype=\"multipart/form-data\""))
                .body(containsString("id=\"remove-logo\""))
                .body(containsString("value=\"smile@okhdfcbank\""))
                .body(containsString("12 MG Road\nPune 411001</textarea>"));
        Response logo = admin.get(PAGE + "/logo?v=abc123");
        logo.then().statusCode(200).contentType("image/png").header("ETag", "\"abc123\"");
        assertArrayEquals(InvoicingSettingsStubGateway.LOGO, logo.asByteArray());
    }

    @Test
    void anUploadedFileIsPassedOnAsItsBytesAndTheApisRefusalShownAtTheField() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 9, 9};
        upload("logo.jpg", png, "image/jpeg").then().statusCode(200)
                .body(containsString("The logo is saved (240 × 96 px)"));
        String sent = InvoicingSettingsStubGateway.CALLS.stream().filter(c -> c.startsWith("PUT /api/tenants/smile-dental/invoices/settings/logo"))
                .findFirst().orElseThrow();
        assertTrue(sent.contains("\"data\":\"" + Base64.getEncoder().encodeToString(png) + "\""), sent);
        // The browser's type comes from the file's name (here a wrong one): not passed on.
        assertFalse(sent.contains("content_type"), sent);

        upload("logo.png", InvoicingSettingsStubGateway.NOT_AN_IMAGE.getBytes(StandardCharsets.UTF_8), "image/png").then().statusCode(415)
                .body(containsString("id=\"logo-error\" role=\"alert\">The logo must be a PNG or JPEG image; these bytes are neither<"))
                .body(containsString("aria-invalid=\"true\" aria-describedby=\"logo-hint logo-error\""));

        InvoicingSettingsStubGateway.CALLS.clear();
        upload("", new byte[0], "application/octet-stream").then().statusCode(400)
                .body(containsString("Choose a PNG or JPEG file to upload."));
        assertTrue(InvoicingSettingsStubGateway.CALLS.stream().noneMatch(c -> c.startsWith("PUT")), "nothing sent without a file");
    }

    @Test
    void removingTheLogoAsksTheApiAndThePageShowsNone() {
        admin.submit(PAGE, PAGE + "/logo/remove", Map.of()).then().statusCode(200)
                .body(containsString("The logo is removed"))
                .body(containsString("id=\"no-logo\""))
                .body(not(containsString("id=\"remove-logo\"")));
        assertTrue(InvoicingSettingsStubGateway.CALLS.contains("DELETE /api/tenants/smile-dental/invoices/settings/logo"));
    }

    @Test
    void theSettingsAreSentAsTypedAndARefusalShownAtItsField() {
        admin.submit(PAGE, PAGE, Map.of("invoice_prefix", "SDC", "upi_id", "not a upi id", "payee_name", "", "brand_color", "#0b6e4f",
                        "supplier_address", "12 MG Road"))
                .then().statusCode(400)
                .body(containsString("id=\"upi_id-error\">upi_id must be a UPI ID like name@bank<"));
        String sent = InvoicingSettingsStubGateway.CALLS.stream().filter(c -> c.startsWith("PUT /api/tenants/smile-dental/invoices/settings "))
                .findFirst().orElseThrow();
        // An emptied field goes back to its default (""), an unticked box is false.
        assertTrue(sent.contains("\"payee_name\":\"\"") && sent.contains("\"allow_negative_stock\":false")
                && sent.contains("\"brand_color\":\"#0b6e4f\""), sent);
    }

    @Test
    void aViewerSeesTheLogoAndTheValuesAndNothingToChange() {
        Browserless viewer = new Browserless();
        viewer.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        String page = viewer.get(PAGE).then().statusCode(200).extract().asString();
        String main = page.substring(page.indexOf("<main"));
        assertTrue(main.contains("id=\"invoice-logo\"") && main.contains("smile@okhdfcbank"), main);
        assertTrue(!main.contains("<button") && !main.contains("<form") && !main.contains("type=\"file\""), main);
        assertEquals(200, viewer.get(PAGE + "/logo").statusCode());
    }

    private Response upload(String name, byte[] bytes, String type) {
        String page = admin.get(PAGE).asString();
        Matcher token = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(token.find(), page);
        return RestAssured.given().redirects().follow(false).cookies(admin.cookies)
                .multiPart("csrf-token", token.group(1))
                .multiPart("logo", name, bytes, type)
                .post(PAGE + "/logo");
    }
}
