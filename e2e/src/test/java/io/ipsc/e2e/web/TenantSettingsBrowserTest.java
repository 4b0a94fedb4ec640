package io.ipsc.e2e.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's settings in a real browser, on the suite as e2e starts it: the tenant's admin changes
 * the brand colour in the editor, sees the preview follow, saves, and the workspace's computed colour
 * changes; edits the profile (the API's field error at its field); adds a member by e-mail and sees
 * them listed, invites an unknown e-mail and sees the link once; sees the usage bars. A viewer sees
 * no write buttons, and a form posted with the viewer's session is refused by the suite (403 page).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantSettingsBrowserTest extends BrowserFixture {

    private static final String SHOP = "settings-shop";
    private static final String ADMIN_EMAIL = "settings.admin@ipsc.example";
    private static final String VIEWER_EMAIL = "settings.viewer@ipsc.example";
    private static final String NEWCOMER_EMAIL = "settings.newcomer@ipsc.example";
    private static final String INVITED_EMAIL = "settings.invited@ipsc.example";
    private static final String PASSWORD = "a long settings test password";
    /** The new brand colour: the page must show it as rgb(0, 121, 107). */
    private static final String BRAND_COLOUR = "#00796b";
    private static final String BRAND_RGB = "0, 121, 107";

    private String settings;

    @BeforeAll
    void setUp() throws InterruptedException {
        tenants.create(Map.of("name", "Settings Shop", "slug", SHOP, "organization_type", "business", "contact_email", "owner@settings.example",
                "gstin", "29AAGCB7383J1Z4", "state", "Karnataka", "pincode", "560001"));
        member(ADMIN_EMAIL, "Lakshmi Iyer", "admin");
        member(VIEWER_EMAIL, "Vikram Rao", "viewer");
        // An account that is no member yet: the admin adds it by e-mail.
        api().body(Map.of("email", NEWCOMER_EMAIL, "password", PASSWORD, "full_name", "Neha Kapoor")).post("/api/users").then().statusCode(201);

        settings = web.baseUrl() + "/t/" + SHOP + "/settings";
        web.signIn(ADMIN_EMAIL, PASSWORD);
    }

    @Test
    @Order(1)
    void theAdminChangesTheBrandColourSeesThePreviewThenTheWorkspaceChange() {
        browser.go(web.baseUrl() + "/t/" + SHOP + "/", "settings-workspace-before");
        String before = barColour();
        assertFalse(before.contains(BRAND_RGB), before);
        assertTrue(browser.text(By.className("menu")).contains("Settings"), "an admin's menu has Settings");
        browser.clickThrough(By.linkText("Settings"));
        browser.clickThrough(By.id("tab-branding"));
        browser.await(By.id("brand-preview"));
        browser.shot("settings-branding");

        WebElement primary = browser.driver().findElement(By.id("primary_color"));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", primary, BRAND_COLOUR);
        // htmx re-renders the preview from the typed values; its stylesheet then colours the preview's bar.
        new WebDriverWait(browser.driver(), Browser.PAGE_WAIT).until(d ->
                d.findElement(By.className("preview-bar")).getCssValue("background-color").contains(BRAND_RGB));
        browser.shot("settings-branding-preview");
        assertFalse(barColour().contains(BRAND_RGB), "nothing saved yet: the workspace keeps its colour");

        browser.clickThrough(By.id("save-branding"));
        browser.shot("settings-branding-saved");
        assertTrue(browser.text(By.id("notice")).contains("saved"), browser.pageText());
        new WebDriverWait(browser.driver(), Browser.PAGE_WAIT).until(d -> barColour().contains(BRAND_RGB));
        assertEquals(BRAND_COLOUR, api().get("/api/tenants/" + SHOP + "/branding").path("data.primary_color").toString().toLowerCase());

        browser.go(web.baseUrl() + "/t/" + SHOP + "/", "settings-workspace-after");
        assertTrue(barColour().contains(BRAND_RGB), "the workspace in its new colour: " + barColour());
    }

    @Test
    @Order(2)
    void aLowContrastColourIsSavedWithBrandingServicesWarning() {
        browser.go(settings + "/branding", "settings-branding-again");
        browser.await(By.id("text_color"));
        web.type("text_color", "#8A8A8A");
        web.type("background_color", "#FFFFFF");
        browser.clickThrough(By.id("save-branding"));
        browser.shot("settings-branding-contrast-warning");
        String warnings = browser.text(By.id("contrast-warnings"));
        assertTrue(warnings.contains("Low contrast") && warnings.contains("text_color"), warnings);
    }

    @Test
    @Order(3)
    void theProfileShowsTheApisFieldErrorAtItsFieldAndSaves() {
        browser.go(settings, "settings-profile");
        browser.await(By.id("pincode"));
        web.type("pincode", "56");
        browser.clickThrough(By.id("save-profile"));
        browser.shot("settings-profile-refused");
        assertNotNull(web.fieldError("pincode"), "the PIN code's error at its field: " + browser.pageText());
        assertEquals("56", browser.driver().findElement(By.id("pincode")).getAttribute("value"), "what was typed is kept");

        web.type("pincode", "560001");
        web.type("contact_person", "Lakshmi Iyer");
        browser.clickThrough(By.id("save-profile"));
        browser.shot("settings-profile-saved");
        assertTrue(browser.text(By.id("notice")).contains("saved"), browser.pageText());
        assertEquals("Lakshmi Iyer", api().get("/api/tenants/" + SHOP).path("data.contact_person"));
    }

    @Test
    @Order(4)
    void theAdminAddsAMemberByEmailAndInvitesAnUnknownOne() {
        browser.go(settings + "/members", "settings-members");
        String seatsBefore = browser.text(By.id("seats"));
        assertTrue(seatsBefore.matches("2 of \\d+ users.*"), seatsBefore);

        browser.driver().findElement(By.id("email")).sendKeys(NEWCOMER_EMAIL);
        new Select(browser.driver().findElement(By.id("role"))).selectByValue("staff");
        browser.clickThrough(By.id("add-member"));
        browser.shot("settings-member-added");
        String members = browser.text(By.id("members"));
        assertTrue(members.contains(NEWCOMER_EMAIL) && members.contains("Neha Kapoor"), members);
        assertTrue(browser.text(By.id("seats")).startsWith("3 of "), browser.text(By.id("seats")));

        browser.driver().findElement(By.id("email")).sendKeys(INVITED_EMAIL);
        browser.clickThrough(By.id("add-member"));
        browser.shot("settings-invitation-link");
        String link = browser.driver().findElement(By.id("invitation-link")).getAttribute("value");
        assertTrue(link.contains("/api/invitations/") && link.endsWith("/accept"), link);
        assertTrue(browser.text(By.id("invitations")).contains(INVITED_EMAIL), "the open invitation is listed");

        // Shown once: the next visit lists the invitation without its link.
        browser.go(settings + "/members", "settings-members-with-invitation");
        assertTrue(browser.driver().findElements(By.id("invitation-link")).isEmpty(), "the link is not shown again");
        assertTrue(browser.text(By.id("invitations")).contains(INVITED_EMAIL));
    }

    @Test
    @Order(5)
    void theUsageShowsBarsAgainstThePlansLimitsWithTheWarningAt80Percent() {
        int users = api().get("/api/tenants/" + SHOP + "/usage").path("data.users.used");
        // The operator sets the user limit to what is used: 100 %, past the 80 % warning.
        api().body(Map.of("max_users", users)).put("/api/tenants/" + SHOP + "/subscription").then().statusCode(200);

        browser.go(settings + "/usage", "settings-usage");
        List<WebElement> bars = browser.driver().findElements(By.cssSelector("#usage meter"));
        assertTrue(bars.size() >= 2, "bars for users and products at least: " + browser.pageText());
        WebElement usersBar = browser.driver().findElement(By.id("usage-users"));
        assertTrue(usersBar.getAttribute("class").contains("warn"), "the users bar warns: " + usersBar.getAttribute("class"));
        assertTrue(usersBar.getText().contains(users + " of " + users), usersBar.getText());
        assertFalse(browser.text(By.id("plan")).isBlank());
    }

    @Test
    @Order(6)
    void theSettingsFitAPhoneScreen() {
        Dimension wide = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("", "/branding", "/features", "/members", "/usage")) {
                browser.go(settings + page, "settings-phone" + page.replace('/', '-'));
                browser.await(By.tagName("h1"));
                Object overflow = ((JavascriptExecutor) browser.driver()).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertEquals(0L, ((Number) overflow).longValue(), "no sideways scrolling on a phone: settings" + page);
            }
        } finally {
            browser.driver().manage().window().setSize(wide);
        }
    }

    @Test
    @Order(7)
    void aViewerSeesNoWriteButtonsAndADirectPostIsRefusedByTheSuite() {
        String nameBefore = api().get("/api/tenants/" + SHOP).path("data.name");
        try (Browser other = secondBrowser()) {
            WebApp asViewer = new WebApp(other, web.baseUrl());
            asViewer.signIn(VIEWER_EMAIL, PASSWORD);
            String base = web.baseUrl() + "/t/" + SHOP;
            for (String page : List.of("/", "/products", "/customers", "/invoices", "/settings", "/settings/branding",
                    "/settings/features", "/settings/members")) {
                other.go(base + page, "settings-viewer" + page.replace('/', '-'));
                other.await(By.tagName("h1"));
                // A search (a GET form without a button) changes nothing; any other form or button would.
                List<WebElement> writes = other.driver().findElements(
                        By.cssSelector("main button, main input[type=submit], main form:not([method=get])"));
                assertTrue(writes.isEmpty(), "no write buttons for a viewer on " + page + ": " + writes.size());
                assertFalse(other.text(By.className("menu")).contains("Settings"), "no Settings in a viewer's menu");
            }

            // The viewer's session posts the profile form anyway (the CSRF token from the page's sign-out form):
            // the web app forwards it, and the suite refuses it.
            other.go(base + "/settings", "settings-viewer-before-post");
            ((JavascriptExecutor) other.driver()).executeScript("""
                    const form = document.createElement('form');
                    form.method = 'post';
                    form.action = arguments[0];
                    for (const [name, value] of [['csrf-token', document.querySelector('input[name="csrf-token"]').value],
                                                 ['name', 'Taken Over By A Viewer']]) {
                        const input = document.createElement('input');
                        input.type = 'hidden';
                        input.name = name;
                        input.value = value;
                        form.appendChild(input);
                    }
                    document.body.appendChild(form);
                    form.submit();""", base + "/settings");
            other.awaitText(By.tagName("h1"), "Not allowed", Browser.PAGE_WAIT);
            other.shot("settings-viewer-post-refused");
            assertTrue(other.text(By.id("problem")).contains("admin"), "the API's words: " + other.text(By.id("problem")));

            // The same post through fetch: the answer's status is the API's 403.
            Object status = ((JavascriptExecutor) other.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const body = new URLSearchParams({'csrf-token': document.querySelector('input[name="csrf-token"]').value,
                                                      'primary_color': '#000000'});
                    fetch(arguments[0], {method: 'POST', body: body, credentials: 'same-origin'}).then(r => done(r.status), e => done(String(e)));""",
                    base + "/settings/branding");
            assertEquals(403L, status);
        }
        assertEquals(nameBefore, api().get("/api/tenants/" + SHOP).path("data.name"), "nothing changed");
        assertEquals(BRAND_COLOUR, api().get("/api/tenants/" + SHOP + "/branding").path("data.primary_color").toString().toLowerCase());
    }

    private String barColour() {
        return browser.driver().findElement(By.className("bar")).getCssValue("background-color");
    }

    private void member(String email, String fullName, String role) {
        tenants.member(SHOP, email, PASSWORD, fullName, role);
    }
}
