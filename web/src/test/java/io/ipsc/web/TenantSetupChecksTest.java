package io.ipsc.web;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The set-up form's checks as you type (tenant-service's answer shown at the field), and sign-up while it is off. */
@QuarkusTest
@QuarkusTestResource(value = StubGateway.class, restrictToAnnotatedClass = true)
class TenantSetupChecksTest {

    @Test
    void theCheckedFieldsAskAsTheyAreTyped() {
        String form = platformAdmin().get("/tenant-setup").then().statusCode(200).extract().asString();
        for (String field : new String[]{"slug", "gstin", "pincode", "contact_phone", "state"}) {
            assertTrue(form.matches("(?s).*id=\"" + field + "\" name=\"" + field + "\"[^>]*hx-post=\"/tenant-setup/check\"[^>]*hx-target=\"#"
                    + field + "-check\".*"), field + " is checked as it is typed");
            assertTrue(form.contains("<p class=\"field-check\" id=\"" + field + "-check\" aria-live=\"polite\"></p>"), field);
        }
    }

    @Test
    void aMalformedSlugIsToldAtTheField() {
        String fragment = check(platformAdmin(), "slug", Map.of("slug", "Bad Slug"));
        assertTrue(fragment.contains("class=\"field-check problem\" id=\"slug-check\""), fragment);
        assertTrue(fragment.contains("slug may hold only lower-case letters, digits and hyphens"), fragment);
    }

    @Test
    void aGstinShowsTheStateItImpliesAndItsCheckCharacter() {
        String fragment = check(platformAdmin(), "gstin", Map.of("gstin", "27AABFS1234A1Z5"));
        assertTrue(fragment.contains("class=\"field-check warning\" id=\"gstin-check\""), fragment);
        assertTrue(fragment.contains("Registered in 27 Maharashtra."), fragment);
        assertTrue(fragment.contains("check character &#39;5&#39; but &#39;D&#39; was expected"), fragment);
    }

    @Test
    void aFreeSlugIsConfirmedAndAnUncheckedFieldGetsNothing() {
        Browserless admin = platformAdmin();
        String free = check(admin, "slug", Map.of("slug", "new-clinic"));
        assertTrue(free.contains("class=\"field-check ok\" id=\"slug-check\"") && free.contains("new-clinic&#39; is free"), free);
        String other = check(admin, "industry", Map.of("industry", "Healthcare"));
        assertTrue(other.contains("id=\"industry-check\" aria-live=\"polite\"></p>"), other);
    }

    @Test
    void aRefusedCheckSaysNothingAtTheField() {
        // A visitor without a session, while sign-up is off: the API refuses, the field stays quiet.
        Browserless visitor = new Browserless();
        String fragment = visitor.submit("/sign-in", "/tenant-setup/check", Map.of("slug", "Bad Slug"), Map.of("HX-Trigger-Name", "slug"))
                .then().statusCode(200).extract().asString();
        assertTrue(fragment.contains("id=\"slug-check\" aria-live=\"polite\"></p>"), fragment);
    }

    @Test
    void signUpIsNotThereWhileTheApiSaysItIsOff() {
        given().get("/sign-up").then().statusCode(404).body(containsString("set up by the operator"));
        given().get("/sign-in").then().statusCode(200).body(not(containsString("/sign-up")));
    }

    private static Browserless platformAdmin() {
        Browserless admin = new Browserless();
        admin.signIn(StubGateway.ADMIN, StubGateway.PASSWORD).then().statusCode(303);
        return admin;
    }

    private static String check(Browserless browser, String field, Map<String, String> form) {
        return browser.submit("/tenant-setup", "/tenant-setup/check", form, Map.of("HX-Request", "true", "HX-Trigger-Name", field))
                .then().statusCode(200).extract().asString();
    }
}
