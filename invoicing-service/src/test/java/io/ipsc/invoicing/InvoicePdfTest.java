package io.ipsc.invoicing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/invoices/{id}/pdf}: the tax invoice read back with PDFBox's text stripper (every
 * figure, the words, what CGST Rule 46 asks for), its UPI QR code decoded from the rendered page,
 * its fonts embedded, its pages; and the settings that feed it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class InvoicePdfTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    /** Sets a UPI ID. */
    private static final String P = "inv-pdf-" + RUN;
    /** Sets none. */
    private static final String N = "inv-pdf-n-" + RUN;
    private static final long ADMIN = 51;
    private static final long STAFF = 52;
    private static final long VIEWER = 53;
    private static final long OUTSIDER = 54;
    private static final String UPI = "pune.shop@okhdfcbank";
    private static boolean provisioned;
    private static ThreeRateInvoice fixture;
    private static int local;
    private static int outside;
    private static int plain;

    @BeforeEach
    void provision() {
        if (provisioned) {
            return;
        }
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            for (Snapshot s : List.of(TenantEventsPublisher.snapshot(P, "business").member(ADMIN, "admin").member(STAFF, "staff")
                            .member(VIEWER, "viewer"),
                    TenantEventsPublisher.snapshot(N, "business").member(OUTSIDER, "admin"))) {
                events.publish(s);
                TenantEventsPublisher.awaitReport(s.slug(), "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            }
        }
        as(ADMIN, P).body(Map.of("upi_id", UPI, "payee_name", "Pune Shop & Co", "brand_color", "#0B6E4F",
                "supplier_address", "Plot 12, MIDC Bhosari\nPune 411026")).put("/api/invoices/settings").then().statusCode(200);
        fixture = ThreeRateInvoice.create(P, ADMIN, RUN);
        local = fixture.local();
        outside = fixture.outside();
        plain = InvoicingTest.product(P, ADMIN, "P-" + RUN, "1000.00", "18", "10000");
        provisioned = true;
    }

    private static Map<String, Object> threeLines(int customer) {
        return fixture.body(customer);
    }

    @Test
    void anIntraStateInvoiceCarriesEveryFigureTheWordsAndWhatRule46Asks() throws Exception {
        int id = issued(P, threeLines(local));
        String number = as(ADMIN, P).get("/api/invoices/" + id).then().extract().path("data.number");
        Response response = as(VIEWER, P).get("/api/invoices/" + id + "/pdf");
        assertEquals(200, response.statusCode());
        assertEquals("application/pdf", response.contentType());
        assertEquals("inline; filename=\"" + number.replace('/', '-') + ".pdf\"", response.header("Content-Disposition"));
        byte[] bytes = response.asByteArray();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            assertA4WithEmbeddedFonts(pdf);
            String text = new PDFTextStripper().getText(pdf);
            // The supplier: name, address (from the settings), GSTIN and state (from the tenant).
            contains(text, P + " Pvt Ltd", "Plot 12, MIDC Bhosari", "Pune 411026", "GSTIN: 27AAPFU0939F1ZV", "State: Maharashtra (27)");
            // Number and date, the recipient (unregistered: no GSTIN), place of supply, reverse charge; no IRN (B2C is not e-invoiced).
            contains(text, "TAX INVOICE", number, "15-07-2024", "14-08-2024", "Pune Retail", "14 FC Road", "Pune 411004", "GSTIN: Unregistered");
            assertFalse(text.contains("IRN:"), "a B2C invoice has no IRN");
            matches(text, "Place of Supply:\\s+Maharashtra \\(27\\)", "Reverse Charge:\\s+No", "Invoice No\\.:\\s+" + Pattern.quote(number));
            // Each line: HSN, quantity, unit, rate, value, discount, taxable value, CGST and SGST rate and amount, total.
            // Widget: 2.5 x 333.33 = 833.325 -> 833.33; less 7.5 % -> 770.83 (discount 62.50); 6 % each = 46.25; 863.33.
            // Bolts: 13 x 7.15 = 92.95, no discount; 14 % each = 13.01; 118.97.
            // Service: 3 x 499.99 = 1,499.97; less 10 % -> 1,349.97 (discount 150.00); 9 % each = 121.50; 1,592.97.
            row(text, "1", "Widget", "8471", "2.5", "kg", "333.33", "833.33", "62.50", "770.83", "6%", "46.25", "6%", "46.25", "863.33");
            row(text, "2", "Item B-" + RUN, "8471", "13", "nos", "7.15", "92.95", "0.00", "92.95", "14%", "13.01", "14%", "13.01", "118.97");
            row(text, "998719", "3", "hrs", "499.99", "1,499.97", "150.00", "1,349.97", "9%", "121.50", "9%", "121.50", "1,592.97");
            // Totals: 2,213.75 taxable, 180.76 each tax, 2,575.27 rounded to 2,575 (-0.27), in figures and words.
            matches(text, "Taxable Value\\s+₹2,213\\.75", "CGST\\s+₹180\\.76", "SGST\\s+₹180\\.76", "Round Off\\s+-₹0\\.27", "Total\\s+₹2,575\\.00");
            contains(text, "Rupees Two Thousand Five Hundred Seventy Five Only", "For " + P + " Pvt Ltd", "Authorised Signatory");
            assertFalse(text.contains("IGST"), "an intra-state invoice has no IGST");
            assertFalse(text.contains("DRAFT") || text.contains("CANCELLED"));
        }
    }

    @Test
    void anInterStateInvoiceCarriesIgstAndTheRecipientsGstin() throws Exception {
        int id = issued(P, threeLines(outside));
        try (PDDocument pdf = Loader.loadPDF(pdf(ADMIN, P, id))) {
            String text = new PDFTextStripper().getText(pdf);
            contains(text, "Bengaluru Co", "80 MG Road", "Bengaluru 560001", "GSTIN: 29AAGCB7383J1Z4", "State: Karnataka (29)");
            matches(text, "Place of Supply:\\s+Karnataka \\(29\\)");
            // IGST at the full rate: 770.83 x 12 % = 92.50; 92.95 x 28 % = 26.03; 1,349.97 x 18 % = 242.99; total IGST 361.52.
            row(text, "1", "Widget", "8471", "2.5", "kg", "333.33", "833.33", "62.50", "770.83", "12%", "92.50", "863.33");
            row(text, "2", "Item B-" + RUN, "8471", "13", "nos", "7.15", "92.95", "0.00", "92.95", "28%", "26.03", "118.98");
            row(text, "998719", "3", "hrs", "499.99", "1,499.97", "150.00", "1,349.97", "18%", "242.99", "1,592.96");
            matches(text, "Taxable Value\\s+₹2,213\\.75", "IGST\\s+₹361\\.52", "Round Off\\s+-₹0\\.27", "Total\\s+₹2,575\\.00");
            contains(text, "Rupees Two Thousand Five Hundred Seventy Five Only");
            assertFalse(text.contains("CGST") || text.contains("SGST"), "an inter-state invoice has no CGST or SGST");
        }
    }

    @Test
    void theUpiQrCodeCarriesWhatIsStillDueUntilTheInvoiceIsPaid() throws Exception {
        // One item of 1,000 at 18 %: 1,180.00.
        int id = issued(P, Map.of("customer_id", local, "lines", List.of(Map.of("product_id", plain, "quantity", 1))));
        String number = as(ADMIN, P).get("/api/invoices/" + id).then().extract().path("data.number");
        Map<String, String> payment = upi(qr(pdf(ADMIN, P, id)));
        assertEquals(Map.of("pa", UPI, "pn", "Pune Shop & Co", "am", "1180.00", "cu", "INR", "tn", number), payment);

        as(ADMIN, P).body(Map.of("amount", "180.00", "mode", "cash")).post("/api/invoices/" + id + "/payments").then().statusCode(201);
        assertEquals("1000.00", upi(qr(pdf(ADMIN, P, id))).get("am"));
        matches(text(pdf(ADMIN, P, id)), "Amount Paid\\s+₹180\\.00", "Balance Due\\s+₹1,000\\.00");

        as(ADMIN, P).body(Map.of("amount", "1000.00", "mode", "upi")).post("/api/invoices/" + id + "/payments").then().statusCode(201)
                .body("data.status", is("paid"));
        assertNull(qr(pdf(ADMIN, P, id)), "a paid invoice asks for no payment");
        matches(text(pdf(ADMIN, P, id)), "Balance Due\\s+₹0\\.00");
    }

    @Test
    void noQrCodeWithoutAUpiIdNorOnADraft() throws Exception {
        int customer = InvoicingTest.customer(N, OUTSIDER, Map.of("name", "Walk-in", "state", "Maharashtra"));
        Map<String, Object> body = Map.of("customer_id", customer, "lines", List.of(Map.of("description", "Service", "quantity", 1,
                "unit_price", "500", "gst_rate", 18)));
        int id = issued(N, body, OUTSIDER);
        byte[] bytes = pdf(OUTSIDER, N, id);
        assertNull(qr(bytes));
        contains(text(bytes), "₹590.00", "Rupees Five Hundred Ninety Only");

        int draft = as(ADMIN, P).body(Map.of("customer_id", local, "lines", List.of(Map.of("product_id", plain, "quantity", 1))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
        assertNull(qr(pdf(ADMIN, P, draft)), "a draft is not yet an invoice to pay");
    }

    @Test
    void aDraftSaysDraftAndACancelledInvoiceSaysCancelled() throws Exception {
        Map<String, Object> body = Map.of("customer_id", local, "lines", List.of(Map.of("product_id", plain, "quantity", 2)));
        int draft = as(ADMIN, P).body(body).post("/api/invoices").then().statusCode(201).extract().path("data.id");
        String draftText = text(pdf(ADMIN, P, draft));
        contains(draftText, "DRAFT", "not valid as a tax invoice", "₹2,360.00");
        assertFalse(draftText.contains("CANCELLED"));

        int cancelled = issued(P, body);
        as(ADMIN, P).body(Map.of("reason", "Entered twice")).post("/api/invoices/" + cancelled + "/cancel").then().statusCode(200);
        String cancelledText = text(pdf(ADMIN, P, cancelled));
        contains(cancelledText, "CANCELLED");
        assertFalse(cancelledText.contains("DRAFT"));
        assertNull(qr(pdf(ADMIN, P, cancelled)), "a cancelled invoice asks for no payment");
    }

    @Test
    void fiftyLinesRunOverSeveralPagesWithTheTotalsOnTheLast() throws Exception {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            lines.add(Map.of("description", "Spare part number " + i, "hsn_sac", "8483", "quantity", i, "unit_price", "10.00", "gst_rate", 18));
        }
        int id = issued(P, Map.of("customer_id", local, "lines", lines));
        byte[] bytes = pdf(ADMIN, P, id);
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            int pages = pdf.getNumberOfPages();
            assertTrue(pages >= 2, "50 lines on " + pages + " page(s)");
            assertA4WithEmbeddedFonts(pdf);
            StringBuilder all = new StringBuilder();
            for (int page = 1; page <= pages; page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf);
                all.append(text);
                contains(text, "Page " + page + " of " + pages);
                // 1 + 2 + ... + 50 = 1,275 units x 10 = 12,750 taxable; 9 % each = 1,147.50; total 15,045.00.
                boolean last = page == pages;
                assertEquals(last, text.contains("Authorised Signatory"), "signature on page " + page);
                assertEquals(last, text.contains("Rupees Fifteen Thousand Forty Five Only"), "words on page " + page);
                if (last) {
                    matches(text, "Taxable Value\\s+₹12,750\\.00", "CGST\\s+₹1,147\\.50", "SGST\\s+₹1,147\\.50", "Total\\s+₹15,045\\.00");
                }
            }
            for (int i = 1; i <= 50; i++) {
                contains(all.toString(), "Spare part number " + i + " ");
            }
        }
        // The figure for the issue's bench (p95 under 300 ms there), printed, not asserted: a 2-core machine shared with other builds.
        long[] millis = new long[20];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            as(ADMIN, P).get("/api/invoices/" + id + "/pdf").then().statusCode(200);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.println("PDF of a 50-line invoice over HTTP, 20 requests: p50 " + millis[9] + " ms, p95 " + millis[18] + " ms, "
                + bytes.length / 1024 + " KiB");
    }

    @Test
    void anotherTenantsMembersGetNothing() {
        int id = issued(P, Map.of("customer_id", local, "lines", List.of(Map.of("product_id", plain, "quantity", 1))));
        // Another tenant's admin naming this tenant; this tenant's members naming another (a forged X-Tenant-ID);
        // a token claiming this tenant that its records do not bear out.
        as(OUTSIDER, P).get("/api/invoices/" + id + "/pdf").then().statusCode(403).contentType("application/json")
                .body("error.code", is("NOT_A_MEMBER")).body("data", nullValue());
        as(ADMIN, N).get("/api/invoices/" + id + "/pdf").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(P, "admin"))).header("X-Tenant-ID", P)
                .get("/api/invoices/" + id + "/pdf").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().get("/api/invoices/" + id + "/pdf").then().statusCode(401);
        // In its own tenant the other admin finds no such invoice: the id names nothing there.
        as(OUTSIDER, N).get("/api/invoices/" + (id + 1000) + "/pdf").then().statusCode(404).contentType("application/json")
                .body("error.code", is("NOT_FOUND"));
    }

    @Test
    void settingsAreValidatedAndChangedByAdminsOnly() {
        as(ADMIN, P).body(Map.of("upi_id", "not-a-vpa", "brand_color", "green", "invoice_prefix", "TOOLONG")).put("/api/invoices/settings")
                .then().statusCode(400).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItems("upi_id", "brand_color", "invoice_prefix"));
        for (String bad : List.of("@okhdfc", "name@", "na me@okicici", "name@ok.hdfc", "a@b")) {
            as(ADMIN, P).body(Map.of("upi_id", bad)).put("/api/invoices/settings").then().statusCode(400)
                    .body("error.details.field", hasItems("upi_id"));
        }
        as(ADMIN, P).body(Map.of()).put("/api/invoices/settings").then().statusCode(400).body("error.code", is("EMPTY_UPDATE"));
        as(STAFF, P).body(Map.of("upi_id", "x.y@ybl")).put("/api/invoices/settings").then().statusCode(403)
                .body("error.code", is("INSUFFICIENT_ROLE"));
        as(VIEWER, P).get("/api/invoices/settings").then().statusCode(200).body("data.upi_id", is(UPI))
                .body("data.brand_color", is("#0B6E4F")).body("data.invoice_prefix", is("INV")).body("data.allow_negative_stock", is(false));
        as(OUTSIDER, N).get("/api/invoices/settings").then().statusCode(200).body("data.upi_id", nullValue())
                .body("data.brand_color", is("#1F3A5F"));
        // An empty string puts a setting back to its default; absent ones stay.
        as(OUTSIDER, N).body(Map.of("brand_color", "#123456", "payee_name", "Walk-in Shop")).put("/api/invoices/settings").then().statusCode(200)
                .body("data.brand_color", is("#123456"));
        as(OUTSIDER, N).body(Map.of("brand_color", "")).put("/api/invoices/settings").then().statusCode(200)
                .body("data.brand_color", is("#1F3A5F")).body("data.payee_name", is("Walk-in Shop"));
        as(OUTSIDER, P).get("/api/invoices/settings").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
    }

    // ---- helpers

    private static int issued(String tenant, Map<String, Object> body) {
        return issued(tenant, body, ADMIN);
    }

    private static int issued(String tenant, Map<String, Object> body, long user) {
        int id = as(user, tenant).body(body).post("/api/invoices").then().statusCode(201).extract().path("data.id");
        as(user, tenant).post("/api/invoices/" + id + "/issue").then().statusCode(200);
        return id;
    }

    private static byte[] pdf(long user, String tenant, int id) {
        return as(user, tenant).get("/api/invoices/" + id + "/pdf").then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
    }

    private static String text(byte[] bytes) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    private static void contains(String text, String... expected) {
        for (String e : expected) {
            assertTrue(text.contains(e), "the PDF's text has '" + e + "':\n" + text);
        }
    }

    private static void matches(String text, String... patterns) {
        for (String p : patterns) {
            assertTrue(Pattern.compile(p).matcher(text).find(), "the PDF's text matches '" + p + "':\n" + text);
        }
    }

    /** The cells of a row, in order on one line of the extracted text. */
    private static void row(String text, String... cells) {
        String pattern = String.join("\\s+", Arrays.stream(cells).map(Pattern::quote).toList());
        matches(text, pattern);
    }

    private static void assertA4WithEmbeddedFonts(PDDocument pdf) throws Exception {
        for (PDPage page : pdf.getPages()) {
            assertEquals(595.28f, page.getMediaBox().getWidth(), 0.1f);
            assertEquals(841.89f, page.getMediaBox().getHeight(), 0.1f);
            int fonts = 0;
            for (COSName name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                assertTrue(font.getName().contains("DejaVuSans"), font.getName());
                fonts++;
            }
            assertTrue(fonts >= 1);
        }
    }

    /** The QR code on the first page, decoded from the page as an image; null when there is none. */
    private static String qr(byte[] bytes) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(pdf.getNumberOfPages() - 1, 200);
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            try {
                return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
            } catch (NotFoundException none) {
                return null;
            }
        }
    }

    private static Map<String, String> upi(String uri) {
        assertTrue(uri != null && uri.startsWith("upi://pay?"), String.valueOf(uri));
        Map<String, String> fields = new HashMap<>();
        for (String pair : uri.substring("upi://pay?".length()).split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }
}
