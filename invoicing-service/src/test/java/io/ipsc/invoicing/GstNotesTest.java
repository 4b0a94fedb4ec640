package io.ipsc.invoicing;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.invoicing.CreditAndDebitNotesTest.note;
import static io.ipsc.invoicing.InvoicingTest.as;
import static io.ipsc.invoicing.SupplyTypesTest.amounts;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18's rules for notes, on a supplier in Maharashtra (27), through HTTP on real PostgreSQL: a whole invoice
 * cancelled after the month it was filed in is a credit note in 9B of the cancel's month (its own month's return stays
 * as filed), one cancelled within its month is left out and counted cancelled; notes on exports in CDNUR as
 * EXPWP/EXPWOP and on SEZ supplies in CDNR as SEWP/SEWOP, reverse charge kept; the e-invoice JSON of credit and debit
 * notes (CRN/DBN) field by field, refused for B2C, and nothing for another tenant.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class GstNotesTest {

    private static final long ADMIN = 181;
    private static final long OUTSIDER = 182;
    private static final String KARNATAKA = "29AAGCB7383J1Z4";
    private static final String TAMIL_NADU_SEZ = "33AAACR5055K1Z3";
    private static final String LUT = "AD2703240012345";
    private static final RestAssuredConfig EXACT = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    private final String slug = "gstn-" + UUID.randomUUID().toString().substring(0, 6);
    private final String other = "gstn-o-" + UUID.randomUUID().toString().substring(0, 6);
    private boolean ready;
    private int karnataka;
    private int puneWalkIn;
    private int delhiWalkIn;
    private int overseas;
    private int sez;

    @BeforeEach
    void tenants() {
        if (ready) {
            return;
        }
        ready = true;
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            List<Snapshot> snapshots = List.of(
                    TenantEventsPublisher.snapshot(slug, "business").member(ADMIN, "admin").feature("advanced_reporting", true),
                    TenantEventsPublisher.snapshot(other, "business").member(OUTSIDER, "admin").feature("advanced_reporting", true));
            snapshots.forEach(events::publish);
            for (Snapshot s : snapshots) {
                TenantEventsPublisher.awaitReport(s.slug(), "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            }
        }
        as(ADMIN, slug).body(Map.of("supplier_address", "Plot 12, MIDC Bhosari\nPune 411026", "lut_reference", LUT))
                .put("/api/invoices/settings").then().statusCode(200);
        karnataka = customer(Map.of("name", "Bengaluru Co", "gstin", KARNATAKA, "address_line1", "80 MG Road", "city", "Bengaluru",
                "pincode", "560001"));
        puneWalkIn = customer(Map.of("name", "Pune Walk-in", "state", "Maharashtra"));
        delhiWalkIn = customer(Map.of("name", "Delhi Walk-in", "state", "Delhi"));
        overseas = customer(Map.of("name", "Acme Inc", "gst_category", "overseas", "address_line1", "1 Market St", "city", "San Francisco"));
        sez = customer(Map.of("name", "Chennai SEZ Unit", "gstin", TAMIL_NADU_SEZ, "gst_category", "sez"));
    }

    @Test
    void aWholeInvoiceCancelledAfterItsMonthIsACreditNoteInTheCancelsMonth() {
        // Three invoices of 20 September 2024, each cancelled whole today (a later month):
        // 1. Karnataka (B2B, inter-state): 2 × ₹1,000 at 18 % = 2,000 + IGST 360 = 2,360.
        int b2b = issue(karnataka, "2024-09-20", line("1000.00", 2, 18));
        // 2. Pune walk-in (B2CS, intra-state): 1 × ₹500 at 12 % = 500 + CGST 30 + SGST 30 = 560.
        int b2cs = issue(puneWalkIn, "2024-09-20", line("500.00", 1, 12));
        // 3. Delhi walk-in (inter-state): 1 × ₹2,00,000 at 18 % = 2,00,000 + IGST 36,000 = 2,36,000: above the ₹1,00,000
        //    in force after 31 July 2024, so B2C-large.
        int b2cl = issue(delhiWalkIn, "2024-09-20", line("200000.00", 1, 18));
        // 4. Today, and cancelled today: within its own month.
        int sameMonth = issue(karnataka, null, line("100.00", 1, 18));
        for (int id : List.of(b2b, b2cs, b2cl, sameMonth)) {
            as(ADMIN, slug).body(Map.of("reason", "Order withdrawn")).post("/api/invoices/" + id + "/cancel").then().statusCode(200);
        }
        JsonPath cancelNote = as(ADMIN, slug).get("/api/credit-notes?invoice_id=" + b2b).then().statusCode(200).extract().jsonPath();
        String b2bNote = cancelNote.getString("data.items[0].number");
        int b2bNoteId = cancelNote.getInt("data.items[0].id");
        YearMonth cancelMonth = YearMonth.from(LocalDate.parse(cancelNote.getString("data.items[0].note_date")));
        String b2clNote = as(ADMIN, slug).get("/api/credit-notes?invoice_id=" + b2cl).then().extract().path("data.items[0].number");
        String b2bNumber = as(ADMIN, slug).get("/api/invoices/" + b2b).then().extract().path("data.number");

        // September's return stays as filed: the three invoices in their sections, none counted cancelled in Table 13.
        as(ADMIN, slug).get("/api/reports/gstr1?month=2024-09").then().statusCode(200)
                .body("data.b2b.size()", is(1)).body("data.b2b[0].gstin", is(KARNATAKA)).body("data.b2b[0].total", is(2360.0f))
                .body("data.b2c_large.size()", is(1)).body("data.b2c_large[0].invoice_value", is(236000.0f))
                .body("data.b2c_small.size()", is(1)).body("data.b2c_small[0].taxable", is(500.0f)).body("data.b2c_small[0].cgst", is(30.0f))
                .body("data.cdnr.size()", is(0)).body("data.cdnur.size()", is(0))
                .body("data.document_summary.size()", is(1)).body("data.document_summary[0].total_number", is(3))
                .body("data.document_summary[0].cancelled", is(0));

        // The cancel's month: the B2B one is a credit note in CDNR for its full value (2,000 + IGST 360 = 2,360), the B2C-large
        // one in CDNUR (B2CL, 2,36,000), the B2CS one takes off B2CS Maharashtra at 12 %: −500, CGST −30, SGST −30.
        // Today's invoice, cancelled today, is in no section; Table 13 counts it, cancelled, and the four credit notes.
        JsonPath month = as(ADMIN, slug).get("/api/reports/gstr1?month=" + cancelMonth).then().statusCode(200).extract().jsonPath();
        assertEquals(1, month.getList("data.cdnr").size());
        assertEquals(KARNATAKA, month.getString("data.cdnr[0].gstin"));
        assertEquals(b2bNote, month.getString("data.cdnr[0].note_number"));
        assertEquals("C", month.getString("data.cdnr[0].note_type"));
        assertEquals(b2bNumber, month.getString("data.cdnr[0].invoice_number"));
        assertEquals("2024-09-20", month.getString("data.cdnr[0].invoice_date"));
        assertEquals(2360.0f, month.getFloat("data.cdnr[0].note_value"));
        assertEquals(2000.0f, month.getFloat("data.cdnr[0].taxable"));
        assertEquals(360.0f, month.getFloat("data.cdnr[0].igst"));
        assertEquals(1, month.getList("data.cdnur").size());
        assertEquals("B2CL", month.getString("data.cdnur[0].ur_type"));
        assertEquals(b2clNote, month.getString("data.cdnur[0].note_number"));
        assertEquals(236000.0f, month.getFloat("data.cdnur[0].note_value"));
        assertEquals(1, month.getList("data.b2c_small").size());
        assertEquals(-500.0f, month.getFloat("data.b2c_small[0].taxable"));
        assertEquals(-30.0f, month.getFloat("data.b2c_small[0].cgst"));
        assertEquals(-30.0f, month.getFloat("data.b2c_small[0].sgst"));
        assertEquals(0, month.getList("data.b2b").size());
        assertEquals(List.of("Invoices for outward supply", "Credit Note"), month.getList("data.document_summary.nature"));
        assertEquals(List.of(1, 4), month.getList("data.document_summary.total_number"));
        assertEquals(List.of(1, 0), month.getList("data.document_summary.cancelled"));

        // The portal's JSON: the note under the buyer's ctin, ntty C, inv_typ R, value and IGST as above.
        JsonPath portal = exact("/api/reports/gstr1?month=" + cancelMonth + "&format=json");
        assertEquals(KARNATAKA, portal.getString("cdnr[0].ctin"));
        assertEquals("C", portal.getString("cdnr[0].nt[0].ntty"));
        assertEquals("R", portal.getString("cdnr[0].nt[0].inv_typ"));
        amounts(portal, "cdnr[0].nt[0].", "val", "2360.00", "itms[0].itm_det.txval", "2000.00", "itms[0].itm_det.iamt", "360.00");
        assertEquals("B2CL", portal.getString("cdnur[0].typ"));

        // Its e-invoice is a CRN with the invoice's lines, naming the invoice.
        JsonPath e = exact("/api/credit-notes/" + b2bNoteId + "/einvoice").setRootPath("data");
        assertEquals(Map.of("Typ", "CRN", "No", b2bNote, "Dt", cancelNote.getString("data.items[0].note_date").replaceAll("(\\d+)-(\\d+)-(\\d+)",
                "$3/$2/$1")), e.getMap("DocDtls"));
        assertEquals(List.of(Map.of("InvNo", b2bNumber, "InvDt", "20/09/2024")), e.getList("RefDtls.PrecDocDtls"));
        assertEquals(1, e.getList("ItemList").size());
        amounts(e, "ItemList[0].", "Qty", "2", "UnitPrice", "1000", "AssAmt", "2000.00", "IgstAmt", "360.00");
        amounts(e, "ValDtls.", "AssVal", "2000.00", "IgstVal", "360.00", "TotInvVal", "2360.00");
    }

    @Test
    void notesOnExportsAreInCdnurAndOnSezSuppliesInCdnrWithTheirInvoicesType() {
        // October 2024, invoices of the 10th and notes of the 25th:
        // 1. Export under LUT: 2 × ₹1,000 at 18 %, nil IGST, 2,000; one piece back: 1,000, nil (CDNUR EXPWOP).
        int lut = issue(overseas, "2024-10-10", line("1000.00", 2, 18));
        as(ADMIN, slug).body(note(lut, "2024-10-25", Map.of("invoice_line", 1, "quantity", 1))).post("/api/credit-notes").then().statusCode(201);
        // 2. Export with payment: 1 × ₹1,000 + IGST 180 = 1,180; ₹500 off: 500 + IGST 90 = 590 (CDNUR EXPWP).
        int paid = issueWith(Map.of("customer_id", overseas, "invoice_date", "2024-10-10", "with_payment_of_tax", true,
                "lines", List.of(line("1000.00", 1, 18))));
        as(ADMIN, slug).body(note(paid, "2024-10-25", Map.of("invoice_line", 1, "amount", "500.00"))).post("/api/credit-notes").then()
                .statusCode(201).body("data.total", is(590.0f));
        // 3. Tamil Nadu SEZ without payment: 2 × ₹1,000, nil; one more piece debited: 1,000, nil (CDNR SEWOP, D).
        int sezInvoice = issue(sez, "2024-10-10", line("1000.00", 2, 18));
        as(ADMIN, slug).body(note(sezInvoice, "2024-10-25", Map.of("invoice_line", 1, "quantity", 1))).post("/api/debit-notes").then()
                .statusCode(201).body("data.total", is(1000.0f));
        // 4. Karnataka under reverse charge: 1 × ₹1,000 + IGST 180 = 1,180, the piece back: 1,180 (CDNR R, rchrg Y).
        int reverse = issueWith(Map.of("customer_id", karnataka, "invoice_date", "2024-10-10", "reverse_charge", true,
                "lines", List.of(line("1000.00", 1, 18))));
        as(ADMIN, slug).body(note(reverse, "2024-10-25", Map.of("invoice_line", 1, "quantity", 1))).post("/api/credit-notes").then()
                .statusCode(201).body("data.total", is(1180.0f));

        JsonPath r = as(ADMIN, slug).get("/api/reports/gstr1?month=2024-10").then().statusCode(200).extract().jsonPath();
        // CDNUR by note date then number: the LUT export's note was written first.
        assertEquals(List.of("EXPWOP", "EXPWP"), r.getList("data.cdnur.ur_type"));
        assertEquals(List.of(1000.0f, 590.0f), r.getList("data.cdnur.note_value"));
        assertEquals(List.of(0.0f, 90.0f), r.getList("data.cdnur.igst"));
        // CDNR by GSTIN: Karnataka (29) before Tamil Nadu (33).
        assertEquals(List.of(KARNATAKA, TAMIL_NADU_SEZ), r.getList("data.cdnr.gstin"));
        assertEquals(List.of("B2B", "SEZWOP"), r.getList("data.cdnr.supply_type"));
        assertEquals(List.of(true, false), r.getList("data.cdnr.reverse_charge"));
        assertEquals(List.of("C", "D"), r.getList("data.cdnr.note_type"));
        // No note touched B2CS: exports are not B2C.
        assertEquals(0, r.getList("data.b2c_small").size());

        JsonPath portal = exact("/api/reports/gstr1?month=2024-10&format=json");
        assertEquals(List.of("EXPWOP", "EXPWP"), portal.getList("cdnur.typ"));
        amounts(portal, "cdnur[0].", "val", "1000.00", "itms[0].itm_det.txval", "1000.00", "itms[0].itm_det.iamt", "0");
        amounts(portal, "cdnur[1].", "val", "590.00", "itms[0].itm_det.txval", "500.00", "itms[0].itm_det.iamt", "90.00");
        assertEquals("96", portal.getString("cdnur[0].pos"));
        assertEquals(List.of("R", "SEWOP"), portal.getList("cdnr.collect { it.nt[0].inv_typ }"));
        assertEquals(List.of("Y", "N"), portal.getList("cdnr.collect { it.nt[0].rchrg }"));
        assertEquals(List.of("C", "D"), portal.getList("cdnr.collect { it.nt[0].ntty }"));

        String cdnr = as(ADMIN, slug).get("/api/reports/gstr1?month=2024-10&format=csv&section=cdnr").then().statusCode(200).extract().asString();
        assertTrue(cdnr.contains(",29-Karnataka,Y,Regular B2B,1180.00,"), cdnr);
        assertTrue(cdnr.contains(",N,SEZ supplies without payment,1000.00,"), cdnr);
    }

    @Test
    void theEInvoiceOfACreditAndADebitNoteFieldByField() {
        // The invoice of 5 November 2024 to Karnataka (inter-state, IGST):
        //   Widget (HSN 8471): 2.5 kg × 333.33 less 7.5 %: 833.325 × 0.925 = 770.825625 → 770.83, IGST 12 % 92.50.
        //   Installation (SAC 998719): 3 hrs × 499.99 less 10 %: 1,349.973 → 1,349.97, IGST 18 % 242.99.
        int invoice = issueWith(Map.of("customer_id", karnataka, "invoice_date", "2024-11-05", "lines", List.of(
                Map.of("description", "Widget", "hsn_sac", "8471", "unit", "kg", "quantity", "2.5", "unit_price", "333.33", "gst_rate", 12,
                        "discount_percent", "7.5"),
                Map.of("description", "Installation", "hsn_sac", "998719", "unit", "hrs", "quantity", 3, "unit_price", "499.99", "gst_rate", 18,
                        "discount_percent", 10))));
        String invoiceNumber = as(ADMIN, slug).get("/api/invoices/" + invoice).then().extract().path("data.number");
        // Credit note of the 20th: 1 kg of widget back: 333.33 × 0.925 = 308.33025 → 308.33, IGST 12 % 36.9996 → 37.00, 345.33;
        //   ₹100 off the installation (by value): 100.00, IGST 18.00, 118.00.
        //   Taxable 408.33, IGST 55.00, 463.33 → 463.00, round-off −0.33.
        int credit = as(ADMIN, slug).body(note(invoice, "2024-11-20", Map.of("invoice_line", 1, "quantity", 1),
                        Map.of("invoice_line", 2, "amount", "100.00"))).post("/api/credit-notes").then().statusCode(201)
                .body("data.total", is(463.0f)).extract().path("data.id");
        String creditNumber = as(ADMIN, slug).get("/api/credit-notes/" + credit).then().extract().path("data.number");
        JsonPath e = exact("/api/credit-notes/" + credit + "/einvoice").setRootPath("data");
        assertEquals("1.1", e.getString("Version"));
        assertEquals(Map.of("TaxSch", "GST", "SupTyp", "B2B", "RegRev", "N", "IgstOnIntra", "N"), e.getMap("TranDtls"));
        assertEquals(Map.of("Typ", "CRN", "No", creditNumber, "Dt", "20/11/2024"), e.getMap("DocDtls"));
        assertEquals(List.of(Map.of("InvNo", invoiceNumber, "InvDt", "05/11/2024")), e.getList("RefDtls.PrecDocDtls"));
        assertEquals("27AAPFU0939F1ZV", e.getString("SellerDtls.Gstin"));
        assertEquals(KARNATAKA, e.getString("BuyerDtls.Gstin"));
        assertEquals("29", e.getString("BuyerDtls.Pos"));
        assertEquals(2, e.getList("ItemList").size());
        assertEquals("1", e.getString("ItemList[0].SlNo"));
        assertEquals("8471", e.getString("ItemList[0].HsnCd"));
        assertEquals("N", e.getString("ItemList[0].IsServc"));
        assertEquals("KGS", e.getString("ItemList[0].Unit"));
        // Priced at its taxable value per unit, no discount (the note's value is net): 308.33 / 1.
        amounts(e, "ItemList[0].", "Qty", "1", "UnitPrice", "308.33", "TotAmt", "308.33", "Discount", "0", "AssAmt", "308.33", "GstRt", "12",
                "IgstAmt", "37.00", "CgstAmt", "0", "SgstAmt", "0", "TotItemVal", "345.33");
        assertEquals("2", e.getString("ItemList[1].SlNo"));
        assertEquals("Y", e.getString("ItemList[1].IsServc"));
        assertNull(e.get("ItemList[1].Unit"), "a service has no unit quantity code");
        // By value: no quantity, the value as its price.
        amounts(e, "ItemList[1].", "Qty", "0", "UnitPrice", "100", "TotAmt", "100.00", "Discount", "0", "AssAmt", "100.00", "GstRt", "18",
                "IgstAmt", "18.00", "TotItemVal", "118.00");
        amounts(e, "ValDtls.", "AssVal", "408.33", "CgstVal", "0", "SgstVal", "0", "IgstVal", "55.00", "RndOffAmt", "-0.33", "TotInvVal", "463.00");
        assertNull(e.get("ExpDtls"), "only an export's note has export details");

        // Debit note of the 21st: one more hour of installation: 499.99 × 0.9 = 449.991 → 449.99, IGST 18 % 80.9982 → 81.00,
        //   530.99 → 531.00, round-off +0.01.
        int debit = as(ADMIN, slug).body(note(invoice, "2024-11-21", Map.of("invoice_line", 2, "quantity", 1))).post("/api/debit-notes").then()
                .statusCode(201).body("data.total", is(531.0f)).extract().path("data.id");
        JsonPath d = exact("/api/debit-notes/" + debit + "/einvoice").setRootPath("data");
        assertEquals("DBN", d.getString("DocDtls.Typ"));
        assertEquals("21/11/2024", d.getString("DocDtls.Dt"));
        assertEquals(invoiceNumber, d.getString("RefDtls.PrecDocDtls[0].InvNo"));
        amounts(d, "ItemList[0].", "Qty", "1", "UnitPrice", "449.99", "AssAmt", "449.99", "IgstAmt", "81.00", "TotItemVal", "530.99");
        amounts(d, "ValDtls.", "AssVal", "449.99", "IgstVal", "81.00", "RndOffAmt", "0.01", "TotInvVal", "531.00");
        // A credit note's id is no debit note.
        as(ADMIN, slug).get("/api/debit-notes/" + credit + "/einvoice").then().statusCode(404).body("success", is(false));

        // An export's note carries the buyer as URP and the export details.
        int export = issueWith(Map.of("customer_id", overseas, "invoice_date", "2024-11-05", "export_currency", "USD", "port_code", "INBOM1",
                "lines", List.of(line("1000.00", 2, 18))));
        int exportNote = as(ADMIN, slug).body(note(export, "2024-11-20", Map.of("invoice_line", 1, "quantity", 1))).post("/api/credit-notes")
                .then().statusCode(201).extract().path("data.id");
        JsonPath x = exact("/api/credit-notes/" + exportNote + "/einvoice").setRootPath("data");
        assertEquals("EXPWOP", x.getString("TranDtls.SupTyp"));
        assertEquals("URP", x.getString("BuyerDtls.Gstin"));
        assertEquals("USD", x.getString("ExpDtls.ForCur"));
        amounts(x, "ValDtls.", "AssVal", "1000.00", "IgstVal", "0", "TotInvVal", "1000.00");

        // A note on a B2C invoice has no e-invoice: 2 × ₹100 at 18 % to a Pune walk-in, one back.
        int b2c = issue(puneWalkIn, "2024-11-05", line("100.00", 2, 18));
        int b2cNote = as(ADMIN, slug).body(note(b2c, "2024-11-20", Map.of("invoice_line", 1, "quantity", 1))).post("/api/credit-notes").then()
                .statusCode(201).extract().path("data.id");
        as(ADMIN, slug).get("/api/credit-notes/" + b2cNote + "/einvoice").then().statusCode(422).body("success", is(false))
                .body("data", nullValue()).body("error.code", is("EINVOICE_NOT_APPLICABLE"));

        // Another tenant's admin naming this tenant, or this tenant's admin with a forged X-Tenant-ID: refused, nothing shown.
        as(OUTSIDER, slug).get("/api/credit-notes/" + credit + "/einvoice").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"))
                .body("data", nullValue());
        as(ADMIN, other).get("/api/debit-notes/" + debit + "/einvoice").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        // In its own tenant the other admin's id names nothing.
        as(OUTSIDER, other).get("/api/credit-notes/" + credit + "/einvoice").then().statusCode(404);
    }

    // ---------------------------------------------------------------- helpers

    private int customer(Map<String, Object> body) {
        return InvoicingTest.customer(slug, ADMIN, body);
    }

    private static Map<String, Object> line(String price, int quantity, int rate) {
        return Map.of("description", "Goods", "hsn_sac", "8471", "quantity", quantity, "unit_price", price, "gst_rate", rate);
    }

    private int issue(int customer, String date, Map<String, Object> line) {
        Map<String, Object> body = new HashMap<>(Map.of("customer_id", customer, "lines", List.of(line)));
        if (date != null) {
            body.put("invoice_date", date);
        }
        return issueWith(body);
    }

    private int issueWith(Map<String, Object> body) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("lines", new ArrayList<>((List<?>) body.get("lines")));
        int id = as(ADMIN, slug).body(copy).post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(ADMIN, slug).post("/api/invoices/" + id + "/issue").then().statusCode(200);
        return id;
    }

    private JsonPath exact(String path) {
        return given().config(EXACT).header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of())).header("X-Tenant-ID", slug)
                .get(path).then().statusCode(200).extract().jsonPath();
    }
}
