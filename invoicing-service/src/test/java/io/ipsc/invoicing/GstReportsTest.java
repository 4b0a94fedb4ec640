package io.ipsc.invoicing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GSTR-1 through HTTP on a tenant in Maharashtra (27) with issued invoices whose figures are worked out here:
 * the sections, the totals, the portal's JSON checked against the offline tool's layout (required keys and
 * types written out below), each section's CSV with the templates' headings, a product's unit checked against
 * the GSTN UQC list, and who may read it.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class GstReportsTest {

    private static final String KARNATAKA_BUYER = "29AAGCB7383J1Z4";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String slug = "gstr-" + UUID.randomUUID().toString().substring(0, 6);
    private final String plain = "plain-" + UUID.randomUUID().toString().substring(0, 6);
    private final String other = "other-" + UUID.randomUUID().toString().substring(0, 6);
    private int shoe12;
    private int shoe18;
    private int registered;
    private int delhi;
    private int local;

    private boolean ready;

    /** Once for the class (RestAssured knows the test port only once a test runs, so not in a @BeforeAll). */
    @BeforeEach
    void tenantsWithAugust2024AndMay2025() {
        if (ready) {
            return;
        }
        ready = true;
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            Snapshot s = TenantEventsPublisher.snapshot(slug, "business").member(4, "admin").feature("advanced_reporting", true);
            Snapshot p = TenantEventsPublisher.snapshot(plain, "business").member(4, "admin");
            Snapshot o = TenantEventsPublisher.snapshot(other, "business").member(5, "admin").feature("advanced_reporting", true);
            for (Snapshot each : List.of(s, p, o)) {
                events.publish(each);
            }
            for (Snapshot each : List.of(s, p, o)) {
                TenantEventsPublisher.awaitReport(each.slug(), "invoicing", "PROVISIONED", each.version(), Duration.ofSeconds(60));
            }
        }
        shoe12 = product("SHOE-12", "Leather shoes", "pcs", "12");
        shoe18 = product("SHOE-18", "Sports shoes", "PCS", "18");
        registered = as(4, slug).body(Map.of("name", "B2B Buyer", "gstin", KARNATAKA_BUYER)).post("/api/customers").then().extract().path("data.id");
        delhi = as(4, slug).body(Map.of("name", "Delhi Walk-in", "state", "Delhi")).post("/api/customers").then().extract().path("data.id");
        local = as(4, slug).body(Map.of("name", "Local Walk-in", "state", "Maharashtra")).post("/api/customers").then().extract().path("data.id");

        // August 2024 (₹1,00,000 threshold since the 1st), all dated the 10th:
        // 1. Karnataka, registered: 2 × ₹1,000 at 12 % = 2,000 + IGST 240 = 2,240 (B2B).
        int b2b = issue(registered, "2024-08-10", productLine(shoe12, 2));
        // 2. Delhi walk-in: 84,746 at 18 % = IGST 15,254.28, exactly 1,00,000.28, rounded to ₹1,00,000: not above the
        //    threshold, so B2CS (the invoice value is the rounded total).
        issue(delhi, "2024-08-10", freeLine("Leather boots", "6403", "nos", "84746.00", "18"));
        // 3. Delhi walk-in: 100 × ₹1,000 at 12 % (1,00,000 + IGST 12,000) and 1 × ₹1,000 at 18 % (IGST 180) = ₹1,13,180: B2CL, two rates.
        int b2cl = issue(delhi, "2024-08-10", productLine(shoe12, 100), productLine(shoe18, 1));
        // 4. Local walk-in: 1 × ₹1,000 at 18 % = CGST 90 + SGST 90 = 1,180 (B2CS Maharashtra).
        int b2cs = issue(local, "2024-08-10", productLine(shoe18, 1));
        // 5. Local walk-in, the same, cancelled whole today: a later month than its own, so August's return stays as filed
        //    (in B2CS, not counted cancelled) and the cancel is a credit note in 9B of today's month (GstNotesTest, which
        //    also cancels an invoice within its own month: left out, counted cancelled).
        int cancelled = issue(local, "2024-08-10", productLine(shoe18, 1));
        as(4, slug).body(Map.of("reason", "Duplicate")).post("/api/invoices/" + cancelled + "/cancel").then().statusCode(200);

        // September 2024, notes only, all dated the 5th (see creditAndDebitNotes…):
        // CN/2425/00001 on invoice 1: 1 pair back, 1,000 + IGST 12 % 120 = 1,120 (CDNR).
        note("credit", b2b, Map.of("invoice_line", 1, "quantity", 1));
        // DN/2425/00001 on invoice 1: ₹100 more, 100 + IGST 12 = 112 (CDNR).
        note("debit", b2b, Map.of("invoice_line", 1, "amount", "100.00"));
        // CN/2425/00002 on invoice 3 (B2CL): the 18 % pair back, 1,000 + IGST 180 = 1,180 (CDNUR, B2CL).
        note("credit", b2cl, Map.of("invoice_line", 2, "quantity", 1));
        // CN/2425/00003 on invoice 4 (B2CS): ₹200 off, 200 + CGST 18 + SGST 18 = 236 (takes off B2CS Maharashtra 18 %).
        note("credit", b2cs, Map.of("invoice_line", 1, "amount", "200.00"));

        // May 2025 (HSN summary in two parts): Karnataka 1 × ₹1,000 at 12 % (IGST 120); local 1 × ₹1,000 at 12 % (CGST 60 + SGST 60).
        issue(registered, "2025-05-05", productLine(shoe12, 1));
        issue(local, "2025-05-06", productLine(shoe12, 1));
    }

    @Test
    void gstr1SectionsFollowTheRulesWithEachSectionsTotals() {
        as(4, slug).get("/api/reports/gstr1?month=2024-08").then().statusCode(200)
                .body("data.b2b", hasSize(1)).body("data.b2b[0].gstin", is(KARNATAKA_BUYER))
                .body("data.b2b[0].invoices", is(1)).body("data.b2b[0].igst", is(240.0f)).body("data.b2b[0].total", is(2240.0f))
                // B2CL: invoice 3 only, a row per rate, its value repeated on each.
                .body("data.b2c_large", hasSize(2)).body("data.b2c_large.number", everyItem(endsWith("/00003")))
                .body("data.b2c_large.place_of_supply", everyItem(is("07-Delhi"))).body("data.b2c_large.invoice_value", everyItem(is(113180.0f)))
                .body("data.b2c_large.gst_rate", contains(12.0f, 18.0f)).body("data.b2c_large.igst", contains(12000.0f, 180.0f))
                // B2CS by place of supply and rate: Delhi 18 % (84,746, IGST 15,254.28), Maharashtra 18 % (invoices 4 and 5: 2,000, 180 + 180).
                .body("data.b2c_small.type", contains("OE", "OE")).body("data.b2c_small.place_of_supply", contains("07-Delhi", "27-Maharashtra"))
                .body("data.b2c_small[0].taxable", is(84746.0f)).body("data.b2c_small[0].igst", is(15254.28f))
                .body("data.b2c_small[1].cgst", is(180.0f)).body("data.b2c_small[1].sgst", is(180.0f))
                // HSN 6403: NOS 18 % (invoice 2); PCS 12 % (2 + 100 = 102 pieces, 2,000 + 1,00,000, IGST 240 + 12,000);
                // PCS 18 % (invoices 3, 4 and 5: 3 pieces, 3,000, IGST 180, CGST 180, SGST 180: 3,540).
                .body("data.hsn_summary", hasSize(3)).body("data.hsn_summary.uqc", contains("NOS", "PCS", "PCS"))
                .body("data.hsn_summary.gst_rate", contains(18.0f, 12.0f, 18.0f))
                .body("data.hsn_summary[1].quantity", is(102.0f)).body("data.hsn_summary[1].taxable", is(102000.0f))
                .body("data.hsn_summary[1].igst", is(12240.0f)).body("data.hsn_summary[1].total", is(114240.0f))
                .body("data.hsn_summary[2].quantity", is(3.0f)).body("data.hsn_summary[2].total", is(3540.0f))
                // Table 13: INV/2425/00001 to 00005, five numbers, none cancelled in August, five net.
                .body("data.document_summary", hasSize(1)).body("data.document_summary[0].series", is("INV/2425"))
                .body("data.document_summary[0].from", is("INV/2425/00001")).body("data.document_summary[0].to", is("INV/2425/00005"))
                .body("data.document_summary[0].total_number", is(5)).body("data.document_summary[0].cancelled", is(0))
                .body("data.document_summary[0].net_issued", is(5))
                // Totals: B2CL 1,01,000 taxable, IGST 12,180; HSN taxable 84,746 + 1,02,000 + 3,000 = 1,89,746,
                // tax 15,254.28 + 12,240 + 180 + 180 + 180 = 28,034.28, total 2,17,780.28.
                .body("data.totals.b2c_large.taxable", is(101000.0f)).body("data.totals.b2c_large.igst", is(12180.0f))
                .body("data.totals.hsn_summary.taxable", is(189746.0f)).body("data.totals.hsn_summary.total", is(217780.28f))
                .body("data.totals.b2b.invoices", is(1));
        as(4, slug).get("/api/reports/gstr1?month=2025-05").then().statusCode(200)
                .body("data", not(hasKey("hsn_summary")))
                .body("data.hsn_b2b", hasSize(1)).body("data.hsn_b2b[0].igst", is(120.0f))
                .body("data.hsn_b2c", hasSize(1)).body("data.hsn_b2c[0].cgst", is(60.0f)).body("data.hsn_b2c[0].sgst", is(60.0f))
                .body("data.document_summary[0].from", is("INV/2526/00001"));
        // The sales register is the month's books as filed: all five, invoice 5 marked cancelled (it was, later).
        as(4, slug).get("/api/reports/sales-register?month=2024-08").then().statusCode(200).body("data.invoices", hasSize(5))
                .body("data.invoices.status", hasItem("cancelled"));
    }

    @Test
    void theJsonExportHasTheOfflineToolsLayout() throws Exception {
        Response file = as(4, slug).get("/api/reports/gstr1?month=2024-08&format=json");
        file.then().statusCode(200).contentType(startsWith("application/json"))
                .header("Content-Disposition", is("attachment; filename=\"GSTR1_082024.json\""));
        JsonNode json = JSON.readTree(file.asByteArray());
        // The layout's required keys and their types, as the offline tool's JSON has them.
        text(json, "gstin", "27AAPFU0939F1ZV");
        text(json, "fp", "082024");
        for (String empty : List.of("cdnr", "cdnur", "exp")) {
            assertTrue(json.get(empty).isArray() && json.get(empty).isEmpty(), empty);
        }
        JsonNode b2b = array(json, "b2b", 1).get(0);
        text(b2b, "ctin", KARNATAKA_BUYER);
        JsonNode inv = array(b2b, "inv", 1).get(0);
        text(inv, "inum", "INV/2425/00001");
        text(inv, "idt", "10-08-2024");
        number(inv, "val", "2240.00");
        text(inv, "pos", "29");
        text(inv, "rchrg", "N");
        text(inv, "inv_typ", "R");
        JsonNode item = array(inv, "itms", 1).get(0);
        assertTrue(item.get("num").isInt(), item.toString());
        JsonNode det = item.get("itm_det");
        number(det, "txval", "2000.00");
        number(det, "rt", "12");
        number(det, "iamt", "240.00");
        number(det, "csamt", "0");

        JsonNode b2cl = array(json, "b2cl", 1).get(0);
        text(b2cl, "pos", "07");
        JsonNode large = array(b2cl, "inv", 1).get(0);
        text(large, "inum", "INV/2425/00003");
        text(large, "idt", "10-08-2024");
        number(large, "val", "113180.00");
        JsonNode rates = array(large, "itms", 2);
        number(rates.get(0).get("itm_det"), "rt", "12");
        number(rates.get(0).get("itm_det"), "iamt", "12000.00");
        number(rates.get(1).get("itm_det"), "rt", "18");
        number(rates.get(1).get("itm_det"), "txval", "1000.00");

        JsonNode b2cs = array(json, "b2cs", 2);
        text(b2cs.get(0), "sply_ty", "INTER");
        text(b2cs.get(0), "pos", "07");
        text(b2cs.get(0), "typ", "OE");
        number(b2cs.get(0), "txval", "84746.00");
        number(b2cs.get(0), "rt", "18");
        number(b2cs.get(0), "iamt", "15254.28");
        text(b2cs.get(1), "sply_ty", "INTRA");
        number(b2cs.get(1), "camt", "180.00");
        number(b2cs.get(1), "samt", "180.00");
        number(b2cs.get(1), "csamt", "0");

        JsonNode hsn = array(json.get("hsn"), "data", 3);
        for (JsonNode row : hsn) {
            assertTrue(row.get("num").isInt() && row.get("hsn_sc").isTextual() && row.get("desc").isTextual() && row.get("uqc").isTextual(), row.toString());
            for (String amount : List.of("qty", "rt", "txval", "iamt", "camt", "samt", "csamt")) {
                assertTrue(row.get(amount).isNumber(), amount + " in " + row);
            }
        }
        text(hsn.get(1), "hsn_sc", "6403");
        text(hsn.get(1), "uqc", "PCS");
        number(hsn.get(1), "qty", "102");
        number(hsn.get(1), "txval", "102000.00");

        JsonNode docDet = array(json.get("doc_issue"), "doc_det", 1).get(0);
        assertEquals(1, docDet.get("doc_num").asInt());
        text(docDet, "doc_typ", "Invoices for outward supply");
        JsonNode docs = array(docDet, "docs", 1).get(0);
        text(docs, "from", "INV/2425/00001");
        text(docs, "to", "INV/2425/00005");
        assertTrue(docs.get("totnum").isInt() && docs.get("cancel").isInt() && docs.get("net_issue").isInt(), docs.toString());
        assertEquals(List.of(5, 0, 5), List.of(docs.get("totnum").asInt(), docs.get("cancel").asInt(), docs.get("net_issue").asInt()));

        // From May 2025 Table 12 comes in two parts. Asked as a generated client asks for a file (Accept: application/octet-stream).
        JsonNode may = JSON.readTree(as(4, slug).accept("application/octet-stream").get("/api/reports/gstr1/export?month=2025-05&format=json")
                .then().statusCode(200).header("Content-Disposition", is("attachment; filename=\"GSTR1_052025.json\"")).extract().asByteArray());
        text(may, "fp", "052025");
        array(may.get("hsn"), "hsn_b2b", 1);
        array(may.get("hsn"), "hsn_b2c", 1);
        assertTrue(!may.get("hsn").has("data"), may.get("hsn").toString());
    }

    @Test
    void creditAndDebitNotesAreInTable9BAndAdjustB2csTheHsnSummaryAndTable13() throws Exception {
        as(4, slug).get("/api/reports/gstr1?month=2024-09").then().statusCode(200)
                .body("data.b2b", empty()).body("data.b2c_large", empty())
                // B2CS Maharashtra 18 %: only the credit note's −200, CGST −18, SGST −18.
                .body("data.b2c_small", hasSize(1)).body("data.b2c_small[0].place_of_supply", is("27-Maharashtra"))
                .body("data.b2c_small[0].taxable", is(-200.0f)).body("data.b2c_small[0].cgst", is(-18.0f))
                .body("data.cdnr", hasSize(2)).body("data.cdnr.gstin", everyItem(is(KARNATAKA_BUYER)))
                .body("data.cdnr.note_type", contains("C", "D")).body("data.cdnr.note_number", contains("CN/2425/00001", "DN/2425/00001"))
                .body("data.cdnr.invoice_number", everyItem(is("INV/2425/00001"))).body("data.cdnr.note_value", contains(1120.0f, 112.0f))
                .body("data.cdnr.igst", contains(120.0f, 12.0f))
                .body("data.cdnur", hasSize(1)).body("data.cdnur[0].ur_type", is("B2CL")).body("data.cdnur[0].note_number", is("CN/2425/00002"))
                .body("data.cdnur[0].invoice_number", is("INV/2425/00003")).body("data.cdnur[0].gst_rate", is(18.0f))
                .body("data.cdnur[0].igst", is(180.0f)).body("data.cdnur[0].place_of_supply", is("07-Delhi"))
                // Table 12 net of the notes: 6403 PCS 12 %: −1 pair, −1,000 + 100 = −900, IGST −120 + 12 = −108;
                // 6403 PCS 18 %: −1 pair, −1,000 − 200 = −1,200, IGST −180, CGST −18, SGST −18.
                .body("data.hsn_summary", hasSize(2)).body("data.hsn_summary.gst_rate", contains(12.0f, 18.0f))
                .body("data.hsn_summary.quantity", contains(-1.0f, -1.0f)).body("data.hsn_summary.taxable", contains(-900.0f, -1200.0f))
                .body("data.hsn_summary.igst", contains(-108.0f, -180.0f))
                // Table 13: debit notes DN/2425/00001 (1), credit notes CN/2425/00001 to 00003 (3); no invoice was numbered in September.
                .body("data.document_summary.nature", contains("Debit Note", "Credit Note"))
                .body("data.document_summary.from", contains("DN/2425/00001", "CN/2425/00001"))
                .body("data.document_summary.to", contains("DN/2425/00001", "CN/2425/00003"))
                .body("data.document_summary.total_number", contains(1, 3));

        JsonNode json = JSON.readTree(as(4, slug).get("/api/reports/gstr1?month=2024-09&format=json").then().statusCode(200).extract().asByteArray());
        JsonNode cdnr = array(json, "cdnr", 1).get(0);
        text(cdnr, "ctin", KARNATAKA_BUYER);
        JsonNode credit = array(cdnr, "nt", 2).get(0);
        text(credit, "ntty", "C");
        text(credit, "nt_num", "CN/2425/00001");
        text(credit, "nt_dt", "05-09-2024");
        number(credit, "val", "1120.00");
        text(credit, "pos", "29");
        text(credit, "rchrg", "N");
        text(credit, "inv_typ", "R");
        JsonNode det = array(credit, "itms", 1).get(0).get("itm_det");
        number(det, "txval", "1000.00");
        number(det, "rt", "12");
        number(det, "iamt", "120.00");
        number(det, "csamt", "0");
        JsonNode debit = cdnr.get("nt").get(1);
        text(debit, "ntty", "D");
        number(debit, "val", "112.00");
        number(debit.get("itms").get(0).get("itm_det"), "txval", "100.00");
        JsonNode cdnur = array(json, "cdnur", 1).get(0);
        text(cdnur, "typ", "B2CL");
        text(cdnur, "ntty", "C");
        text(cdnur, "nt_num", "CN/2425/00002");
        text(cdnur, "nt_dt", "05-09-2024");
        text(cdnur, "pos", "07");
        number(cdnur, "val", "1180.00");
        number(array(cdnur, "itms", 1).get(0).get("itm_det"), "iamt", "180.00");
        JsonNode b2cs = array(json, "b2cs", 1).get(0);
        number(b2cs, "txval", "-200.00");
        number(b2cs, "camt", "-18.00");
        JsonNode docDet = array(json.get("doc_issue"), "doc_det", 2);
        assertEquals(List.of(4, 5), List.of(docDet.get(0).get("doc_num").asInt(), docDet.get(1).get("doc_num").asInt()));
        text(docDet.get(0), "doc_typ", "Debit Note");
        text(docDet.get(1), "doc_typ", "Credit Note");
        JsonNode creditDocs = array(docDet.get(1), "docs", 1).get(0);
        text(creditDocs, "from", "CN/2425/00001");
        text(creditDocs, "to", "CN/2425/00003");
        assertEquals(List.of(3, 0, 3), List.of(creditDocs.get("totnum").asInt(), creditDocs.get("cancel").asInt(), creditDocs.get("net_issue").asInt()));

        assertEquals(List.of("GSTIN/UIN of Recipient,Receiver Name,Note Number,Note Date,Note Type,Place Of Supply,Reverse Charge,"
                        + "Note Supply Type,Note Value,Applicable % of Tax Rate,Rate,Taxable Value,Cess Amount",
                "29AAGCB7383J1Z4,B2B Buyer,CN/2425/00001,05-Sep-2024,C,29-Karnataka,N,Regular B2B,1120.00,,12,1000.00,0.00",
                "29AAGCB7383J1Z4,B2B Buyer,DN/2425/00001,05-Sep-2024,D,29-Karnataka,N,Regular B2B,112.00,,12,100.00,0.00"),
                csv("2024-09", "cdnr"));
        assertEquals(List.of("UR Type,Note Number,Note Date,Note Type,Place Of Supply,Note Value,Applicable % of Tax Rate,Rate,Taxable Value,"
                        + "Cess Amount", "B2CL,CN/2425/00002,05-Sep-2024,C,07-Delhi,1180.00,,18,1000.00,0.00"), csv("2024-09", "cdnur"));
        assertEquals(List.of("Nature of Document,Sr. No. From,Sr. No. To,Total Number,Cancelled",
                "Debit Note,DN/2425/00001,DN/2425/00001,1,0", "Credit Note,CN/2425/00001,CN/2425/00003,3,0"), csv("2024-09", "docs"));
    }

    @Test
    void eachSectionIsACsvWithTheTemplatesHeadings() {
        assertEquals(List.of("Invoice Number,Invoice date,Invoice Value,Place Of Supply,Applicable % of Tax Rate,Rate,Taxable Value,Cess Amount,E-Commerce GSTIN",
                        "INV/2425/00003,10-Aug-2024,113180.00,07-Delhi,,12,100000.00,0.00,",
                        "INV/2425/00003,10-Aug-2024,113180.00,07-Delhi,,18,1000.00,0.00,"),
                csv("b2cl"));
        assertEquals(List.of("GSTIN/UIN of Recipient,Receiver Name,Invoice Number,Invoice date,Invoice Value,Place Of Supply,Reverse Charge,"
                        + "Applicable % of Tax Rate,Invoice Type,E-Commerce GSTIN,Rate,Taxable Value,Cess Amount",
                "29AAGCB7383J1Z4,B2B Buyer,INV/2425/00001,10-Aug-2024,2240.00,29-Karnataka,N,,Regular B2B,,12,2000.00,0.00"), csv("b2b"));
        assertEquals(List.of("Type,Place Of Supply,Applicable % of Tax Rate,Rate,Taxable Value,Cess Amount,E-Commerce GSTIN",
                "OE,07-Delhi,,18,84746.00,0.00,", "OE,27-Maharashtra,,18,2000.00,0.00,"), csv("b2cs"));
        List<String> hsn = csv("hsn");
        assertEquals("HSN,Description,UQC,Total Quantity,Total Value,Rate,Taxable Value,Integrated Tax Amount,Central Tax Amount,"
                + "State/UT Tax Amount,Cess Amount", hsn.get(0));
        assertEquals("6403,Leather shoes,PCS-PIECES,102.000,114240.00,12,102000.00,12240.00,0.00,0.00,0.00", hsn.get(2));
        assertEquals(List.of("Nature of Document,Sr. No. From,Sr. No. To,Total Number,Cancelled",
                "Invoices for outward supply,INV/2425/00001,INV/2425/00005,5,0"), csv("docs"));
        as(4, slug).get("/api/reports/gstr1?month=2024-08&format=csv&section=b2cs").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", is("attachment; filename=\"GSTR1_082024_b2cs.csv\""));
    }

    @Test
    void badFormatsSectionsAndMonthsAreRefusedAtTheirField() {
        as(4, slug).get("/api/reports/gstr1?month=2024-08&format=xml").then().statusCode(400).body("success", is(false))
                .body("error.code", is("INVALID_FIELD")).body("error.details[0].field", is("format"));
        as(4, slug).get("/api/reports/gstr1?month=2024-08&format=csv").then().statusCode(400)
                .body("error.code", is("INVALID_FIELD")).body("error.details[0].field", is("section"))
                .body("message", containsString("b2b, b2cl, b2cs, cdnr, cdnur, exp, hsn, docs"));
        // hsn_b2b is a section from May 2025 only.
        as(4, slug).get("/api/reports/gstr1/export?month=2024-08&format=csv&section=hsn_b2b").then().statusCode(400)
                .body("error.details[0].field", is("section"));
        as(4, slug).get("/api/reports/gstr1?month=June").then().statusCode(400).body("error.code", is("INVALID_MONTH"));
        as(4, slug).get("/api/reports/gstr1/export?month=2024-13").then().statusCode(400).body("error.code", is("INVALID_MONTH"));
    }

    @Test
    void onlyTheTenantsMembersWithAdvancedReportingReadIt() {
        for (String path : List.of("/api/reports/gstr1?month=2024-08", "/api/reports/gstr1?month=2024-08&format=json",
                "/api/reports/gstr1/export?month=2024-08&format=csv&section=b2b")) {
            // Another tenant's admin, with its own token naming this tenant.
            as(5, slug).get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
            // A token claiming this tenant that its records do not bear out.
            given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(slug, "admin"))).header("X-Tenant-ID", slug)
                    .get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
            // This tenant's admin naming the other tenant: nothing of the other's.
            as(4, other).get(path).then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
            as(4, plain).get(path).then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        }
    }

    @Test
    void aProductsUnitMustBeAGstUnitQuantityCodeOrACommonSpellingOfOne() {
        as(4, slug).body(Map.of("sku", "SYR-1", "name", "Syringe", "hsn_sac", "9018", "unit", "syringe", "price", "10", "gst_rate", "12"))
                .post("/api/products").then().statusCode(400).body("success", is(false)).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details[0].field", is("unit")).body("error.details[0].message", allOf(containsString("NOS"), containsString("KGS"),
                        containsString("BOX"), containsString("MTR")));
        as(4, slug).body(Map.of("unit", "bogus")).put("/api/products/" + shoe12).then().statusCode(400).body("error.details[0].field", is("unit"));
        as(4, slug).body(Map.of("sku", "RICE-1", "name", "Rice", "hsn_sac", "1006", "unit", "Kg", "price", "60", "gst_rate", "5"))
                .post("/api/products").then().statusCode(201).body("data.unit", is("Kg"));
    }

    private List<String> csv(String section) {
        return csv("2024-08", section);
    }

    private List<String> csv(String month, String section) {
        String body = as(4, slug).get("/api/reports/gstr1/export?month=" + month + "&format=csv&section=" + section).then().statusCode(200)
                .extract().asString();
        assertTrue(body.endsWith("\r\n"), "CRLF line ends");
        return List.of(body.split("\r\n"));
    }

    private static void text(JsonNode node, String key, String expected) {
        assertTrue(node.has(key) && node.get(key).isTextual(), key + " as text in " + node);
        assertEquals(expected, node.get(key).asText(), key);
    }

    private static void number(JsonNode node, String key, String expected) {
        assertTrue(node.has(key) && node.get(key).isNumber(), key + " as a number in " + node);
        assertEquals(0, new java.math.BigDecimal(expected).compareTo(node.get(key).decimalValue()), key + " in " + node);
    }

    private static JsonNode array(JsonNode node, String key, int size) {
        assertTrue(node.has(key) && node.get(key).isArray(), key + " as an array in " + node);
        assertEquals(size, node.get(key).size(), key + " in " + node);
        return node.get(key);
    }

    private int product(String sku, String name, String unit, String rate) {
        return as(4, slug).body(Map.of("sku", sku, "name", name, "hsn_sac", "6403", "unit", unit, "price", "1000.00", "gst_rate", rate,
                "stock_quantity", 1000)).post("/api/products").then().statusCode(201).extract().path("data.id");
    }

    private static Map<String, Object> productLine(int product, int quantity) {
        return Map.of("product_id", product, "quantity", quantity);
    }

    private static Map<String, Object> freeLine(String description, String hsn, String unit, String price, String rate) {
        return Map.of("description", description, "hsn_sac", hsn, "unit", unit, "quantity", 1, "unit_price", price, "gst_rate", rate);
    }

    private void note(String kind, int invoice, Map<String, Object> line) {
        as(4, slug).body(Map.of("invoice_id", invoice, "note_date", "2024-09-05", "reason", "After the sale", "lines", List.of(line)))
                .post("/api/" + kind + "-notes").then().statusCode(201);
    }

    @SafeVarargs
    private int issue(int customer, String date, Map<String, Object>... lines) {
        Map<String, Object> body = new HashMap<>(Map.of("customer_id", customer, "invoice_date", date, "lines", new ArrayList<>(List.of(lines))));
        int id = as(4, slug).body(body).post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(4, slug).post("/api/invoices/" + id + "/issue").then().statusCode(200);
        return id;
    }
}
