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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18's supply types through HTTP, on a supplier in Maharashtra (27): customers' GST categories and their rules,
 * SEZ supplies and exports taxed IGST whatever the state or nil under LUT, reverse charge, the IRN only for B2B,
 * GSTR-1's SEZ, deemed-export and export rows in the report, the portal JSON and the CSV (with its formula guard),
 * the e-invoice JSON of a worked invoice field by field, the PDF's declaration, and who may read what.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class SupplyTypesTest {

    private static final long ADMIN = 81;
    private static final long OUTSIDER = 82;
    private static final String KARNATAKA = "29AAGCB7383J1Z4";
    private static final String MAHARASHTRA_SEZ = "27AABCF1234K1Z5";
    private static final String TAMIL_NADU_SEZ = "33AAACR5055K1Z3";
    private static final String GUJARAT = "24AABAT9876C3Z1";
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"Pay here\")";
    private static final String LUT = "AD2703240012345";
    private static final RestAssuredConfig EXACT = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    private final String slug = "supply-" + UUID.randomUUID().toString().substring(0, 6);
    private final String other = "supply-o-" + UUID.randomUUID().toString().substring(0, 6);
    private boolean ready;
    private int karnataka;
    private int walkIn;
    private int overseas;
    private int sezTamilNadu;
    private int sezMaharashtra;
    private int deemed;
    private int formula;

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
                .put("/api/invoices/settings").then().statusCode(200).body("data.lut_reference", is(LUT));
        karnataka = customer(Map.of("name", "Bengaluru Co", "gstin", KARNATAKA, "address_line1", "80 MG Road", "city", "Bengaluru",
                "pincode", "560001"));
        walkIn = customer(Map.of("name", "Pune Walk-in", "state", "Maharashtra"));
        overseas = customer(Map.of("name", "Acme Inc", "gst_category", "overseas", "address_line1", "1 Market St", "city", "San Francisco"));
        sezTamilNadu = customer(Map.of("name", "Chennai SEZ Unit", "gstin", TAMIL_NADU_SEZ, "gst_category", "sez"));
        sezMaharashtra = customer(Map.of("name", "Pune SEZ Unit", "gstin", MAHARASHTRA_SEZ, "gst_category", "sez"));
        deemed = customer(Map.of("name", "Surat EOU", "gstin", GUJARAT, "gst_category", "deemed_export"));
        formula = customer(Map.of("name", FORMULA, "gstin", KARNATAKA));
    }

    @Test
    void aCustomersCategoryDefaultsFromItsGstinAndFollowsItsRules() {
        as(ADMIN, slug).get("/api/customers/" + karnataka).then().body("data.gst_category", is("registered"));
        as(ADMIN, slug).get("/api/customers/" + walkIn).then().body("data.gst_category", is("unregistered"));
        // An overseas customer has no GSTIN and no Indian state: its place of supply is 96, other countries.
        as(ADMIN, slug).get("/api/customers/" + overseas).then().body("data.gst_category", is("overseas"))
                .body("data.state_code", is("96")).body("data.state", is("Other Countries")).body("data.gstin", nullValue());
        as(ADMIN, slug).body(Map.of("name", "SEZ without GSTIN", "gst_category", "sez", "state", "Karnataka")).post("/api/customers")
                .then().statusCode(400).body("success", is(false)).body("data", nullValue()).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItem("gstin"));
        as(ADMIN, slug).body(Map.of("name", "Deemed without GSTIN", "gst_category", "deemed_export")).post("/api/customers")
                .then().statusCode(400).body("error.details.field", hasItem("gstin"));
        as(ADMIN, slug).body(Map.of("name", "Abroad", "gst_category", "overseas", "gstin", KARNATAKA, "state", "Karnataka")).post("/api/customers")
                .then().statusCode(400).body("error.details.field", hasItems("gstin", "state"));
        as(ADMIN, slug).body(Map.of("name", "Odd", "gst_category", "exporter")).post("/api/customers")
                .then().statusCode(400).body("error.details.field", hasItem("gst_category"));
        as(ADMIN, slug).body(Map.of("name", "Claims unregistered", "gstin", KARNATAKA, "gst_category", "unregistered")).post("/api/customers")
                .then().statusCode(400).body("error.details.field", hasItem("gst_category"));
        // An update judges the category with the GSTIN stored before: a registered buyer becomes an SEZ unit; a walk-in cannot.
        int later = customer(Map.of("name", "Becomes SEZ", "gstin", KARNATAKA));
        as(ADMIN, slug).body(Map.of("gst_category", "sez")).put("/api/customers/" + later).then().statusCode(200)
                .body("data.gst_category", is("sez")).body("data.gstin", is(KARNATAKA));
        as(ADMIN, slug).body(Map.of("name", "Renamed SEZ")).put("/api/customers/" + later).then().statusCode(200).body("data.gst_category", is("sez"));
        as(ADMIN, slug).body(Map.of("gst_category", "sez")).put("/api/customers/" + walkIn).then().statusCode(400)
                .body("error.details.field", hasItem("gstin"));
        // The check endpoint answers the category the fields would get.
        as(ADMIN, slug).body(Map.of("name", "Check", "gstin", KARNATAKA)).post("/api/customers/check").then().statusCode(200)
                .body("data.gst_category", is("registered"));
    }

    @Test
    void sezAndExportsAreIgstWhateverTheStateOrNilUnderLut() {
        // SEZ in Maharashtra, the supplier's own state, with payment: 2 × ₹1,000 at 18 % = 2,000; IGST (not CGST + SGST) 360; 2,360.
        draft(Map.of("customer_id", sezMaharashtra, "with_payment_of_tax", true, "lines", List.of(line("1000.00", 2, 18))))
                .body("data.supply_type", is("SEZWP")).body("data.inter_state", is(true)).body("data.place_of_supply", is("27"))
                .body("data.igst", is(360.0f)).body("data.cgst", is(0.0f)).body("data.sgst", is(0.0f)).body("data.total", is(2360.0f));
        // The same without payment (under the LUT): nil tax on every line, the total is the taxable value, 2,000.
        draft(Map.of("customer_id", sezMaharashtra, "lines", List.of(line("1000.00", 2, 18), line("333.33", 3, 12))))
                .body("data.supply_type", is("SEZWOP")).body("data.igst", is(0.0f)).body("data.cgst", is(0.0f))
                // 2,000.00 + 3 × 333.33 = 999.99: 2,999.99, rounded to 3,000 (+0.01).
                .body("data.lines.igst", contains(0.0f, 0.0f)).body("data.taxable_amount", is(2999.99f)).body("data.total", is(3000.0f));
        // An export with payment: 1 × ₹1,000 at 18 % = IGST 180, place of supply 96.
        draft(Map.of("customer_id", overseas, "with_payment_of_tax", true, "lines", List.of(line("1000.00", 1, 18))))
                .body("data.supply_type", is("EXPWP")).body("data.place_of_supply", is("96")).body("data.igst", is(180.0f))
                .body("data.total", is(1180.0f));
        // A deemed export is taxed as the states say: Gujarat from Maharashtra, IGST 12 % of 1,000 = 120.
        draft(Map.of("customer_id", deemed, "lines", List.of(line("1000.00", 1, 12))))
                .body("data.supply_type", is("DEXP")).body("data.igst", is(120.0f));
        // The preview computes the same: an export without payment carries nil tax.
        as(ADMIN, slug).body(Map.of("customer_id", overseas, "lines", List.of(line("1000.00", 1, 18)))).post("/api/invoices/preview")
                .then().statusCode(200).body("data.igst", is(0.0f)).body("data.total", is(1000.0f)).body("data.place_of_supply_name", is("Other Countries"));
    }

    @Test
    void termsACustomerDoesNotTakeAreRefused() {
        as(ADMIN, slug).body(Map.of("customer_id", walkIn, "reverse_charge", true, "with_payment_of_tax", true, "port_code", "INBOM1",
                        "export_country", "US", "lines", List.of(line("10.00", 1, 18)))).post("/api/invoices")
                .then().statusCode(400).body("success", is(false)).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItems("reverse_charge", "with_payment_of_tax", "port_code", "export_country"));
        as(ADMIN, slug).body(Map.of("customer_id", overseas, "invoice_date", "2024-09-20", "export_currency", "usd", "port_code", "BOM",
                        "shipping_bill_number", "12345678", "shipping_bill_date", "2024-09-01", "export_country", "XX", "lines", List.of(line("10.00", 1, 18))))
                .post("/api/invoices").then().statusCode(400)
                .body("error.details.field", hasItems("export_currency", "port_code", "shipping_bill_number", "shipping_bill_date", "export_country"));
        // An export does not go to India: IN is a country code, but not a destination.
        as(ADMIN, slug).body(Map.of("customer_id", overseas, "export_country", "IN", "lines", List.of(line("10.00", 1, 18))))
                .post("/api/invoices").then().statusCode(400).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItem("export_country"));
        as(ADMIN, slug).body(Map.of("lut_reference", "line\none")).put("/api/invoices/settings").then().statusCode(400)
                .body("error.details.field", hasItem("lut_reference"));
    }

    @Test
    void onlyBusinessInvoicesTakeAnIrnAndAnEInvoice() {
        int b2b = issue(Map.of("customer_id", karnataka, "lines", List.of(line("100.00", 1, 18))));
        as(ADMIN, slug).get("/api/invoices/" + b2b).then().body("data.irn", hasLength(64));
        int b2c = issue(Map.of("customer_id", walkIn, "lines", List.of(line("100.00", 1, 18))));
        as(ADMIN, slug).get("/api/invoices/" + b2c).then().body("data.irn", nullValue()).body("data.supply_type", is("B2C"));
        as(ADMIN, slug).get("/api/invoices/" + b2c + "/einvoice").then().statusCode(422).body("success", is(false)).body("data", nullValue())
                .body("error.code", is("EINVOICE_NOT_APPLICABLE"));
        int draft = draft(Map.of("customer_id", karnataka, "lines", List.of(line("100.00", 1, 18)))).extract().path("data.id");
        as(ADMIN, slug).get("/api/invoices/" + draft + "/einvoice").then().statusCode(409).body("error.code", is("INVOICE_NOT_ISSUED"));
        as(ADMIN, slug).get("/api/invoices/999999/einvoice").then().statusCode(404).body("error.code", is("NOT_FOUND"));
        // Another tenant's admin naming this tenant, this tenant's admin naming another (a forged X-Tenant-ID), no token.
        as(OUTSIDER, slug).get("/api/invoices/" + b2b + "/einvoice").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        as(ADMIN, other).get("/api/invoices/" + b2b + "/einvoice").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(98, Map.of(slug, "admin"))).header("X-Tenant-ID", slug)
                .get("/api/invoices/" + b2b + "/einvoice").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().get("/api/invoices/" + b2b + "/einvoice").then().statusCode(401);
        // In its own tenant the other admin's id names nothing.
        as(OUTSIDER, other).get("/api/invoices/" + b2b + "/einvoice").then().statusCode(404);
    }

    @Test
    void theEInvoiceOfAWorkedInvoiceFieldByField() {
        // Widget: 2.5 kg × 333.33 = 833.325 → 833.33 (TotAmt); less 7.5 %: 833.325 × 0.925 = 770.825625 → 770.83 (AssAmt),
        //   Discount 833.33 − 770.83 = 62.50; IGST 12 % of 770.83 = 92.4996 → 92.50; TotItemVal 863.33.
        // Installation (SAC 998719, a service): 3 hrs × 499.99 = 1,499.97; less 10 %: 1,349.973 → 1,349.97, Discount 150.00;
        //   IGST 18 % of 1,349.97 = 242.9946 → 242.99; TotItemVal 1,592.96.
        // AssVal 770.83 + 1,349.97 = 2,120.80; IgstVal 92.50 + 242.99 = 335.49; 2,456.29 → 2,456.00, RndOffAmt −0.29.
        int id = issue(Map.of("customer_id", karnataka, "invoice_date", "2024-07-15", "lines", List.of(
                Map.of("description", "Widget", "hsn_sac", "8471", "unit", "kg", "quantity", "2.5", "unit_price", "333.33", "gst_rate", 12,
                        "discount_percent", "7.5"),
                Map.of("description", "Installation", "hsn_sac", "998719", "unit", "hrs", "quantity", 3, "unit_price", "499.99", "gst_rate", 18,
                        "discount_percent", 10))));
        String number = as(ADMIN, slug).get("/api/invoices/" + id).then().extract().path("data.number");
        JsonPath e = einvoice(id);
        assertEquals("1.1", e.getString("Version"));
        assertEquals(Map.of("TaxSch", "GST", "SupTyp", "B2B", "RegRev", "N", "IgstOnIntra", "N"), e.getMap("TranDtls"));
        assertEquals(Map.of("Typ", "INV", "No", number, "Dt", "15/07/2024"), e.getMap("DocDtls"));
        assertEquals("27AAPFU0939F1ZV", e.getString("SellerDtls.Gstin"));
        assertEquals(slug + " Pvt Ltd", e.getString("SellerDtls.LglNm"));
        assertEquals("Plot 12, MIDC Bhosari", e.getString("SellerDtls.Addr1"));
        assertEquals("Pune 411026", e.getString("SellerDtls.Addr2"));
        assertEquals(411026, e.getInt("SellerDtls.Pin"));
        assertEquals("27", e.getString("SellerDtls.Stcd"));
        assertEquals(KARNATAKA, e.getString("BuyerDtls.Gstin"));
        assertEquals("Bengaluru Co", e.getString("BuyerDtls.LglNm"));
        assertEquals("29", e.getString("BuyerDtls.Pos"));
        assertEquals("80 MG Road", e.getString("BuyerDtls.Addr1"));
        assertEquals("Bengaluru", e.getString("BuyerDtls.Loc"));
        assertEquals(560001, e.getInt("BuyerDtls.Pin"));
        assertEquals("29", e.getString("BuyerDtls.Stcd"));

        assertEquals(2, e.getList("ItemList").size());
        assertEquals("1", e.getString("ItemList[0].SlNo"));
        assertEquals("N", e.getString("ItemList[0].IsServc"));
        assertEquals("8471", e.getString("ItemList[0].HsnCd"));
        assertEquals("KGS", e.getString("ItemList[0].Unit"));
        amounts(e, "ItemList[0].", "Qty", "2.5", "UnitPrice", "333.33", "TotAmt", "833.33", "Discount", "62.50", "AssAmt", "770.83",
                "GstRt", "12", "IgstAmt", "92.50", "CgstAmt", "0", "SgstAmt", "0", "TotItemVal", "863.33");
        assertEquals("2", e.getString("ItemList[1].SlNo"));
        assertEquals("Y", e.getString("ItemList[1].IsServc"));
        assertEquals("998719", e.getString("ItemList[1].HsnCd"));
        assertNull(e.get("ItemList[1].Unit"), "a service has no unit quantity code");
        amounts(e, "ItemList[1].", "Qty", "3", "UnitPrice", "499.99", "TotAmt", "1499.97", "Discount", "150.00", "AssAmt", "1349.97",
                "GstRt", "18", "IgstAmt", "242.99", "CgstAmt", "0", "SgstAmt", "0", "TotItemVal", "1592.96");
        amounts(e, "ValDtls.", "AssVal", "2120.80", "CgstVal", "0", "SgstVal", "0", "IgstVal", "335.49", "RndOffAmt", "-0.29",
                "TotInvVal", "2456.00");
        assertNull(e.get("ExpDtls"), "only an export has export details");
    }

    @Test
    void anExportsEInvoiceCarriesItsShippingBillAndTheUnregisteredBuyer() {
        // 4 × ₹1,250 at 18 % under LUT: 5,000, nil IGST.
        int id = issue(Map.of("customer_id", overseas, "invoice_date", "2024-07-20", "export_currency", "USD", "port_code", "INBOM1",
                "shipping_bill_number", "7654321", "shipping_bill_date", "2024-07-22", "export_country", "US", "lines", List.of(line("1250.00", 4, 18))));
        JsonPath e = einvoice(id);
        assertEquals("EXPWOP", e.getString("TranDtls.SupTyp"));
        assertEquals("URP", e.getString("BuyerDtls.Gstin"));
        assertEquals("96", e.getString("BuyerDtls.Pos"));
        assertEquals("96", e.getString("BuyerDtls.Stcd"));
        assertEquals(999999, e.getInt("BuyerDtls.Pin"));
        assertEquals(Map.of("ShipBNo", "7654321", "ShipBDt", "22/07/2024", "Port", "INBOM1", "RefClm", "N", "ForCur", "USD", "CntCode", "US"),
                e.getMap("ExpDtls"));
        amounts(e, "ValDtls.", "AssVal", "5000.00", "IgstVal", "0", "RndOffAmt", "0", "TotInvVal", "5000.00");
        amounts(e, "ItemList[0].", "GstRt", "18", "IgstAmt", "0", "TotItemVal", "5000.00");
    }

    @Test
    void aNoteOnAZeroRatedInvoiceIsTaxedAsItsInvoiceWas() {
        // An export under LUT: 2 × ₹1,000 at 18 %, nil IGST, ₹2,000. One piece comes back: ₹1,000 taxable, nil IGST,
        // ₹1,000 (not ₹1,180: the note follows its invoice, CGST Rule 53).
        int lut = issue(Map.of("customer_id", overseas, "invoice_date", "2024-09-10", "lines", List.of(line("1000.00", 2, 18))));
        as(ADMIN, slug).body(CreditAndDebitNotesTest.note(lut, "2024-09-25", Map.of("invoice_line", 1, "quantity", 1)))
                .post("/api/credit-notes").then().statusCode(201)
                .body("data.taxable_amount", is(1000.0f)).body("data.igst", is(0.0f)).body("data.total", is(1000.0f));
        // With payment of IGST: 1 × ₹1,000 + 18 % = ₹1,180; half a piece's value back by amount: ₹500 + ₹90 = ₹590.
        int paid = issue(Map.of("customer_id", overseas, "invoice_date", "2024-09-10", "with_payment_of_tax", true,
                "lines", List.of(line("1000.00", 1, 18))));
        as(ADMIN, slug).body(CreditAndDebitNotesTest.note(paid, "2024-09-25", Map.of("invoice_line", 1, "amount", "500.00")))
                .post("/api/credit-notes").then().statusCode(201)
                .body("data.igst", is(90.0f)).body("data.total", is(590.0f));
    }

    @Test
    void thePdfSaysTheSupplyTypeTheLutAndTheReverseCharge() throws Exception {
        int sez = issue(Map.of("customer_id", sezTamilNadu, "lines", List.of(line("1000.00", 1, 18))));
        String text = pdfText(sez);
        assertTrue(text.contains("Supply meant for SEZ under LUT/bond without payment of IGST"), text);
        assertTrue(text.contains("LUT/bond reference: " + LUT), text);
        int reverse = issue(Map.of("customer_id", karnataka, "reverse_charge", true, "lines", List.of(line("1000.00", 1, 18))));
        as(ADMIN, slug).get("/api/invoices/" + reverse).then().body("data.reverse_charge", is(true));
        String reverseText = pdfText(reverse);
        assertTrue(reverseText.matches("(?s).*Reverse Charge:\\s+Yes.*"), reverseText);
        assertFalse(reverseText.contains("LUT/bond"), "a regular supply has no LUT line");
        int export = issue(Map.of("customer_id", overseas, "with_payment_of_tax", true, "lines", List.of(line("1000.00", 1, 18))));
        String exportText = pdfText(export);
        assertTrue(exportText.contains("Supply meant for export with payment of IGST"), exportText);
        assertTrue(exportText.matches("(?s).*Place of Supply:\\s+Other Countries \\(96\\).*"), exportText);
    }

    @Test
    void gstr1SortsSezDeemedExportsAndExportsAsThePortalDoes() throws Exception {
        // September 2024, every invoice dated the 20th:
        // 1. Tamil Nadu SEZ without payment: 2 × 1,000 at 18 % = 2,000, nil tax (SEWOP).
        issue(Map.of("customer_id", sezTamilNadu, "invoice_date", "2024-09-20", "lines", List.of(line("1000.00", 2, 18))));
        // 2. Maharashtra SEZ with payment: 1,000 at 18 %, IGST 180 though in the supplier's state; 1,180 (SEWP).
        issue(Map.of("customer_id", sezMaharashtra, "invoice_date", "2024-09-20", "with_payment_of_tax", true, "lines", List.of(line("1000.00", 1, 18))));
        // 3. Gujarat deemed export: 1,000 at 12 %, IGST 120; 1,120 (DE).
        issue(Map.of("customer_id", deemed, "invoice_date", "2024-09-20", "lines", List.of(line("1000.00", 1, 12))));
        // 4. Karnataka, reverse charge, the buyer named like a spreadsheet formula: 1,000 at 18 %, IGST 180; 1,180 (R, rchrg Y).
        issue(Map.of("customer_id", formula, "invoice_date", "2024-09-20", "reverse_charge", true, "lines", List.of(line("1000.00", 1, 18))));
        // 5. Export under LUT: 5,000 at 18 %, nil (WOPAY), shipping bill 1234567 of the 21st at INBOM1.
        int lut = issue(Map.of("customer_id", overseas, "invoice_date", "2024-09-20", "port_code", "INBOM1", "shipping_bill_number", "1234567",
                "shipping_bill_date", "2024-09-21", "lines", List.of(line("5000.00", 1, 18))));
        // 6. Export with payment: 1,000 at 18 %, IGST 180; 1,180 (WPAY), no shipping bill yet.
        issue(Map.of("customer_id", overseas, "invoice_date", "2024-09-20", "with_payment_of_tax", true, "lines", List.of(line("1000.00", 1, 18))));
        String lutNumber = as(ADMIN, slug).get("/api/invoices/" + lut).then().extract().path("data.number");

        as(ADMIN, slug).get("/api/reports/gstr1?month=2024-09").then().statusCode(200)
                .body("data.b2b", hasSize(1)).body("data.b2b[0].gstin", is(KARNATAKA)).body("data.b2b[0].total", is(1180.0f))
                .body("data.sezwop", hasSize(1)).body("data.sezwop[0].gstin", is(TAMIL_NADU_SEZ)).body("data.sezwop[0].taxable", is(2000.0f))
                .body("data.sezwop[0].igst", is(0.0f)).body("data.sezwop[0].total", is(2000.0f))
                .body("data.sezwp", hasSize(1)).body("data.sezwp[0].igst", is(180.0f)).body("data.sezwp[0].cgst", is(0.0f))
                .body("data.de", hasSize(1)).body("data.de[0].gstin", is(GUJARAT)).body("data.de[0].igst", is(120.0f))
                // Exports in two sections as india-compliance's summary has them: under LUT (5) and with payment (6).
                .body("data.expwop", hasSize(1)).body("data.expwop[0].number", is(lutNumber))
                .body("data.expwop[0].port_code", is("INBOM1")).body("data.expwop[0].shipping_bill_date", is("2024-09-21"))
                .body("data.expwop[0].taxable", is(5000.0f)).body("data.expwop[0].igst", is(0.0f))
                .body("data.expwp", hasSize(1)).body("data.expwp[0].igst", is(180.0f)).body("data.expwp[0].shipping_bill_number", nullValue())
                .body("data", not(hasKey("exp"))).body("data.b2c_small", hasSize(0)).body("data.b2c_large", hasSize(0))
                // The section totals add the new sections too: exports 5,000 under LUT, 1,000 + IGST 180 with payment.
                .body("data.totals.expwop.taxable", is(5000.0f)).body("data.totals.expwp.taxable", is(1000.0f))
                .body("data.totals.expwp.igst", is(180.0f));

        JsonPath portal = given().config(EXACT).header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of()))
                .header("X-Tenant-ID", slug).get("/api/reports/gstr1?month=2024-09&format=json").then().statusCode(200).extract().jsonPath();
        // b2b by ctin in GSTIN order: Gujarat (DE), Maharashtra SEZ (SEWP), Karnataka (R, reverse charge), Tamil Nadu SEZ (SEWOP).
        assertEquals(List.of(GUJARAT, MAHARASHTRA_SEZ, KARNATAKA, TAMIL_NADU_SEZ), portal.getList("b2b.ctin"));
        assertEquals(List.of("DE", "SEWP", "R", "SEWOP"), portal.getList("b2b.collect { it.inv[0].inv_typ }"));
        assertEquals(List.of("N", "N", "Y", "N"), portal.getList("b2b.collect { it.inv[0].rchrg }"));
        // SEWP pays IGST, SEWOP carries nil.
        amounts(portal, "b2b[1].inv[0].itms[0].itm_det.", "iamt", "180.00");
        amounts(portal, "b2b[3].inv[0].itms[0].itm_det.", "iamt", "0");
        assertEquals(List.of("WOPAY", "WPAY"), portal.getList("exp.exp_typ"));
        assertEquals(lutNumber, portal.getString("exp[0].inv[0].inum"));
        assertEquals("INBOM1", portal.getString("exp[0].inv[0].sbpcode"));
        assertEquals("1234567", portal.getString("exp[0].inv[0].sbnum"));
        assertEquals("21-09-2024", portal.getString("exp[0].inv[0].sbdt"));
        amounts(portal, "exp[0].inv[0].", "val", "5000.00", "itms[0].txval", "5000.00", "itms[0].rt", "18", "itms[0].iamt", "0");
        assertNull(portal.get("exp[1].inv[0].sbnum"), "no shipping bill yet: the key is left out");
        amounts(portal, "exp[1].inv[0].itms[0].", "iamt", "180.00");

        String b2b = csv("b2b");
        assertTrue(b2b.contains(",SEZ supplies without payment,"), b2b);
        assertTrue(b2b.contains(",SEZ supplies with payment,"), b2b);
        assertTrue(b2b.contains(",Deemed Exp,"), b2b);
        // The formula is neutralised with a leading quote (and quoted for its commas and quotes, RFC 4180); reverse charge Y.
        assertTrue(b2b.contains(KARNATAKA + ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Pay here\"\")\","), b2b);
        assertTrue(b2b.contains(",29-Karnataka,Y,,Regular B2B,"), b2b);
        String exp = csv("exp");
        assertTrue(exp.startsWith("Export Type,Invoice Number,Invoice date,Invoice Value,Port Code,Shipping Bill Number,Shipping Bill Date,"), exp);
        assertTrue(exp.contains("WOPAY," + lutNumber + ",20-Sep-2024,5000.00,INBOM1,1234567,21-Sep-2024,,18,5000.00,0.00\r\n"), exp);
    }

    // ---------------------------------------------------------------- helpers

    private int customer(Map<String, Object> body) {
        return InvoicingTest.customer(slug, ADMIN, body);
    }

    private static Map<String, Object> line(String price, int quantity, int rate) {
        return Map.of("description", "Goods", "hsn_sac", "8471", "quantity", quantity, "unit_price", price, "gst_rate", rate);
    }

    private io.restassured.response.ValidatableResponse draft(Map<String, Object> body) {
        return as(ADMIN, slug).body(body).post("/api/invoices").then().statusCode(201);
    }

    private int issue(Map<String, Object> body) {
        Map<String, Object> withDate = new HashMap<>(body);
        withDate.putIfAbsent("invoice_date", "2024-07-15");
        withDate.put("lines", new ArrayList<>((List<?>) body.get("lines")));
        int id = draft(withDate).extract().path("data.id");
        as(ADMIN, slug).post("/api/invoices/" + id + "/issue").then().statusCode(200);
        return id;
    }

    private JsonPath einvoice(int id) {
        return given().config(EXACT).header("Authorization", "Bearer " + TestTokens.get().member(ADMIN, Map.of())).header("X-Tenant-ID", slug)
                .get("/api/invoices/" + id + "/einvoice").then().statusCode(200).body("success", is(true)).extract().jsonPath().setRootPath("data");
    }

    /** Each named amount equals its figure by value (2.5 and 2.500 are one quantity). */
    static void amounts(JsonPath json, String prefix, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = json.get(prefix + pairs[i]);
            assertEquals(0, new BigDecimal(pairs[i + 1]).compareTo(new BigDecimal(String.valueOf(value))), prefix + pairs[i] + " was " + value);
        }
    }

    private String pdfText(int id) throws Exception {
        byte[] bytes = as(ADMIN, slug).get("/api/invoices/" + id + "/pdf").then().statusCode(200).extract().asByteArray();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    private String csv(String section) {
        return as(ADMIN, slug).get("/api/reports/gstr1?month=2024-09&format=csv&section=" + section).then().statusCode(200)
                .body(containsString("\r\n")).extract().asString();
    }
}
