package io.ipsc.gateway;

import io.ipsc.tenancy.event.Topics;
import io.ipsc.testsupport.ManagementInterface;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TestTokens;
import io.ipsc.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacks of the outside probe (issue 14), replayed against the gateway: encoded dot segments,
 * {@code /q/*} on the public port, password guessing from one address, hosts that disagree, the
 * browser headers, an upstream's failure text, and anonymous noise in a tenant's security figures.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
@WithTestResource(value = EchoUpstreams.class, scope = TestResourceScope.GLOBAL)
class HardeningTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    /** A business; Ana is its admin. */
    static final String A = "hard-a-" + RUN;
    /** A dental clinic without inventory_management; Ben is its admin. */
    static final String B = "hard-b-" + RUN;
    static final long ANA = 110;
    static final long BEN = 120;

    @BeforeAll
    static void publishTenants() {
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(TenantEventsPublisher.snapshot(A, "business").member(ANA, "admin").status("active", "TENANT_UPDATED"));
            events.publish(TenantEventsPublisher.snapshot(B, "dental_clinic").member(BEN, "admin")
                    .feature("inventory_management", false).status("active", "TENANT_UPDATED"));
        }
    }

    private static boolean routable;

    @BeforeEach
    void awaitDirectory() {
        if (!routable) {
            GatewayTest.eventually(() -> ben().get("/api/tenants/" + B + "/patients").then().statusCode(200));
            routable = true;
        }
    }

    static RequestSpecification ana() {
        return given().urlEncodingEnabled(false).header("Authorization", "Bearer " + TestTokens.get().member(ANA, Map.of()));
    }

    static RequestSpecification ben() {
        return given().urlEncodingEnabled(false).header("Authorization", "Bearer " + TestTokens.get().member(BEN, Map.of()));
    }


    private static void refusedAsInvalidPath(ValidatableResponse answer) {
        answer.statusCode(400).body("success", is(false)).body("error.code", is("INVALID_PATH"));
    }

    @Test
    void encodedDotSegmentsAreRefusedBeforeAnyRoutingOrCheck() {
        // The probe's two attacks: invoicing's metrics page through a product path, and a supply past the feature check.
        refusedAsInvalidPath(ana().get("/api/tenants/" + A + "/products/%2e%2e/%2e%2e/q/metrics").then());
        refusedAsInvalidPath(ben().contentType("application/json").body("{\"name\":\"gloves\"}")
                .post("/api/tenants/" + B + "/patients/%2e%2e/dental-supplies").then());
        // The same through the header form, in upper case, and the other spellings of a separator or a dot.
        for (String path : List.of("/api/products/%2E%2E/%2E%2E/q/metrics", "/api/products/%2e%2e%2f%2e%2e%2fq%2fmetrics",
                "/api/products/..%5c..%5cq%5cmetrics", "/api/products/%00", "/api/products/%252e%252e/q/metrics",
                "/api/products/.%2e/q/metrics", "/api/products/%2e/x", "/api/products/..;x=1/q/metrics")) {
            refusedAsInvalidPath(ana().header("X-Tenant-ID", A).get(path).then());
        }
        // Before the token is looked at: nothing of the request is judged on a path that could mean two things.
        refusedAsInvalidPath(given().urlEncodingEnabled(false).get("/api/tenants/" + A + "/products/%2e%2e/users").then());
        // Plain dots, as a client sends them when it does not tidy the path itself.
        RawHttp.Answer plain = RawHttp.send("GET", "/api/tenants/" + A + "/products/../../q/metrics",
                "Host: localhost", "Authorization: Bearer " + TestTokens.get().member(ANA, Map.of()));
        assertEquals(400, plain.status(), plain.body());
        assertEquals("INVALID_PATH", plain.json().getString("error.code"));

        // What the gateway checks is what it forwards: the feature check applies to the supply route itself.
        ben().contentType("application/json").body("{}").post("/api/tenants/" + B + "/dental-supplies").then()
                .statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        // Dots inside a name are no segment of their own.
        ana().get("/api/tenants/" + A + "/products/v1.2..3").then().statusCode(200).body("path", is("/api/products/v1.2..3"));
    }

    @Test
    void qEndpointsAreOnlyOnTheManagementPort() {
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready", "/q/openapi")) {
            given().get(path).then().statusCode(404).body("success", is(false)).body("error.code", is("NOT_FOUND"));
        }
        ManagementInterface.given().get("/q/metrics").then().statusCode(200).body(containsString("ipsc_gateway_upstream_seconds"));
        ManagementInterface.given().get("/q/health/ready").then().statusCode(200);
        // The public endpoints stay where the seed guide shows them.
        given().get("/health").then().statusCode(200).body("success", is(true));
        given().get("/api/health").then().statusCode(200);
        given().get("/docs").then().statusCode(200).contentType(containsString("text/html"));
        // Each module's OpenAPI document comes from its management interface (its API port answers /q/* with 404).
        given().get("/docs/openapi/invoicing").then().statusCode(200)
                .body("info.title", is("IPSC invoicing")).body("paths", hasKey("/api/products"));
    }

    @Test
    void signInFromOneAddressIsThrottledWhateverItsForwardedHeaderSays() {
        // 127.0.0.2: a client of its own, and no trusted proxy (only 127.0.0.1 is), so X-Forwarded-For is no way to get a fresh allowance.
        int granted = 0;
        RawHttp.Answer refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            RawHttp.Answer answer = RawHttp.sendFrom("127.0.0.2", "POST", "/api/auth/login", "Host: localhost",
                    "X-Forwarded-For: 198.51.100." + i);
            if (answer.status() == 429) {
                refused = answer;
            } else {
                assertEquals(200, answer.status(), answer.body());
                granted++;
            }
        }
        assertNotNull(refused, "the 40 sign-ins of one address were all let through");
        assertTrue(granted >= 20 && granted <= 25, "a burst of 20, then one a second: " + granted);
        assertEquals("RATE_LIMITED", refused.json().getString("error.code"));
        assertNotNull(refused.header("Retry-After"));
        // Invitations are credentials too, and share the address's allowance.
        RawHttp.Answer invitation = RawHttp.sendFrom("127.0.0.2", "GET", "/api/invitations/some-token", "Host: localhost");
        assertEquals(429, invitation.status());
        assertEquals("RATE_LIMITED", invitation.json().getString("error.code"));
        // Self-service sign-up creates accounts with passwords: it shares the allowance too.
        assertEquals(429, RawHttp.sendFrom("127.0.0.2", "POST", "/api/signup", "Host: localhost").status());
        // Another address is not slowed by the first.
        assertEquals(200, RawHttp.sendFrom("127.0.0.3", "POST", "/api/auth/login", "Host: localhost").status());
    }

    @Test
    void theWebAppsSignInsAreCountedPerBrowserItNames() {
        // 127.0.0.1 is the trusted proxy (the web app): each browser address it names has an allowance of its own,
        // so a busy morning of people signing in through the web app is not one client's burst.
        for (int browser = 0; browser < 3; browser++) {
            for (int i = 0; i < 20; i++) {
                RawHttp.Answer answer = RawHttp.sendFrom("127.0.0.1", "POST", "/api/auth/login", "Host: localhost",
                        "X-Forwarded-For: 203.0.113." + browser);
                assertEquals(200, answer.status(), "browser " + browser + ", sign-in " + (i + 1) + ": " + answer.body());
            }
        }
        // One browser past its burst is still refused, though the web app is the connection.
        RawHttp.Answer refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            RawHttp.Answer answer = RawHttp.sendFrom("127.0.0.1", "POST", "/api/auth/login", "Host: localhost",
                    "X-Forwarded-For: 203.0.113.0");
            refused = answer.status() == 429 ? answer : null;
        }
        assertNotNull(refused, "a browser past its burst was let through because the web app forwarded it");
        assertEquals("RATE_LIMITED", refused.json().getString("error.code"));
    }

    @Test
    void logoutAndInvitationsNeedNoAccessToken() {
        given().contentType("application/json").body("{\"refresh_token\":\"r\"}").post("/api/auth/logout").then()
                .statusCode(200).body("module", is("tenant-service")).body("path", is("/api/auth/logout"));
        given().get("/api/invitations/abc123").then().statusCode(200)
                .body("module", is("tenant-service")).body("path", is("/api/invitations/abc123"));
        given().contentType("application/json").body("{\"password\":\"pw\"}").post("/api/invitations/abc123/accept").then()
                .statusCode(200).body("module", is("tenant-service")).body("path", is("/api/invitations/abc123/accept"));
        given().get("/api/invitations").then().statusCode(401).body("error.code", is("UNAUTHORIZED"));
        // Self-service sign-up and its form's checks are for visitors without an account.
        given().contentType("application/json").body("{}").post("/api/signup").then()
                .statusCode(200).body("module", is("tenant-service")).body("path", is("/api/signup"));
        given().contentType("application/json").body("{}").post("/api/signup/check").then()
                .statusCode(200).body("module", is("tenant-service")).body("path", is("/api/signup/check"));
        given().get("/api/signup/other").then().statusCode(401).body("error.code", is("UNAUTHORIZED"));
    }

    @Test
    void aRequestNamingTwoHostsIsRefused() {
        String token = "Authorization: Bearer " + TestTokens.get().member(ANA, Map.of());
        RawHttp.Answer twoHosts = RawHttp.send("GET", "/api/products", "Host: " + A + ".localhost", "Host: " + B + ".localhost", token);
        assertEquals(400, twoHosts.status(), twoHosts.body());
        assertEquals("INVALID_HOST", twoHosts.json().getString("error.code"));
        RawHttp.Answer disagreeing = RawHttp.send("GET", "http://" + A + ".localhost:8000/api/products", "Host: " + B + ".localhost", token);
        assertEquals(400, disagreeing.status(), disagreeing.body());
        assertEquals("INVALID_HOST", disagreeing.json().getString("error.code"));
        RawHttp.Answer agreeing = RawHttp.send("GET", "http://" + A + ".localhost:8000/api/products", "Host: " + A + ".localhost:8000", token);
        assertEquals(200, agreeing.status(), agreeing.body());
        assertEquals(A, agreeing.json().getString("tenant"));
    }

    @Test
    void everyAnswerCarriesTheBrowserHeaders() {
        List<ValidatableResponse> answers = List.of(
                ana().get("/api/tenants/" + A + "/products").then().statusCode(200),
                given().get("/api/tenants/" + A + "/products").then().statusCode(401),
                given().get("/health").then().statusCode(200),
                given().get("/docs").then().statusCode(200),
                given().get("/nothing-here").then().statusCode(404),
                given().urlEncodingEnabled(false).get("/api/products/%2e%2e").then().statusCode(400));
        for (ValidatableResponse answer : answers) {
            answer.header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer").header("X-Frame-Options", "DENY");
        }
        // Once each, though the module's own answer may carry them too.
        List<String> sniff = ana().get("/api/tenants/" + A + "/products").then().extract().headers().getValues("X-Content-Type-Options");
        assertEquals(List.of("nosniff"), sniff);
    }

    @Test
    void anUpstreamFailureIsDescribedWithoutItsExceptionText() {
        ana().header("X-Echo-Reset", "yes").get("/api/tenants/" + A + "/products").then()
                .statusCode(502).body("error.code", is("UPSTREAM_FAILED"))
                .body("message", is("The invoicing service failed to answer"));
    }

    @Test
    void onlyRefusalsOfAuthenticatedCallersCountAgainstATenant() {
        String anonymousMark = "anon-" + RUN;
        String authenticatedMark = "auth-" + RUN;
        // Without a token (or with a forged one), naming A in the path and B in the header is noise anyone can make.
        given().header("X-Tenant-ID", B).get("/api/tenants/" + A + "/customers/" + anonymousMark).then()
                .statusCode(400).body("error.code", is("TENANT_MISMATCH"));
        given().header("Authorization", "Bearer forged.token.here").header("X-Tenant-ID", B)
                .get("/api/tenants/" + A + "/customers/" + anonymousMark).then().statusCode(400).body("error.code", is("TENANT_MISMATCH"));
        // Ben, signed in, reaching for A: that is A's concern.
        ben().header("X-Tenant-ID", B).get("/api/tenants/" + A + "/customers/" + authenticatedMark).then()
                .statusCode(400).body("error.code", is("TENANT_MISMATCH"));
        try (TopicReader security = new TopicReader(Topics.SECURITY)) {
            var recorded = security.await(r -> r.value().contains(authenticatedMark) && r.value().contains("\"tenant\":\"" + A + "\""),
                    1, Duration.ofSeconds(30));
            assertTrue(recorded.get(0).value().contains("\"kind\":\"CROSS_TENANT\""), recorded.get(0).value());
            // The anonymous ones were noted before Ben's; had they been sent, they would be on the topic by now.
            assertTrue(security.await(r -> r.value().contains(anonymousMark), 1, Duration.ofSeconds(3)).isEmpty(),
                    "an anonymous refusal reached tenant " + A + "'s security figures");
        }
        String metrics = ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("ipsc_security_anonymous_refusals_total")
                && l.contains("kind=\"CROSS_TENANT\"") && l.contains("service=\"gateway\"") && !l.endsWith(" 0.0")), metrics);
        assertFalse(metrics.lines().anyMatch(l -> l.startsWith("ipsc_security_anonymous_refusals_total") && l.contains("tenant=")));
    }
}
