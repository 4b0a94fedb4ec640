package io.ipsc.e2e.web;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The invoice logo in a real browser, on the suite as e2e starts it: the admin of a business tenant picks a
 * PNG on Settings → Invoicing, sees it shown (served through the web app), then downloads an invoice's PDF
 * through the web app and finds the logo in it at its pixel size (PDFBox; its first page is rendered to a PNG
 * next to the screenshots). A text file named .png is refused at the field; a viewer sees the logo and no upload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvoiceLogoBrowserTest extends BrowserFixture {

    private static final String SHOP = "logo-shop";
    private static final String ADMIN_EMAIL = "logo.admin@ipsc.example";
    private static final String VIEWER_EMAIL = "logo.viewer@ipsc.example";
    private static final String PASSWORD = "a long logo test password";
    private static final int LOGO_WIDTH = 360;
    private static final int LOGO_HEIGHT = 120;

    private String workspace;
    private int invoice;

    @BeforeAll
    void setUp() throws InterruptedException {
        tenants.create(Map.of("name", "Logo Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@logo.example",
                "gstin", "27AAPFU0939F1ZV", "state", "Maharashtra", "pincode", "411001"));
        int customer = api().body(Map.of("name", "Deccan Motors", "state", "Maharashtra", "city", "Pune", "address_line1", "14 FC Road",
                "pincode", "411004")).post("/api/tenants/" + SHOP + "/customers").then().statusCode(201).extract().path("data.id");
        invoice = api().body(Map.of("customer_id", customer, "lines", List.of(Map.of("description", "Annual maintenance", "hsn_sac", "998719",
                        "unit_price", "25000", "gst_rate", 18, "quantity", 1))))
                .post("/api/tenants/" + SHOP + "/invoices").then().statusCode(201).extract().path("data.id");
        api().post("/api/tenants/" + SHOP + "/invoices/" + invoice + "/issue").then().statusCode(200);
        member(ADMIN_EMAIL, "Meera Joshi", "admin");
        member(VIEWER_EMAIL, "Arjun Rao", "viewer");

        workspace = web.baseUrl() + "/t/" + SHOP + "/";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void aTextFileNamedPngIsRefusedAtTheField() throws IOException {
        browser.go(workspace + "settings/invoicing", "invoice-settings-no-logo");
        browser.await(By.id("no-logo"));
        Path text = Files.createTempFile("not-a-logo", ".png");
        Files.writeString(text, "a text file, whatever its name says\n", StandardCharsets.UTF_8);
        browser.driver().findElement(By.id("logo")).sendKeys(text.toString());
        browser.clickThrough(By.id("upload-logo"));
        browser.await(By.id("logo-error"));
        assertTrue(web.fieldError("logo").contains("PNG or JPEG"), web.fieldError("logo"));
        browser.shot("invoice-settings-logo-refused");
    }

    @Test
    @Order(2)
    void anAdminUploadsALogoAndSeesIt() throws IOException {
        browser.go(workspace + "settings/invoicing", "invoice-settings-before-logo");
        browser.driver().findElement(By.id("logo")).sendKeys(logoFile().toString());
        browser.clickThrough(By.id("upload-logo"));
        browser.await(By.id("invoice-logo"));
        assertTrue(browser.text(By.id("notice")).contains("The logo is saved (" + LOGO_WIDTH + " × " + LOGO_HEIGHT + " px)"),
                browser.text(By.id("notice")));
        // The image the page shows is the uploaded one, loaded from the web app's own address.
        String src = browser.driver().findElement(By.id("invoice-logo")).getAttribute("src");
        assertTrue(src.startsWith(workspace + "settings/invoicing/logo"), src);
        Object width = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const img = document.getElementById('invoice-logo');
                if (img.complete) { done(img.naturalWidth); } else { img.onload = () => done(img.naturalWidth); img.onerror = () => done(-1); }""");
        assertEquals((long) LOGO_WIDTH, width);
        browser.shot("invoice-settings-logo");
    }

    @Test
    @Order(3)
    void theDownloadedInvoiceCarriesTheLogo() throws IOException {
        String href = workspace + "invoices/" + invoice + "/pdf";
        String base64 = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer()).then(b => {
                  const bytes = new Uint8Array(b); let s = '';
                  for (let i = 0; i < bytes.length; i += 0x8000) { s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)); }
                  done(btoa(s));
                }).catch(e => done(''));""", href);
        byte[] pdf = Base64.getDecoder().decode(base64);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDResources resources = document.getPage(0).getResources();
            List<String> images = new ArrayList<>();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDImageXObject image) {
                    images.add(image.getWidth() + "x" + image.getHeight());
                }
            }
            assertEquals(List.of(LOGO_WIDTH + "x" + LOGO_HEIGHT), images, "the logo on the invoice's first page");
            // The page as a person sees it, to look at next to the screenshots.
            Files.createDirectories(Browser.SCREENSHOTS);
            ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110), "png",
                    Browser.SCREENSHOTS.resolve("invoice-logo-pdf-page-1.png").toFile());
        }
    }

    @Test
    @Order(4)
    void aViewerSeesTheLogoAndNoUpload() {
        try (Browser other = secondBrowser()) {
            WebApp viewer = new WebApp(other, web.baseUrl());
            viewer.signIn(VIEWER_EMAIL, PASSWORD);
            other.go(workspace + "settings/invoicing", "invoice-settings-viewer");
            other.await(By.id("invoice-logo"));
            assertTrue(other.driver().findElements(By.cssSelector("main input[type=file]")).isEmpty(), "no upload for a viewer");
            assertTrue(other.driver().findElements(By.cssSelector("main button")).isEmpty(), "no buttons for a viewer");
        }
    }

    /** A wordmark as a small business would have one: a coloured badge and the name, on a transparent ground. */
    private static Path logoFile() throws IOException {
        BufferedImage image = new BufferedImage(LOGO_WIDTH, LOGO_HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xE6, 0x5C, 0x00));
        g.fillRoundRect(4, 4, 112, 112, 28, 28);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
        g.drawString("LS", 22, 84);
        g.setColor(new Color(0x1F, 0x3A, 0x5F));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 46));
        g.drawString("Logo Shop", 130, 78);
        g.dispose();
        Path file = Files.createTempFile("logo-shop", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private void member(String email, String fullName, String role) {
        tenants.member(SHOP, email, PASSWORD, fullName, role);
    }
}
