package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GST returns page against a stand-in gateway: GSTR-1 as one table per section the API answers, with its totals
 * (B2CL a row per rate, B2CS's type and place of supply as "07-Delhi", the HSN summary's UQC, Table 13, and from May
 * 2025 the two HSN parts), the portal's JSON and each section's CSV downloaded as the API writes them, a month or a
 * section the API refuses, and a tenant without advanced_reporting. The browser test on the real suite is e2e's
 * GstBrowserTest.
 */
@QuarkusTest
@QuarkusTestResource(value = GstStubGateway.class, restrictToAnnotatedClass = true)
class GstPagesTest {

    private static final String BASE = "/t/smile-dental/";

    private final Browserless admin = new Browserless();

    @BeforeEach
    void signIn() {
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        GstStubGateway.CALLS.clear();
    }

    @Test
    void gstr1IsOneTablePerSectionWithTheApisTotals() {
        String html = admin.get(BASE + "gst?month=2024-08").then().statusCode(200).extract().asString();
        for (String table : new String[]{"b2b", "b2c_large", "b2c_small", "hsn_summary", "document_summary"}) {
            assertTrue(html.contains("id=\"gst-" + table + "\""), table + " in " + html);
        }
        assertTrue(html.contains("<td>29AAGCB7383J1Z4</td><td>B2B Buyer</td><td class=\"figure-cell\">1</td>"), html);
        // B2CL a row per rate, the date in Indian form, the invoice's value on each.
        assertTrue(html.contains("<td>INV/2425/00003</td><td>10-08-2024</td><td>07-Delhi</td><td class=\"figure-cell\">₹1,13,180.00</td>"
                + "<td>12 %</td>"), html);
        assertTrue(html.contains("<td class=\"figure-cell\">₹1,13,180.00</td><td>18 %</td>"), html);
        // B2CS: type OE, the place of supply with its state's name.
        assertTrue(html.contains("<td>OE</td><td>07-Delhi</td><td>18 %</td><td class=\"figure-cell\">₹84,746.00</td>"), html);
        assertTrue(html.contains("<td>OE</td><td>27-Maharashtra</td>"), html);
        assertTrue(html.contains("<th scope=\"col\">UQC</th>") && html.contains("<td>6403</td><td>PCS</td><td>12 %</td>"), html);
        // Table 13 and its totals from the API's.
        assertTrue(html.contains("<td>INV/2425</td><td>INV/2425/00001</td><td>INV/2425/00005</td><td class=\"figure-cell\">5</td>"
                + "<td class=\"figure-cell\">1</td><td class=\"figure-cell\">4</td>"), html);
        assertTrue(html.contains("<tr class=\"gst-totals\"><th scope=\"row\">Total</th><td></td><td></td><td class=\"figure-cell\">₹85,746.00</td>"), html);
        assertTrue(html.contains("href=\"/t/smile-dental/gst\">GST returns</a>"), html);
        assertTrue(GstStubGateway.CALLS.contains("GET /api/tenants/smile-dental/reports/gstr1?month=2024-08"), GstStubGateway.CALLS.toString());
    }

    @Test
    void sezSuppliesDeemedExportsExportsAndNotesHaveTheirOwnTitledTables() {
        String html = admin.get(BASE + "gst?month=2024-10").then().statusCode(200).extract().asString();
        // In the portal's order: B2B, SEZ, deemed exports, B2CL, exports (with payment, then under LUT), B2CS, CDNR, CDNUR.
        List<String> order = List.of("gst-b2b-heading", "gst-sezwp-heading", "gst-sezwop-heading", "gst-de-heading", "gst-b2c_large-heading",
                "gst-expwp-heading", "gst-expwop-heading", "gst-b2c_small-heading", "gst-cdnr-heading", "gst-cdnur-heading");
        for (int i = 1; i < order.size(); i++) {
            assertTrue(html.indexOf(order.get(i - 1)) < html.indexOf(order.get(i)), order.get(i - 1) + " before " + order.get(i));
        }
        assertTrue(html.contains(">SEZ without payment</h2>") && html.contains(">Deemed exports</h2>")
                && html.contains(">Exports with payment</h2>") && html.contains(">Exports without payment</h2>"), html);
        assertTrue(html.contains("<td>33AAACR5055K1Z3</td><td>Chennai SEZ Unit</td>"), html);
        // An export row with its shipping bill, the date in Indian form.
        assertTrue(html.contains("<td>INV/2425/00009</td><td>10-10-2024</td><td class=\"figure-cell\">₹5,000.00</td><td>INBOM1</td>"
                + "<td>1234567</td><td>11-10-2024</td>"), html);
        // Notes: the type in words, reverse charge as Yes/No, the note's value in rupees.
        assertTrue(html.contains("<th scope=\"col\">Note number</th>"), html);
        assertTrue(html.contains("<td>Credit</td><td>CN/2425/00004</td><td>25-10-2024</td><td>INV/2425/00002</td><td>20-09-2024</td>"
                + "<td>29-Karnataka</td><td>B2B</td><td>Yes</td><td class=\"figure-cell\">₹1,180.00</td>"), html);
        assertTrue(html.contains("<td>EXPWOP</td><td>Debit</td><td>DN/2425/00001</td>"), html);
        // 9B and exports each download as the portal's CSV; SEZ and deemed exports are in the B2B file.
        for (String csv : List.of("cdnr", "cdnur", "exp")) {
            assertTrue(html.contains("id=\"download-csv-" + csv + "\""), csv);
        }
        assertTrue(!html.contains("id=\"download-csv-sezwp\""), html);
        // Both kinds of export are in the one exports file: one link, under the first.
        assertEquals(html.indexOf("id=\"download-csv-exp\""), html.lastIndexOf("id=\"download-csv-exp\""), html);
        assertTrue(html.indexOf("gst-expwp-heading") < html.indexOf("id=\"download-csv-exp\"")
                && html.indexOf("id=\"download-csv-exp\"") < html.indexOf("gst-expwop-heading"), html);
    }

    @Test
    void thereIsADownloadForThePortalsJsonAndEachSectionsCsv() {
        String html = admin.get(BASE + "gst?month=2024-08").then().statusCode(200).extract().asString();
        assertTrue(html.contains("id=\"download-json\" href=\"/t/smile-dental/gst/gstr1/download?month=2024-08&amp;format=json\""), html);
        for (String section : new String[]{"b2b", "b2cl", "b2cs", "hsn", "docs"}) {
            assertTrue(html.contains("id=\"download-csv-" + section + "\" href=\"/t/smile-dental/gst/gstr1/download?month=2024-08&amp;format=csv"
                    + "&amp;section=" + section + "\""), section + " in " + html);
        }
        // From May 2025 Table 12 is in two parts, each a table and a CSV of its own.
        String may = admin.get(BASE + "gst?month=2025-05").then().statusCode(200).extract().asString();
        assertTrue(may.contains("id=\"gst-hsn_b2b\"") && may.contains("id=\"gst-hsn_b2c-empty\"") && !may.contains("gst-hsn_summary"), may);
        assertTrue(may.contains("id=\"download-csv-hsn_b2b\"") && may.contains("id=\"download-csv-hsn_b2c\""), may);
    }

    @Test
    void theDownloadsAreTheApisFiles() {
        Response json = admin.get(BASE + "gst/gstr1/download?month=2024-08&format=json");
        json.then().statusCode(200).contentType("application/json").header("Content-Disposition", "attachment; filename=\"GSTR1_082024.json\"");
        assertEquals(GstStubGateway.PORTAL_JSON, json.asString());
        assertTrue(GstStubGateway.CALLS.contains("GET /api/tenants/smile-dental/reports/gstr1/export?format=json&month=2024-08"),
                GstStubGateway.CALLS.toString());
        Response csv = admin.get(BASE + "gst/gstr1/download?month=2024-08&format=csv&section=b2cl");
        csv.then().statusCode(200).contentType(containsString("text/csv")).header("Content-Disposition", "attachment; filename=\"GSTR1_082024_b2cl.csv\"");
        assertEquals(GstStubGateway.B2CL_CSV, csv.asString());
        // A section the API refuses, a format it has not, a month that is none: a page saying so, the API not asked for the last two.
        admin.get(BASE + "gst/gstr1/download?month=2024-08&format=csv&section=hsn_b2b").then().statusCode(404)
                .body(containsString("section must be one of b2b, b2cl, b2cs, hsn, docs"));
        GstStubGateway.CALLS.clear();
        admin.get(BASE + "gst/gstr1/download?month=2024-08&format=xml").then().statusCode(404);
        admin.get(BASE + "gst/gstr1/download?month=June&format=json").then().statusCode(404);
        assertTrue(GstStubGateway.CALLS.stream().noneMatch(c -> c.contains("/reports/")), GstStubGateway.CALLS.toString());
    }

    @Test
    void aMonthTheApiRefusesIsShownAtTheField() {
        admin.get(BASE + "gst?month=June").then().statusCode(400)
                .body(containsString("id=\"month-error\">month must look like 2024-06<")).body(containsString("value=\"June\""));
    }

    @Test
    void withoutAdvancedReportingThereIsNoMenuItemAndA403Page() {
        admin.get("/t/plain-shop/").then().body(not(containsString(">GST returns<")));
        admin.get("/t/plain-shop/gst").then().statusCode(403).body(containsString("advanced reporting"));
        admin.get("/t/plain-shop/gst/gstr1/download?month=2024-08").then().statusCode(403);
        admin.get("/t/plain-shop/gst/gstr1/download?month=2024-08&format=csv&section=b2b").then().statusCode(403);
        assertTrue(GstStubGateway.CALLS.stream().noneMatch(c -> c.contains("plain-shop/reports")), GstStubGateway.CALLS.toString());
    }
}
