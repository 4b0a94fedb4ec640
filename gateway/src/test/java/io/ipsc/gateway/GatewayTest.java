package io.ipsc.gateway;

import io.ipsc.testsupport.ManagementInterface;
import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.ipsc.testsupport.TenantEventsPublisher.Snapshot;
import io.ipsc.testsupport.TestTokens;
import io.ipsc.testsupport.TopicReader;
import io.ipsc.tenancy.event.Topics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway against real Kafka (its tenant directory) and upstream servers that echo what they
 * receive: resolution by path, header and subdomain; the door's refusals; forwarding.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
@WithTestResource(value = EchoUpstreams.class, scope = TestResourceScope.GLOBAL)
class GatewayTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String ALPHA = "alpha-" + RUN;
    static final String BETA = "beta-" + RUN;
    static final String DENT = "dent-" + RUN;
    static final String PROV = "prov-" + RUN;
    static final String SUSP = "susp-" + RUN;
    static final String SLOW = "slow-" + RUN;
    static final String NOAPI = "noapi-" + RUN;
    static final String FULL = "full-" + RUN;
    static final long VIC = 30;
    static final long ALICE = 10;
    static final long BOB = 20;

    @BeforeAll
    static void publishTenants() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        try (TenantEventsPublisher events = new TenantEventsPublisher()) {
            events.publish(active(ALPHA, "business").member(ALICE, "admin"));
            events.publish(active(BETA, "business").member(BOB, "admin"));
            events.publish(active(DENT, "dental_clinic").member(ALICE, "staff"));
            events.publish(TenantEventsPublisher.snapshot(PROV, "business").member(ALICE, "admin"));
            events.publish(TenantEventsPublisher.snapshot(SUSP, "business").member(ALICE, "admin").status("suspended", "TENANT_SUSPENDED"));
            events.publish(active(SLOW, "business").member(ALICE, "admin").plan("free"));
            events.publish(active(FULL, "manufacturing").member(BOB, "admin").member(VIC, "viewer")
                    .feature("dental_management", true).feature("advanced_reporting", true));
            events.publish(active(NOAPI, "business").member(ALICE, "admin").feature("api_access", false));
        }
    }

    private static boolean routable;

    @BeforeEach
    void awaitDirectory() {
        if (!routable) {
            // The directory follows the topic: wait until the last tenant published is routable.
            eventually(() -> given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", NOAPI)
                    .get("/api/products").then().statusCode(200));
            routable = true;
        }
    }

    private static Snapshot active(String slug, String type) {
        return TenantEventsPublisher.snapshot(slug, type).status("active", "TENANT_UPDATED");
    }

    static RequestSpecification alice() {
        return given().header("Authorization", "Bearer " + TestTokens.get().member(ALICE, Map.of()));
    }

    @Test
    void pathHeaderAndSubdomainReachTheSameTenantAndPath() {
        alice().get("/api/tenants/" + ALPHA + "/products/7?page=2").then().statusCode(200)
                .body("module", is("invoicing")).body("path", is("/api/products/7")).body("query", is("page=2"))
                .body("tenant", is(ALPHA)).body("authorization", is(true))
                .header("X-RateLimit-Limit", notNullValue());
        alice().header("X-Tenant-ID", ALPHA).get("/api/products/7?page=2").then().statusCode(200)
                .body("module", is("invoicing")).body("path", is("/api/products/7")).body("tenant", is(ALPHA));
        alice().header("Host", ALPHA + ".localhost:8000").get("/api/products/7?page=2").then().statusCode(200)
                .body("module", is("invoicing")).body("path", is("/api/products/7")).body("tenant", is(ALPHA));
    }

    @Test
    void aTokenNotSeenBeforeIsVerifiedAndTheBodyStillForwarded() {
        // A token of its own (a fresh jti), so that the gateway verifies it now instead of answering from memory.
        String fresh = TestTokens.get().adminTokenWith(c -> c.setGeneratedJwtId());
        String body = "{\"sku\":\"FRESH-1\",\"note\":\"" + "x".repeat(20_000) + "\"}";
        given().header("Authorization", "Bearer " + fresh).header("X-Tenant-ID", ALPHA).contentType("application/json")
                .body(body).post("/api/products").then().statusCode(200)
                .body("method", is("POST")).body("body", is(body));
    }

    @Test
    void forwardsBodiesAndRequestIds() {
        alice().header("X-Tenant-ID", ALPHA).header("X-Request-ID", "trace-123").contentType("application/json")
                .body("{\"sku\":\"A-1\",\"price\":\"10.50\"}")
                .post("/api/products").then().statusCode(200)
                .header("X-Request-ID", "trace-123")
                .body("method", is("POST")).body("body", is("{\"sku\":\"A-1\",\"price\":\"10.50\"}"))
                .body("request_id", is("trace-123")).body("forwarded_for", notNullValue());
        String generated = alice().header("X-Tenant-ID", ALPHA).get("/api/customers").then().statusCode(200)
                .extract().header("X-Request-ID");
        assertTrue(generated != null && !generated.isBlank());
    }

    @Test
    void connectionHeadersStayOnTheirHopAndABodilessRequestIsSentWhole() {
        alice().header("X-Tenant-ID", ALPHA).header("Keep-Alive", "timeout=5").header("TE", "trailers")
                .header("Proxy-Authorization", "Basic c2VjcmV0").header("X-Forwarded-Host", "forged.example")
                .header("X-Custom-Trace", "kept")
                .get("/api/products").then().statusCode(200)
                .body("header_names", hasItem("x-custom-trace"))
                .body("header_names", not(hasItem("keep-alive")))
                .body("header_names", not(hasItem("te")))
                .body("header_names", not(hasItem("proxy-authorization")))
                .body("forwarded_host", not(is("forged.example")))
                // A GET has no body: sent whole, not as an empty chunked one.
                .body("transfer_encoding", nullValue());
        // A body sent chunked still streams through.
        alice().header("X-Tenant-ID", ALPHA).contentType("application/json")
                .body(new java.io.ByteArrayInputStream("{\"sku\":\"CHUNKED-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .post("/api/products").then().statusCode(200).body("body", is("{\"sku\":\"CHUNKED-1\"}"));
    }

    @Test
    void anHttp2BodyWithoutContentLengthStreamsThrough() throws Exception {
        // HTTP/2 frames a body without Content-Length or Transfer-Encoding: the forwarder must not take it for bodiless.
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.core.http.HttpClient h2 = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                    .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
            io.vertx.core.json.JsonObject answer = h2.request(new io.vertx.core.http.RequestOptions().setMethod(io.vertx.core.http.HttpMethod.POST)
                            .setAbsoluteURI(RestAssured.baseURI + ":" + RestAssured.port + "/api/products")
                            .putHeader("Authorization", "Bearer " + TestTokens.get().member(ALICE, Map.of()))
                            .putHeader("X-Tenant-ID", ALPHA).putHeader("Content-Type", "application/json"))
                    .compose(request -> request.setChunked(true).send(io.vertx.core.buffer.Buffer.buffer("{\"sku\":\"H2-1\"}"))
                            .compose(response -> {
                                assertTrue(response.version() == io.vertx.core.http.HttpVersion.HTTP_2, "spoken: " + response.version());
                                return response.body();
                            }))
                    .map(io.vertx.core.buffer.Buffer::toJsonObject)
                    .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            org.junit.jupiter.api.Assertions.assertEquals("{\"sku\":\"H2-1\"}", answer.getString("body"), answer.encode());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void sourcesThatDisagreeAreRefused() {
        alice().header("X-Tenant-ID", BETA).get("/api/tenants/" + ALPHA + "/products").then()
                .statusCode(400).body("error.code", is("TENANT_MISMATCH")).body("success", is(false));
        alice().header("X-Tenant-ID", ALPHA).header("Host", BETA + ".localhost").get("/api/products").then()
                .statusCode(400).body("error.code", is("TENANT_MISMATCH"));
        // A second X-Tenant-ID cannot smuggle in another tenant; the same one twice is harmless.
        alice().header("X-Tenant-ID", ALPHA).header("X-Tenant-ID", BETA).get("/api/products").then()
                .statusCode(400).body("error.code", is("TENANT_MISMATCH"));
        alice().header("X-Tenant-ID", ALPHA).header("X-Tenant-ID", ALPHA).get("/api/products").then().statusCode(200);
    }

    @Test
    void unknownMissingSuspendedAndProvisioningTenants() {
        alice().header("X-Tenant-ID", "no-such-" + RUN).get("/api/products").then().statusCode(404).body("error.code", is("TENANT_NOT_FOUND"));
        alice().get("/api/products").then().statusCode(400).body("error.code", is("TENANT_REQUIRED"));
        alice().header("X-Tenant-ID", SUSP).get("/api/products").then().statusCode(403).body("error.code", is("TENANT_SUSPENDED"));
        alice().header("X-Tenant-ID", PROV).get("/api/products").then().statusCode(503)
                .body("error.code", is("TENANT_PROVISIONING")).header("Retry-After", notNullValue());
        alice().get("/api/nothing-here").then().statusCode(404).body("error.code", is("NOT_FOUND"));
    }

    @Test
    void tokensAreRequiredAndChecked() {
        given().header("X-Tenant-ID", ALPHA).get("/api/products").then().statusCode(401).body("error.code", is("UNAUTHORIZED"));
        given().header("Authorization", "Bearer forged.token.here").header("X-Tenant-ID", ALPHA).get("/api/products").then().statusCode(401)
                .body("success", is(false)).body("error.code", is("UNAUTHORIZED")).body("message", is("The access token is not valid"));
        given().header("Authorization", "Bearer " + TestTokens.get().adminTokenWith(c -> c.setExpirationTime(
                        org.jose4j.jwt.NumericDate.fromSeconds(org.jose4j.jwt.NumericDate.now().getValue() - 120))))
                .header("X-Tenant-ID", ALPHA).get("/api/products").then().statusCode(401)
                .body("error.code", is("UNAUTHORIZED")).body("message", is("The access token has expired; sign in again or refresh it"));
        given().header("Authorization", "Bearer " + TestTokens.get().adminTokenWith(c -> c.setIssuer("someone-else")))
                .header("X-Tenant-ID", ALPHA).get("/api/products").then().statusCode(401).body("message", is("The access token is not valid"));
        given().get("/api/tenants").then().statusCode(401);
        // Sign-in and keys are public, and go to tenant-service untouched.
        given().contentType("application/json").body("{\"email\":\"a@b.c\",\"password\":\"x\"}").post("/api/auth/login").then()
                .statusCode(200).body("module", is("tenant-service")).body("path", is("/api/auth/login"));
        given().get("/.well-known/jwks.json").then().statusCode(200).body("module", is("tenant-service"));
    }

    @Test
    void anotherTenantsMemberIsRefusedByEveryRouteOfEveryModule() {
        // FULL has every module switched on; Alice belongs to other tenants, and her token even claims FULL.
        String token = TestTokens.get().member(ALICE, Map.of(FULL, "admin"));
        for (String family : List.of("products", "invoices", "customers", "stock", "reports", "patients", "appointments",
                "treatments", "boms", "production-orders", "work-centers", "branding")) {
            given().header("Authorization", "Bearer " + token).get("/api/tenants/" + FULL + "/" + family).then()
                    .statusCode(403).body("error.code", is("NOT_A_MEMBER"));
            given().header("Authorization", "Bearer " + token).header("X-Tenant-ID", FULL).get("/api/" + family).then().statusCode(403);
            given().header("Authorization", "Bearer " + token).header("Host", FULL + ".localhost").get("/api/" + family).then().statusCode(403);
        }
        // Bob's own tenant works in every module; a platform admin passes everywhere.
        RequestSpecification bob = given().header("Authorization", "Bearer " + TestTokens.get().member(BOB, Map.of()));
        bob.header("X-Tenant-ID", FULL).get("/api/patients").then().statusCode(200).body("tenant", is(FULL)).body("module", is("dental"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(BOB, Map.of())).get("/api/tenants/" + FULL + "/boms")
                .then().statusCode(200).body("module", is("manufacturing"));
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", ALPHA)
                .get("/api/products").then().statusCode(200).body("tenant", is(ALPHA));
    }

    @Test
    void theAuditTrailReachesTheModuleItsEntityNamesAndAnUnroutableOneIsA400() {
        RequestSpecification bob = given().header("Authorization", "Bearer " + TestTokens.get().member(BOB, Map.of()));
        bob.get("/api/tenants/" + FULL + "/audit?entity=patient&id=4").then().statusCode(200)
                .body("module", is("dental")).body("path", is("/api/audit")).body("query", is("entity=patient&id=4")).body("tenant", is(FULL));
        given().header("Authorization", "Bearer " + TestTokens.get().member(BOB, Map.of())).header("X-Tenant-ID", FULL)
                .get("/api/audit/export?service=manufacturing&from=2026-04-01&to=2026-04-30").then().statusCode(200)
                .body("module", is("manufacturing")).body("path", is("/api/audit/export"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(BOB, Map.of())).get("/api/tenants/" + FULL + "/audit")
                .then().statusCode(400).body("success", is(false)).body("data", nullValue())
                .body("error.code", is("AUDIT_SERVICE_REQUIRED")).body("message", containsString("invoicing"));
        // Another tenant's member is refused as on every other route.
        alice().get("/api/tenants/" + FULL + "/audit?entity=invoice").then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
    }

    @Test
    void thePlatformTrailGoesToTenantServiceWithNoTenantNeeded() {
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).get("/api/audit?service=tenants&entity=tenants")
                .then().statusCode(200).body("module", is("tenant-service")).body("path", is("/api/audit"))
                .body("query", is("service=tenants&entity=tenants"));
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin())
                .get("/api/audit/export?service=tenants&from=2026-04-01&to=2026-04-30").then().statusCode(200)
                .body("module", is("tenant-service")).body("path", is("/api/audit/export"));
    }

    @Test
    void viewersReadAndDoNotChange() {
        RequestSpecification vic = given().header("Authorization", "Bearer " + TestTokens.get().member(VIC, Map.of()))
                .header("X-Tenant-ID", FULL);
        vic.get("/api/products").then().statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.get().member(VIC, Map.of())).header("X-Tenant-ID", FULL)
                .contentType("application/json").body("{}").post("/api/products").then()
                .statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        // An invoice preview computes and stores nothing: a viewer may ask for it, as for a read.
        given().header("Authorization", "Bearer " + TestTokens.get().member(VIC, Map.of())).header("X-Tenant-ID", FULL)
                .contentType("application/json").body("{}").post("/api/invoices/preview").then()
                .statusCode(200).body("path", is("/api/invoices/preview"));
        given().header("Authorization", "Bearer " + TestTokens.get().member(VIC, Map.of())).header("X-Tenant-ID", FULL)
                .contentType("application/json").body("{}").post("/api/invoices").then()
                .statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
    }

    @Test
    void requestsAreCountedPerTenantModuleAndStatus() {
        alice().header("X-Tenant-ID", ALPHA).get("/api/products").then().statusCode(200);
        alice().header("X-Tenant-ID", "made-up-tenant").get("/api/products").then().statusCode(404);
        String metrics = ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("ipsc_gateway_requests_total") && l.contains("tenant=\"" + ALPHA + "\"")
                && l.contains("module=\"invoicing\"") && l.contains("status=\"2xx\"")), "per-tenant counter on /q/metrics");
        // A slug nobody created gets no series of its own: it counts as 'none'.
        assertFalse(metrics.contains("tenant=\"made-up-tenant\""), "no series for a made-up tenant");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("ipsc_gateway_requests_total") && l.contains("tenant=\"none\"")
                && l.contains("status=\"4xx\"")), "the refusal counted under none");
    }

    @Test
    void requestsAreTimedByRouteNotByRawPath() {
        alice().header("X-Tenant-ID", ALPHA).get("/api/products/41").then().statusCode(200);
        alice().get("/api/tenants/" + ALPHA + "/products/42").then().statusCode(200);
        given().get("/api/nothing-here").then().statusCode(404);
        String metrics = ManagementInterface.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("uri=\"/api/products\"")
                && l.contains("method=\"GET\"") && l.contains("status=\"200\"") && l.contains("outcome=\"SUCCESS\"")), "the products route timed");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("http_server_requests_seconds_count") && l.contains("status=\"404\"")
                && l.contains("outcome=\"CLIENT_ERROR\"")), "a refusal timed");
        assertFalse(metrics.contains("/api/products/41") || metrics.contains("/products/42"), "no series per raw path");
    }

    @Test
    void tenantServiceRoutesKeepTheirPathAndGetTheCanonicalTenant() {
        alice().get("/api/tenants/" + ALPHA + "/users").then().statusCode(200)
                .body("module", is("tenant-service")).body("path", is("/api/tenants/" + ALPHA + "/users")).body("tenant", is(ALPHA));
        alice().get("/api/tenants/" + ALPHA).then().statusCode(200).body("module", is("tenant-service")).body("tenant", is(ALPHA));
        alice().contentType("application/json").body("{}").post("/api/tenants").then().statusCode(200)
                .body("module", is("tenant-service")).body("tenant", nullValue());
        // A move and its history: tenant-service's, which lets only platform admins through (TenantMoveTest).
        alice().contentType("application/json").body("{\"to_cluster\": \"second\"}").post("/api/tenants/" + ALPHA + "/move").then()
                .statusCode(200).body("module", is("tenant-service")).body("path", is("/api/tenants/" + ALPHA + "/move"))
                .body("tenant", is(ALPHA)).body("body", containsString("second"));
        alice().get("/api/tenants/" + ALPHA + "/moves").then().statusCode(200)
                .body("module", is("tenant-service")).body("path", is("/api/tenants/" + ALPHA + "/moves"));
    }

    @Test
    void aServiceAnswerThatTheTenantIsMovingReachesTheCallerWithItsRetryAfter() {
        // While a tenant's databases switch cluster past the pause's bound, its service answers 503 TENANT_MOVING.
        alice().header("X-Tenant-ID", ALPHA).header("X-Echo-Status", "503").header("X-Echo-Retry-After", "1")
                .post("/api/invoices").then().statusCode(503)
                .header("Retry-After", is("1")).body("module", is("invoicing"));
    }

    @Test
    void featuresGateModules() {
        alice().header("X-Tenant-ID", ALPHA).get("/api/patients").then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        alice().header("X-Tenant-ID", ALPHA).get("/api/boms").then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        alice().header("X-Tenant-ID", ALPHA).get("/api/reports/gst").then().statusCode(403).body("message", containsString("advanced_reporting"));
        alice().header("X-Tenant-ID", DENT).get("/api/patients").then().statusCode(200).body("module", is("dental"));
        alice().get("/api/tenants/" + DENT + "/appointments").then().statusCode(200).body("module", is("dental")).body("path", is("/api/appointments"));
        // api_access off: an Origin header proves nothing (anyone can send one); only platform admins pass.
        alice().header("X-Tenant-ID", NOAPI).get("/api/products").then().statusCode(403)
                .body("error.code", is("FEATURE_DISABLED")).body("message", containsString("api_access"));
        alice().header("X-Tenant-ID", NOAPI).header("Origin", "http://" + NOAPI + ".localhost:5173").get("/api/products").then()
                .statusCode(403).body("error.code", is("FEATURE_DISABLED"));
        given().header("Authorization", "Bearer " + TestTokens.get().platformAdmin()).header("X-Tenant-ID", NOAPI)
                .get("/api/products").then().statusCode(200);
    }

    @Test
    void aTenantOverItsRateIsSlowedAndOthersAreNot() {
        List<Integer> statuses = new ArrayList<>();
        io.restassured.response.Response slowed = null;
        // Judged on the refusal itself: on a busy machine a request sent after the loop may find a refilled token.
        for (int i = 0; i < 30 && slowed == null; i++) {
            io.restassured.response.Response answer = alice().header("X-Tenant-ID", SLOW).get("/api/products");
            statuses.add(answer.statusCode());
            slowed = answer.statusCode() == 429 ? answer : null;
        }
        assertTrue(slowed != null, "the free plan's bucket (2/s in tests) runs out: " + statuses);
        slowed.then().body("error.code", is("RATE_LIMITED")).header("Retry-After", notNullValue()).header("X-RateLimit-Limit", is("2"));
        alice().header("X-Tenant-ID", ALPHA).get("/api/products").then().statusCode(200);
    }

    @Test
    void performanceFiguresComeFromTheTrafficAndOnlyAdminsReadThem() {
        for (int i = 0; i < 5; i++) {
            alice().header("X-Tenant-ID", ALPHA).get("/api/products").then().statusCode(200);
        }
        alice().header("X-Tenant-ID", ALPHA).header("X-Echo-Status", "500").get("/api/invoices").then().statusCode(500);
        // A service's bare refusal (no body, as its HTTP layer writes it) still reaches the caller in the envelope.
        alice().header("X-Tenant-ID", ALPHA).header("X-Echo-Status", "413").header("X-Echo-Empty", "yes").post("/api/invoices").then()
                .statusCode(413).body("success", is(false)).body("error.code", is("PAYLOAD_TOO_LARGE"));
        alice().get("/api/tenants/" + ALPHA + "/performance").then().statusCode(200)
                .body("success", is(true)).body("data.measured_by", is("gateway"))
                .body("data.windows.last_5_minutes.modules.invoicing.requests", greaterThanOrEqualTo(6))
                .body("data.windows.last_5_minutes.modules.invoicing.server_errors", greaterThanOrEqualTo(1))
                .body("data.windows.last_5_minutes.modules.invoicing.p99_ms", greaterThan(0f))
                .body("data.windows.last_60_minutes.total.requests", greaterThanOrEqualTo(6));
        // Bob is BETA's admin, not ALPHA's; Alice is only staff in DENT.
        given().header("Authorization", "Bearer " + TestTokens.get().member(BOB, Map.of())).get("/api/tenants/" + ALPHA + "/performance")
                .then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        alice().get("/api/tenants/" + DENT + "/performance").then().statusCode(403).body("error.code", is("INSUFFICIENT_ROLE"));
        given().get("/api/tenants/" + ALPHA + "/performance").then().statusCode(401);
        alice().get("/api/tenants/no-such-" + RUN + "/performance").then().statusCode(404);
    }

    @Test
    void refusedCrossTenantAttemptsAreReportedForTheSecurityView() {
        String forger = "forger-" + RUN + "@example.com";
        String token = TestTokens.get().token(BOB, forger, false, Map.of(ALPHA, "admin"));
        given().header("Authorization", "Bearer " + token).header("X-Tenant-ID", ALPHA).get("/api/customers").then().statusCode(403);
        given().header("Authorization", "Bearer " + token).header("X-Tenant-ID", ALPHA).get("/api/customers").then().statusCode(403);
        try (TopicReader security = new TopicReader(Topics.SECURITY)) {
            var records = security.await(r -> r.value().contains(forger), 1, Duration.ofSeconds(30));
            String event = records.get(0).value();
            assertTrue(event.contains("\"tenant\":\"" + ALPHA + "\""), event);
            assertTrue(event.contains("\"kind\":\"CROSS_TENANT\""), event);
            assertTrue(event.contains("GET /api/customers"), event);
            assertTrue(event.contains("\"service\":\"gateway\""), event);
        }
    }

    @Test
    void aStoppedUpstreamGives502InTheEnvelope() {
        alice().get("/api/tenants/" + ALPHA + "/branding").then().statusCode(502)
                .body("success", is(false)).body("error.code", is("UPSTREAM_UNAVAILABLE"));
    }

    @Test
    void aSilentUpstreamGives504InTheEnvelope() {
        alice().header("X-Tenant-ID", ALPHA).header("X-Echo-Delay-Ms", "4000").get("/api/products").then()
                .statusCode(504).body("success", is(false)).body("error.code", is("UPSTREAM_TIMEOUT"));
    }

    @Test
    void healthAsTheSeedShowsIt() {
        for (String path : List.of("/health", "/api/health")) {
            given().get(path).then().statusCode(200)
                    .body("success", is(true)).body("data.status", is("healthy")).body("data.multi_tenant_enabled", is(true));
        }
        given().get("/api/health/detailed").then().statusCode(401);
        alice().get("/api/system/status").then().statusCode(403);
        String admin = TestTokens.get().platformAdmin();
        given().header("Authorization", "Bearer " + admin).get("/api/health/detailed").then().statusCode(200)
                .body("data.services.invoicing.status", is("up"))
                .body("data.services.branding.status", is("unreachable"))
                .body("data.status", is("degraded"));
        given().header("Authorization", "Bearer " + admin).get("/api/system/status").then().statusCode(200)
                .body("data.tenants_by_status.active", greaterThanOrEqualTo(5))
                .body("data.max_tenants_per_instance", is(100));
        ManagementInterface.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'tenant-directory' }.status", is("UP"))
                .body("checks.find { it.name == 'tenant-directory' }.data.tenants", greaterThanOrEqualTo(8))
                .body("checks.find { it.name == 'token-keys' }.status", is("UP"));
        given().get("/health").then().body("data.tenant_directory_ready", is(true)).body("data.token_keys_ready", is(true));
    }

    @Test
    void aBodilessRequestTakenStraightToTheProxyLeavesTheOtherRoutesAndLayersTheirs() {
        // GatewayRoutes.forwardsDirectly: a GET without a body or Origin skips the router's layers; these prove
        // it takes nothing that a route ahead of the proxy's or one of those layers would have answered.
        given().get("/api/health/").then().statusCode(200).body("data.status", is("healthy"));
        given().get("/api/health/detailed/").then().statusCode(401);
        String origin = "http://" + ALPHA + ".localhost:5173";
        alice().header("X-Tenant-ID", ALPHA).header("Origin", origin).get("/api/products").then().statusCode(200)
                .header("Access-Control-Allow-Origin", is(origin)).header("X-Content-Type-Options", is("nosniff"));
        alice().header("X-Tenant-ID", ALPHA).get("/api/products").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue()).header("X-Content-Type-Options", is("nosniff"))
                .header("X-Frame-Options", is("DENY")).header("Referrer-Policy", is("no-referrer"))
                .header("X-RateLimit-Limit", notNullValue()).header("X-Request-ID", notNullValue());
    }

    @Test
    void corsAllowsTheWebApp() {
        given().header("Origin", "http://" + ALPHA + ".localhost:5173").header("Access-Control-Request-Method", "GET")
                .options("/api/products").then()
                .header("Access-Control-Allow-Origin", is("http://" + ALPHA + ".localhost:5173"));
    }

    static void eventually(Runnable check) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(check::run);
    }
}
