package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web app against a stand-in gateway: the security of its pages (CSP, CSRF, the session cookie,
 * tokens kept server-side), sign-in's errors as a person reads them, and its operator endpoints on the
 * management port only.
 */
@QuarkusTest
// Only this class's stand-in: each test class of this module has its own gateway, started with its app.
@QuarkusTestResource(value = StubGateway.class, restrictToAnnotatedClass = true)
class WebAppTest {

    @Test
    void pagesForbidInlineCodeAndCarryNoInlineCode() {
        Response page = given().get("/sign-in");
        page.then().statusCode(200).header("Cache-Control", "no-store");
        String csp = page.header("Content-Security-Policy");
        assertNotNull(csp, "a Content-Security-Policy on every page");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        String html = page.asString();
        assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline <script>");
        assertFalse(html.contains("style=") || html.contains("<style"), "no inline style");
        assertTrue(html.contains("<label for=\"email\">") && html.contains("<label for=\"password\">"), "labelled fields");
    }

    @Test
    void htmxAndTheStylesheetComeFromThisOrigin() {
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200).body(containsString("htmx"));
        given().get("/static/app.css").then().statusCode(200).body(containsString("--ipsc-primary"));
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        Browserless browser = new Browserless();
        browser.get("/sign-in");
        given().redirects().follow(false).cookies(browser.cookies)
                .formParams(Map.of("email", StubGateway.ADMIN, "password", StubGateway.PASSWORD))
                .post("/sign-in").then().statusCode(400).body(containsString("This form has expired"));
    }

    @Test
    void aWrongPasswordIsToldPlainly() {
        new Browserless().signIn(StubGateway.ADMIN, "wrong").then().statusCode(401)
                .body(containsString("That e-mail address and password do not match"))
                .body(containsString("value=\"" + StubGateway.ADMIN + "\""));
    }

    @Test
    void aLockedAccountSaysForHowLong() {
        new Browserless().signIn(StubGateway.LOCKED, "anything").then().statusCode(429)
                .body(containsString("this account is locked for 15 more minutes"));
    }

    @Test
    void signingInSetsOnlyAnOpaqueHttpOnlyLaxCookie() {
        Browserless browser = new Browserless();
        Response signedIn = browser.signIn(StubGateway.ADMIN, StubGateway.PASSWORD);
        signedIn.then().statusCode(303).header("Location", containsString("/"));
        String setCookie = signedIn.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("ipsc_session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + signedIn.headers()));
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=lax"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain http: not Secure, " + setCookie);
        assertFalse(setCookie.contains(StubGateway.ACCESS_TOKEN), "the token stays on the server");

        String start = browser.get("/").then().statusCode(200).extract().asString();
        assertTrue(start.contains("Welcome, Platform administrator"), start);
        assertFalse(start.contains(StubGateway.ACCESS_TOKEN), "the token stays on the server");
        assertTrue(start.contains("href=\"/tenant-setup\""), "platform admins are offered tenant set-up");
    }

    @Test
    void theGatewayIsToldWhichBrowserSignsInAndOut() {
        // The gateway throttles credentials per address; without the browser's, every person would share the web app's.
        StubGateway.FORWARDED_FOR.clear();
        Browserless browser = new Browserless();
        browser.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        browser.submit("/", "/sign-out", Map.of()).then().statusCode(303);
        assertEquals(java.util.List.of("127.0.0.1", "127.0.0.1"), StubGateway.FORWARDED_FOR);
    }

    @Test
    void signingOutEndsTheSession() {
        Browserless browser = new Browserless();
        browser.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        String session = browser.cookies.get("ipsc_session");
        String signInPage = browser.submit("/", "/sign-out", Map.of()).then().statusCode(303)
                .header("Location", containsString("/sign-in")).extract().header("Location");
        given().get(signInPage).then().statusCode(200).body(containsString("You are signed out"));
        // The old id is worth nothing now, even if a copy of the cookie survived somewhere.
        given().redirects().follow(false).cookie("ipsc_session", session).get("/").then().statusCode(303)
                .header("Location", containsString("/sign-in?then="));
    }

    @Test
    void tenantSetupIsOnlyForPlatformAdmins() {
        Browserless browser = new Browserless();
        browser.signIn(StubGateway.MEMBER, StubGateway.PASSWORD).then().statusCode(303);
        browser.get("/tenant-setup").then().statusCode(403).body(containsString("Only for platform administrators"));

        Browserless admin = new Browserless();
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        String form = admin.get("/tenant-setup").then().statusCode(200).extract().asString();
        for (String field : new String[]{"name", "slug", "organization_type", "contact_person", "contact_email", "contact_phone",
                "gstin", "industry", "size", "address_line1", "city", "state", "pincode"}) {
            assertTrue(form.contains("name=\"" + field + "\""), "the seed guide's field " + field);
        }
    }

    @Test
    void theApisRefusalIsShownAtItsFieldWithWhatWasTyped() {
        Browserless admin = new Browserless();
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        String page = admin.submit("/tenant-setup", "/tenant-setup", Map.of("name", "Smile Dental Clinic", "slug", "smile-dental",
                        "organization_type", "dental_clinic", "pincode", "4000"))
                .then().statusCode(422).extract().asString();
        assertTrue(page.contains("id=\"pincode-error\">pincode must be a 6-digit Indian PIN code"), page);
        assertTrue(page.contains("value=\"Smile Dental Clinic\""), "what was typed is kept");
        assertTrue(page.contains("value=\"dental_clinic\" checked"), "the chosen type is kept");
    }

    @Test
    void aVisitorWithoutSessionIsSentToSignInAndBack() {
        given().redirects().follow(false).get("/t/smile-dental/").then().statusCode(303)
                .header("Location", containsString("/sign-in?then=%2Ft%2Fsmile-dental%2F"));
        // Only a path of this site is a place to go back to.
        given().get("/sign-in?then=https://evil.example/").then().statusCode(200)
                .body(containsString("name=\"then\" value=\"/\""), not(containsString("evil.example")));
    }

    @Test
    void healthAndMetricsOnlyOnTheManagementPort() {
        int management = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        assertTrue(management > 0 && management != RestAssured.port);
        given().port(management).get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().port(management).get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
        assertEquals(404, given().get("/q/metrics").statusCode());
        assertEquals(404, given().get("/q/health").statusCode());
    }
}
