package io.ipsc.invoicing;

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
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.ipsc.invoicing.InvoicingTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PUT/GET/DELETE /api/invoices/settings/logo}: a PNG or JPEG made here with java.awt, judged by its
 * bytes, served back with its ETag, and printed on the tax invoice (found again as the first page's image
 * XObject with PDFBox, and where it belongs on the rendered page); bad uploads refused in the envelope;
 * who may do what.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class InvoiceLogoTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    /** Uploads logos. */
    private static final String L = "inv-logo-" + RUN;
    /** Never has one. */
    private static final String N = "inv-logo-n-" + RUN;
    private static final long ADMIN = 61;
    private static final long STAFF = 62;
    private static final long VIEWER = 63;
    private static final long OUTSIDER = 64;
    private static final Color ORANGE = new Color(0xFF, 0x88, 0x00);
    private static boolean provisioned;
    private static int customer;
    private static int outsidersCustomer;

    @BeforeEach
    void provision() {
        if (provisioned) {
            return;
        }
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            for (Snapshot s : List.of(TenantEventsPublisher.snapshot(L, "business").member(ADMIN, "admin").member(STAFF, "staff")
                            .member(VIEWER, "viewer"),
                    TenantEventsPublisher.snapshot(N, "business").member(OUTSIDER, "admin"))) {
                events.publish(s);
                TenantEventsPublisher.awaitReport(s.slug(), "invoicing", "PROVISIONED", s.version(), Duration.ofSeconds(60));
            }
        }
        customer = InvoicingTest.customer(L, ADMIN, Map.of("name", "Logo Buyer", "state", "Maharashtra"));
        outsidersCustomer = InvoicingTest.customer(N, OUTSIDER, Map.of("name", "Plain Buyer", "state", "Maharashtra"));
        provisioned = true;
    }

    @Test
    void anUploadedLogoIsServedBackAndPrintedTopLeftOfTheInvoice() throws Exception {
        byte[] png = image(240, 96, "png", ORANGE, false);
        as(ADMIN, L).body(upload("image/png", png)).put("/api/invoices/settings/logo").then().statusCode(200)
                .body("data.content_type", is("image/png")).body("data.width", is(240)).body("data.height", is(96))
                .body("data.size_bytes", is(png.length));
        // Every member reads it back as uploaded, with an ETag that spares a second download.
        Response served = as(VIEWER, L).get("/api/invoices/settings/logo");
        assertEquals(200, served.statusCode());
        assertEquals("image/png", served.contentType());
        assertArrayEquals(png, served.asByteArray());
        String etag = served.header("ETag");
        assertTrue(etag != null && etag.startsWith("\""), "a quoted ETag: " + etag);
        as(VIEWER, L).header("If-None-Match", etag).get("/api/invoices/settings/logo").then().statusCode(304);
        as(VIEWER, L).get("/api/invoices/settings").then().statusCode(200).body("data.logo.width", is(240))
                .body("data.logo.etag", is(etag.replace("\"", "")));

        int invoice = draft(L, ADMIN, customer);
        byte[] pdf = pdf(L, VIEWER, invoice);
        assertEquals(List.of("240x96"), images(pdf), "the logo, at its own pixel size, is the first page's one image");
        // 240 x 96 fitted into the 160 x 56 pt box: 0.583 -> 140 x 56 pt, at the top-left margin (36 pt). At 72 dpi one pixel is
        // one point: the middle of the box (36 + 70, 36 + 28) is the logo's orange; right of the box, on the same line, is paper.
        BufferedImage page = render(pdf, "invoice-with-logo.png");
        assertEquals(ORANGE.getRGB(), page.getRGB(106, 64), "the logo's middle, top-left of the page");
        assertEquals(Color.WHITE.getRGB(), page.getRGB(36 + 150, 64), "nothing drawn right of the logo's box");

        // A JPEG replaces it; larger than print needs, it is kept scaled to the print maximum (640 x 224): 1600 x 400 -> 640 x 160.
        // The PDF shows the new one at once: the cached print form went with the old one.
        byte[] jpeg = image(1600, 400, "jpg", Color.BLUE, false);
        as(ADMIN, L).body(upload("image/jpeg", jpeg)).put("/api/invoices/settings/logo").then().statusCode(200)
                .body("data.content_type", is("image/jpeg")).body("data.width", is(1600));
        assertEquals("image/jpeg", as(STAFF, L).get("/api/invoices/settings/logo").contentType());
        assertEquals(List.of("640x160"), images(pdf(L, VIEWER, invoice)));

        // A PNG with transparency keeps it: the image carries a soft mask.
        as(ADMIN, L).body(upload(null, image(100, 100, "png", ORANGE, true))).put("/api/invoices/settings/logo").then().statusCode(200);
        assertEquals(List.of("100x100+mask"), images(pdf(L, VIEWER, invoice)));

        // Removed: not served, not printed, not described; a second removal finds nothing.
        as(ADMIN, L).delete("/api/invoices/settings/logo").then().statusCode(200).body("success", is(true));
        as(ADMIN, L).get("/api/invoices/settings/logo").then().statusCode(404).contentType("application/json")
                .body("error.code", is("LOGO_NOT_SET")).body("data", nullValue());
        as(ADMIN, L).get("/api/invoices/settings").then().statusCode(200).body("data.logo", nullValue());
        assertEquals(List.of(), images(pdf(L, VIEWER, invoice)));
        as(ADMIN, L).delete("/api/invoices/settings/logo").then().statusCode(404).body("error.code", is("LOGO_NOT_SET"));
    }

    @Test
    void withoutALogoTheInvoiceHasNoImageAndTheHeaderStartsAtTheTop() throws Exception {
        byte[] pdf = pdf(N, OUTSIDER, draft(N, OUTSIDER, outsidersCustomer));
        assertEquals(List.of(), images(pdf));
        // The brand band is the page's first thing, as before logos: at 72 dpi its colour fills the line 36 + 15 pt down.
        BufferedImage page = render(pdf, "invoice-without-logo.png");
        assertEquals(new Color(0x1F, 0x3A, 0x5F).getRGB(), page.getRGB(300, 51));
    }

    @Test
    void whatIsNoPngOrJpegOrTooLargeIsRefusedInTheEnvelope() throws Exception {
        // The other tests share the tenant: whatever logo it has now must be the one it has after.
        Object before = as(ADMIN, L).get("/api/invoices/settings").then().statusCode(200).extract().path("data.logo");
        // A text file named logo.png: the name and the claimed type prove nothing, the bytes are no image.
        refused(upload("image/png", "just some text, saved as logo.png\n".getBytes(StandardCharsets.UTF_8)), 415, "LOGO_UNSUPPORTED_TYPE");
        refused(upload("image/gif", image(20, 20, "gif", ORANGE, false)), 415, "LOGO_UNSUPPORTED_TYPE");
        // A real PNG declared as something else.
        refused(upload("image/jpeg", image(20, 20, "png", ORANGE, false)), 415, "LOGO_UNSUPPORTED_TYPE");
        refused(upload("image/svg+xml", image(20, 20, "png", ORANGE, false)), 415, "LOGO_UNSUPPORTED_TYPE");
        // Noise does not compress: a 600 x 600 PNG of it is over 512 KB.
        byte[] heavy = noise(600, 600);
        assertTrue(heavy.length > 512 * 1024, "the test's image is over the limit: " + heavy.length);
        refused(upload("image/png", heavy), 413, "LOGO_TOO_LARGE").body("message", containsString("512 KB"));
        // Few bytes, too many pixels: refused from the header, before its pixels are decoded.
        refused(upload("image/png", image(2001, 10, "png", ORANGE, false)), 413, "LOGO_TOO_LARGE")
                .body("message", containsString("2001 x 10 pixels"));
        refused(upload("image/jpeg", image(10, 2400, "jpg", ORANGE, false)), 413, "LOGO_TOO_LARGE");
        // A PNG's signature followed by garbage.
        byte[] broken = image(50, 50, "png", ORANGE, false);
        for (int i = 16; i < broken.length; i++) {
            broken[i] = (byte) (i * 31);
        }
        refused(upload("image/png", broken), 400, "INVALID_LOGO");
        refused(Map.of("content_type", "image/png"), 400, "VALIDATION_ERROR").body("error.details[0].field", is("data"));
        as(ADMIN, L).body(Map.of("data", "not base64 at all!")).put("/api/invoices/settings/logo").then().statusCode(400)
                .body("success", is(false));
        as(ADMIN, L).body(Map.of("data", Base64.getEncoder().encodeToString(image(20, 20, "png", ORANGE, false)), "colour", "red"))
                .put("/api/invoices/settings/logo").then().statusCode(400).body("error.code", is("UNKNOWN_FIELD"));
        // Nothing was stored by any of them.
        assertEquals(before, as(ADMIN, L).get("/api/invoices/settings").then().statusCode(200).extract().path("data.logo"));
    }

    @Test
    void onlyTheTenantsAdminsChangeItAndOnlyItsMembersSeeIt() throws Exception {
        Map<String, Object> logo = upload("image/png", image(40, 40, "png", ORANGE, false));
        as(VIEWER, L).body(logo).put("/api/invoices/settings/logo").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        as(STAFF, L).body(logo).put("/api/invoices/settings/logo").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        as(STAFF, L).delete("/api/invoices/settings/logo").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        // Another tenant's admin naming this tenant; a token claiming this tenant that its records do not bear out (a forged X-Tenant-ID).
        as(OUTSIDER, L).body(logo).put("/api/invoices/settings/logo").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        as(OUTSIDER, L).get("/api/invoices/settings/logo").then().statusCode(403).contentType("application/json")
                .body("error.code", is("NOT_A_MEMBER"));
        as(OUTSIDER, L).delete("/api/invoices/settings/logo").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(99, Map.of(L, "admin"))).header("X-Tenant-ID", L)
                .contentType("application/json").body(logo).put("/api/invoices/settings/logo").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER"));
        // This tenant's admin naming the other tenant.
        as(ADMIN, N).body(logo).put("/api/invoices/settings/logo").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        given().contentType("application/json").header("X-Tenant-ID", L).body(logo).put("/api/invoices/settings/logo").then().statusCode(401);
        // None of it reached the other tenant.
        as(OUTSIDER, N).get("/api/invoices/settings/logo").then().statusCode(404).body("error.code", is("LOGO_NOT_SET"));
    }

    private static io.restassured.response.ValidatableResponse refused(Map<String, Object> body, int status, String code) {
        return as(ADMIN, L).body(body).put("/api/invoices/settings/logo").then().statusCode(status).contentType("application/json")
                .body("success", is(false)).body("data", nullValue()).body("error.code", is(code));
    }

    private static Map<String, Object> upload(String contentType, byte[] data) {
        Map<String, Object> body = new HashMap<>();
        if (contentType != null) {
            body.put("content_type", contentType);
        }
        body.put("data", Base64.getEncoder().encodeToString(data));
        return body;
    }

    /** A filled rectangle with a darker frame; with {@code transparent}, its corners are see-through. */
    static byte[] image(int width, int height, String format, Color fill, boolean transparent) throws IOException {
        BufferedImage image = new BufferedImage(width, height, transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(fill);
        if (transparent) {
            g.fillOval(0, 0, width, height);
        } else {
            g.fillRect(0, 0, width, height);
            g.setColor(fill.darker());
            g.drawRect(0, 0, width - 1, height - 1);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "a writer for " + format);
        return out.toByteArray();
    }

    private static byte[] noise(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static int draft(String tenant, long user, int customer) {
        return as(user, tenant).body(Map.of("customer_id", customer, "invoice_date", "2024-07-15", "lines", List.of(
                        Map.of("description", "Design work", "hsn_sac", "998391", "unit_price", "1000", "gst_rate", 18, "quantity", 1))))
                .post("/api/invoices").then().statusCode(201).extract().path("data.id");
    }

    private static byte[] pdf(String tenant, long user, int id) {
        return as(user, tenant).get("/api/invoices/" + id + "/pdf").then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
    }

    /** The first page's image XObjects as "WxH", "+mask" when one has a soft mask. */
    private static List<String> images(byte[] bytes) throws IOException {
        List<String> found = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            PDResources resources = pdf.getPage(0).getResources();
            for (COSName name : resources.getXObjectNames()) {
                PDXObject x = resources.getXObject(name);
                if (x instanceof PDImageXObject image) {
                    found.add(image.getWidth() + "x" + image.getHeight() + (image.getCOSObject().containsKey(COSName.SMASK) ? "+mask" : ""));
                }
            }
        }
        return found;
    }

    /** The first page at 72 dpi (a pixel a point), also kept under target/ to look at. */
    private static BufferedImage render(byte[] bytes, String file) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 72);
            ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, 110), "png", new File("target", file));
            return page;
        }
    }
}
