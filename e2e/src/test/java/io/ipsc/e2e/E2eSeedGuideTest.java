package io.ipsc.e2e;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed user guide, walked through the gateway of a suite started as {@code ./ipsc up} starts it,
 * with a platform admin's token added to each call (the guide leaves it out). The steps build on each
 * other, in the guide's order: the three tenants first, the deletion last.
 */
@ExtendWith(SuiteExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class E2eSeedGuideTest {

    private static final String SMILE = "smile-dental";
    private static final String PRECISION = "precision-mfg";
    private static final String ABC = "abc-trading";
    private static final List<String> SEED_TENANTS = List.of(SMILE, PRECISION, ABC);
    private static final String MEMBER_EMAIL = "amit.patel@abctrading.com";
    private static final String MEMBER_PASSWORD = "abc-trading-staff-1";

    private static LocalSuite suite;
    private static String admin;

    @BeforeAll
    static void startSuite(LocalSuite started) {
        suite = started;
        admin = suite.adminToken();
    }

    private static RequestSpecification gateway() {
        return Api.as(admin, suite.gatewayUrl());
    }

    @Test
    @Order(1)
    void healthSaysMultiTenancyIsOnWithoutAToken() {
        for (String path : List.of("/health", "/api/health")) {
            Api.anonymous(suite.gatewayUrl()).get(path).then().statusCode(200)
                    .body("success", is(true))
                    .body("data.multi_tenant_enabled", is(true))
                    .body("data.status", is("healthy"))
                    .body("timestamp", notNullValue());
        }
    }

    @Test
    @Order(2)
    void theThreeSeedTenantsAreCreatedAsWrittenAndBecomeActive() {
        gateway().body(SeedGuide.SMILE_DENTAL).post("/api/tenants").then().statusCode(201)
                .body("success", is(true)).body("data.slug", is(SMILE)).body("data.status", is("provisioning"))
                // The seed's GSTIN has a wrong check character: accepted, with a warning (design §4).
                .body("warnings", hasItem(containsString("check character")));
        gateway().body(SeedGuide.PRECISION_MFG).post("/api/tenants").then().statusCode(201).body("data.slug", is(PRECISION));
        gateway().body(SeedGuide.ABC_TRADING).post("/api/tenants").then().statusCode(201).body("data.slug", is(ABC));
        gateway().body(SeedGuide.ABC_TRADING).post("/api/tenants").then().statusCode(409);

        Tenants tenants = new Tenants(suite, admin);
        tenants.awaitActive(SEED_TENANTS);

        gateway().get("/api/tenants?size=100").then().statusCode(200)
                .body("data.items.slug", hasItems(SMILE, PRECISION, ABC));
        // Each tenant was provisioned by exactly the services its organisation type needs.
        gateway().get("/api/tenants/" + SMILE).then().statusCode(200)
                .body("data.provisioning.keySet()", containsInAnyOrder("invoicing", "branding", "dental"))
                .body("data.provisioning.values().status", everyItem(is("provisioned")));
        gateway().get("/api/tenants/" + PRECISION).then().statusCode(200)
                .body("data.provisioning.keySet()", containsInAnyOrder("invoicing", "branding", "manufacturing"));
        gateway().get("/api/tenants/" + ABC).then().statusCode(200)
                .body("data.provisioning.keySet()", containsInAnyOrder("invoicing", "branding"));
        gateway().get("/api/tenants/" + SMILE + "/config").then().statusCode(200)
                .body("data.databases.dental", is("tenant_smile_dental_dental"))
                .body("data.databases.invoicing", is("tenant_smile_dental_invoicing"));
        List<String> databases = Sql.databases(suite);
        for (String db : List.of("tenant_smile_dental_dental", "tenant_precision_mfg_manufacturing", "tenant_abc_trading_invoicing",
                "tenant_abc_trading_branding")) {
            assertTrue(databases.contains(db), db + " exists in " + databases);
        }
    }

    @Test
    @Order(3)
    void tenantManagementUpdatesFeaturesAndSubscription() {
        gateway().body(SeedGuide.UPDATE_TENANT).put("/api/tenants/" + SMILE).then().statusCode(200)
                .body("data.contact_person", is("Dr. Sarah Johnson (Updated)"))
                .body("data.subscription.plan", is("premium"));
        gateway().get("/api/tenants/" + SMILE).then().body("data.contact_person", is("Dr. Sarah Johnson (Updated)"));

        gateway().body(SeedGuide.FEATURES).put("/api/tenants/" + SMILE + "/features").then().statusCode(200)
                .body("data.dental_management", is(true)).body("data.advanced_reporting", is(false));
        gateway().body(SeedGuide.SUBSCRIPTION).put("/api/tenants/" + SMILE + "/subscription").then().statusCode(200)
                .body("data.plan", is("premium")).body("data.max_transactions_per_month", is(10000));
        gateway().get("/api/tenants/" + SMILE + "/config").then().statusCode(200)
                .body("data.subscription.max_products", is(1000))
                .body("data.features.advanced_reporting", is(false));
        // advanced_reporting is off: the reports it gates are refused at the door.
        gateway().get("/api/tenants/" + SMILE + "/reports/gstr1?month=2024-06").then().statusCode(403)
                .body("error.code", is("FEATURE_DISABLED"));
    }

    @Test
    @Order(4)
    void dentalExamplesWorkOnTheClinic() {
        String base = "/api/tenants/" + SMILE;
        gateway().body(SeedGuide.PATIENT).post(base + "/patients").then().statusCode(201)
                .body("data.id", is(1)).body("data.first_name", is("John"));
        gateway().get(base + "/patients").then().statusCode(200)
                .body("data.items.email", hasItem("john.doe@email.com"));
        gateway().body(SeedGuide.APPOINTMENT).post(base + "/appointments").then().statusCode(201)
                .body("data.patient_id", is(1)).body("data.treatment_type", is("Regular Checkup"));
        gateway().get(base + "/appointments").then().statusCode(200)
                .body("data.items.notes", hasItem("Annual dental checkup"));
        gateway().body(SeedGuide.TREATMENT).post(base + "/treatments").then().statusCode(201)
                .body("data.treatment_type", is("Root Canal")).body("data.cost", equalTo(5000.0f));
        // A manufacturer has no dental module.
        gateway().get("/api/tenants/" + PRECISION + "/patients").then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
    }

    @Test
    @Order(5)
    void manufacturingExamplesWorkOnTheManufacturer() {
        String base = "/api/tenants/" + PRECISION;
        gateway().body(SeedGuide.BOM).post(base + "/boms").then().statusCode(201)
                .body("data.id", is(1)).body("data.bom_id", is("BOM-001")).body("data.components", empty());
        gateway().get(base + "/boms").then().statusCode(200).body("data.items.bom_id", hasItem("BOM-001"));
        gateway().body(SeedGuide.PRODUCTION_ORDER).post(base + "/production-orders").then().statusCode(201)
                .body("data.order_number", is("PO-001")).body("data.status", is("planned"));
        gateway().get(base + "/production-orders").then().statusCode(200).body("data.items.order_number", hasItem("PO-001"));
        gateway().body(SeedGuide.WORK_CENTER).post(base + "/work-centers").then().statusCode(201)
                .body("data.name", is("Assembly Line 1"));
        gateway().get("/api/tenants/" + SMILE + "/boms").then().statusCode(403).body("error.code", is("FEATURE_DISABLED"));
    }

    @Test
    @Order(6)
    void invoicingWorksOnEveryTenant() {
        for (String slug : SEED_TENANTS) {
            String base = "/api/tenants/" + slug;
            int product = gateway().body(Map.of("sku", sku(slug), "name", "Item of " + slug, "hsn_sac", "8471",
                            "price", "250.00", "gst_rate", 18, "stock_quantity", 100))
                    .post(base + "/products").then().statusCode(201).extract().path("data.id");
            int customer = gateway().body(Map.of("name", "Customer of " + slug, "state", "Maharashtra"))
                    .post(base + "/customers").then().statusCode(201).extract().path("data.id");
            int invoice = gateway().body(Map.of("customer_id", customer, "invoice_date", "2024-06-01",
                            "lines", List.of(Map.of("product_id", product, "quantity", 2))))
                    .post(base + "/invoices").then().statusCode(201)
                    .body("data.status", is("draft")).body("data.taxable_amount", equalTo(500.0f))
                    .body("data.total", equalTo(590.0f))
                    .extract().path("data.id");
            gateway().post(base + "/invoices/" + invoice + "/issue").then().statusCode(200)
                    .body("data.status", is("issued")).body("data.number", is("INV/2425/00001"));
            gateway().get(base + "/invoices").then().statusCode(200).body("data.items", hasSize(1));
            gateway().get(base + "/customers").then().statusCode(200).body("data.items", hasSize(1));
        }

        // A vendor's bill, a customer's payment and the cash flow, on the trading company.
        String abc = "/api/tenants/" + ABC;
        int vendor = gateway().body(Map.of("name", "Gujarat Steel", "gstin", "24AABAT9876C3Z1")).post(abc + "/vendors")
                .then().statusCode(201).extract().path("data.id");
        gateway().body(Map.of("vendor_id", vendor, "bill_number", "GS/1", "bill_date", "2024-06-01",
                        "lines", List.of(Map.of("product_id", 1, "quantity", 10, "unit_price", "200.00", "gst_rate", 18))))
                .post(abc + "/purchases").then().statusCode(201).body("data.total", equalTo(2360.0f));
        gateway().body(Map.of("amount", "100.00", "mode", "upi")).post(abc + "/invoices/1/payments").then().statusCode(201)
                .body("data.status", is("partially_paid")).body("data.amount_paid", equalTo(100.0f));
        gateway().get(abc + "/cashflow").then().statusCode(200)
                .body("data.money_in", equalTo(100.0f))
                .body("data.payables.total", equalTo(2360.0f))
                .body("data.receivables.total", equalTo(490.0f));
        // Stock: 100 at creation, 2 sold, 10 bought.
        gateway().get(abc + "/products/1").then().body("data.stock_quantity", equalTo(108.0f));

        // 11 MB sent chunked (no Content-Length to refuse early): the service's HTTP layer stops it,
        // and the caller still gets the envelope; nothing is written.
        HttpResponse<String> oversized = chunkedPost(abc + "/products", 11 * 1024 * 1024);
        assertEquals(413, oversized.statusCode(), oversized.body());
        assertTrue(oversized.body().contains("\"PAYLOAD_TOO_LARGE\""), oversized.body());
        gateway().get(abc + "/products").then().body("data.total_items", is(1));
    }

    /** A POST through the gateway whose body of {@code bytes} is streamed with chunked transfer encoding. */
    private static HttpResponse<String> chunkedPost(String path, int bytes) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> jsonOfSize(bytes)))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the gateway dropped the connection instead of answering: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(7)
    void eachTenantSeesOnlyItsOwnDataByPathHeaderAndSubdomain() {
        for (String slug : SEED_TENANTS) {
            List<String> byPath = gateway().get("/api/tenants/" + slug + "/products").then().statusCode(200)
                    .extract().path("data.items.sku");
            List<String> byHeader = gateway().header("X-Tenant-ID", slug).get("/api/products").then().statusCode(200)
                    .extract().path("data.items.sku");
            List<String> bySubdomain = gateway().header("Host", slug + ".localhost:" + suite.gatewayPort())
                    .get("/api/products").then().statusCode(200).extract().path("data.items.sku");
            assertEquals(List.of(sku(slug)), byPath, slug + " by path");
            assertEquals(byPath, byHeader, slug + " by header");
            assertEquals(byPath, bySubdomain, slug + " by subdomain");
        }
        // Behind the gateway, each service answers from the tenant's own database (an operator's check).
        for (String slug : SEED_TENANTS) {
            Api.as(admin, suite.url(LocalSuite.INVOICING)).header("X-Tenant-ID", slug).get("/api/tenant-database")
                    .then().statusCode(200)
                    .body(containsString("tenant_" + slug.replace('-', '_') + "_invoicing"));
        }
        // Two sources naming different tenants are refused, not resolved to either.
        gateway().header("X-Tenant-ID", SMILE).get("/api/tenants/" + ABC + "/products").then().statusCode(400)
                .body("error.code", is("TENANT_MISMATCH"));
        Api.anonymous(suite.gatewayUrl()).get("/api/tenants/" + ABC + "/products").then().statusCode(401)
                .body("success", is(false));
    }

    @Test
    @Order(8)
    void anotherTenantsMemberAndAForgedTenantHeaderAreRefused() {
        int userId = gateway().body(Map.of("email", MEMBER_EMAIL, "password", MEMBER_PASSWORD, "full_name", "Amit Patel"))
                .post("/api/users").then().statusCode(201).extract().path("data.id");
        gateway().body(Map.of("user_id", userId, "role", "staff")).post("/api/tenants/" + ABC + "/users").then().statusCode(201);
        String member = suite.signIn(MEMBER_EMAIL, MEMBER_PASSWORD);
        RequestSpecification asMember = Api.as(member, suite.gatewayUrl());

        // Its own tenant, all three ways.
        asMember.get("/api/tenants/" + ABC + "/products").then().statusCode(200).body("data.items.sku", hasItem(sku(ABC)));
        Api.as(member, suite.gatewayUrl()).header("X-Tenant-ID", ABC).get("/api/products").then().statusCode(200);
        Api.as(member, suite.gatewayUrl()).header("Host", ABC + ".localhost:" + suite.gatewayPort()).get("/api/products")
                .then().statusCode(200);

        // Another tenant, all three ways: refused, and nothing of its data in the answer.
        Api.as(member, suite.gatewayUrl()).get("/api/tenants/" + SMILE + "/products").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER")).body(not(containsString(sku(SMILE))));
        Api.as(member, suite.gatewayUrl()).header("X-Tenant-ID", SMILE).get("/api/products").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER"));
        Api.as(member, suite.gatewayUrl()).header("Host", SMILE + ".localhost:" + suite.gatewayPort()).get("/api/products")
                .then().statusCode(403).body("error.code", is("NOT_A_MEMBER"));
        Api.as(member, suite.gatewayUrl()).get("/api/tenants/" + SMILE).then().statusCode(403);

        // Forging X-Tenant-ID straight at the services, past the gateway: each service checks on its own.
        for (String service : List.of(LocalSuite.INVOICING, LocalSuite.BRANDING)) {
            Api.as(member, suite.url(service)).header("X-Tenant-ID", SMILE).get(service.equals(LocalSuite.INVOICING)
                            ? "/api/products" : "/api/branding")
                    .then().statusCode(403).body("success", is(false));
        }
        Api.as(member, suite.url(LocalSuite.DENTAL)).header("X-Tenant-ID", SMILE).get("/api/patients")
                .then().statusCode(403).body(not(containsString("john.doe")));
        Api.as(member, suite.url(LocalSuite.INVOICING)).header("X-Tenant-ID", ABC).get("/api/products")
                .then().statusCode(200).body("data.items.sku", hasItem(sku(ABC)));
    }

    @Test
    @Order(9)
    void brandingIsPerTenant() {
        gateway().get("/api/tenants/" + SMILE + "/branding").then().statusCode(200)
                .body("data.company_name", is("Smile Dental Clinic")).body("data.source", is("default"));
        gateway().body(SeedGuide.BRANDING).put("/api/tenants/" + SMILE + "/branding").then().statusCode(200)
                .body("data.primary_color", is("#2E86AB")).body("data.source", is("custom"));
        gateway().get("/api/tenants/" + SMILE + "/branding").then().statusCode(200)
                .body("data.primary_color", is("#2E86AB")).body("data.logo_url", is("https://example.com/logo.png"));
        gateway().get("/api/tenants/" + ABC + "/branding").then().statusCode(200)
                .body("data.primary_color", not("#2E86AB")).body("data.company_name", is("ABC Trading Company"));
        gateway().get("/api/branding/templates").then().statusCode(200)
                .body("data.organization_type", hasItem("dental_clinic"));
        gateway().get("/api/branding/status").then().statusCode(200).body("success", is(true))
                .body("data.custom", is(1));
    }

    @Test
    @Order(10)
    void usersOfATenantAreAddedChangedAndRemoved() {
        String users = "/api/tenants/" + SMILE + "/users";
        gateway().body(SeedGuide.ADD_USER).post(users).then().statusCode(201)
                .body("data.user_id", is(1)).body("data.role", is("admin"));
        gateway().get(users).then().statusCode(200).body("data.items.user_id", hasItem(1));
        gateway().body(SeedGuide.UPDATE_USER_ROLE).put(users + "/1").then().statusCode(200).body("data.role", is("manager"));
        gateway().get(users).then().body("data.items.find { it.user_id == 1 }.role", is("manager"));
        gateway().delete(users + "/1").then().statusCode(200).body("success", is(true));
        gateway().get(users).then().statusCode(200).body("data.items.user_id", not(hasItem(1)));
    }

    @Test
    @Order(11)
    void healthAndMonitoringDescribeTheWholeInstallation() {
        gateway().get("/api/health/detailed").then().statusCode(200)
                .body("data.status", is("healthy"))
                .body("data.services.values().status", everyItem(is("up")))
                .body("data.services.keySet()", containsInAnyOrder("tenant-service", "invoicing", "dental", "manufacturing", "branding"));
        gateway().get("/api/system/status").then().statusCode(200)
                .body("data.multi_tenant_enabled", is(true))
                .body("data.tenants_by_status.active", notNullValue());
        // Installation-wide views are for platform admins only.
        String member = suite.signIn(MEMBER_EMAIL, MEMBER_PASSWORD);
        Api.as(member, suite.gatewayUrl()).get("/api/system/status").then().statusCode(403);
        Api.anonymous(suite.gatewayUrl()).get("/api/health/detailed").then().statusCode(401);

        // Metrics are on each service's management port only; its API port answers 404 (issue 14).
        for (String service : List.of(LocalSuite.GATEWAY, LocalSuite.TENANT_SERVICE, LocalSuite.INVOICING, LocalSuite.DENTAL,
                LocalSuite.MANUFACTURING, LocalSuite.BRANDING)) {
            String metrics = Api.anonymous(suite.managementUrl(service)).accept("text/plain").get("/q/metrics").then().statusCode(200)
                    .extract().asString();
            assertTrue(metrics.contains("jvm_memory_used_bytes"), service + " exposes Prometheus metrics");
            Api.anonymous(suite.url(service)).accept("text/plain").get("/q/metrics").then().statusCode(404);
        }
        assertTrue(Api.anonymous(suite.managementUrl(LocalSuite.GATEWAY)).accept("text/plain").get("/q/metrics").asString()
                .contains("ipsc_gateway_requests_total"), "the gateway counts requests per tenant");
        gateway().get("/api/database/slow-queries/" + SMILE).then().statusCode(200).body("success", is(true));
    }

    /**
     * The suite's one API document (issue 23) as the real services describe themselves, and issue 14's
     * probe replayed on the real gateway: encoded dot segments never reach a service.
     */
    @Test
    @Order(11)
    void theSuiteDocumentDescribesEveryModuleAndDotSegmentsAreRefused() {
        JsonPath document = Api.anonymous(suite.gatewayUrl()).get("/docs/openapi").then().statusCode(200).extract().jsonPath();
        assertTrue(document.get("'x-ipsc-missing-modules'") == null, "every module answered the gateway");
        assertEquals("listProducts", document.getString("paths.'/api/tenants/{slug}/products'.get.operationId"));
        assertEquals(List.of(Map.of("bearerAuth", List.of())), document.getList("paths.'/api/tenants/{slug}/products'.get.security"));
        assertEquals("bookAppointment", document.getString("paths.'/api/tenants/{slug}/appointments'.post.operationId"));
        assertTrue(document.get("paths.'/api/auth/login'.post.security") == null, "signing in needs no token");
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        List<String> ids = paths.values().stream().flatMap(item -> item.values().stream())
                .filter(operation -> operation instanceof Map).map(operation -> (String) operation.get("operationId")).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "operationIds are unique across the suite: " + ids);
        assertTrue(ids.size() > 100, "the whole suite is described, not a part: " + ids.size() + " operations");

        gateway().urlEncodingEnabled(false).get("/api/tenants/" + SMILE + "/products/%2e%2e/%2e%2e/q/metrics").then()
                .statusCode(400).body("error.code", is("INVALID_PATH"));
        gateway().urlEncodingEnabled(false).body("{\"name\": \"gloves\"}")
                .post("/api/tenants/" + SMILE + "/patients/%2e%2e/dental-supplies").then()
                .statusCode(400).body("error.code", is("INVALID_PATH"));
    }

    /**
     * The operator's views of the seed's monitoring section, for a tenant that has had traffic:
     * figures from the suite's own measurements, and a refused cross-tenant attempt counted.
     */
    @Test
    @Order(12)
    void operatorViewsShowTheTenantsRealFigures() {
        // A member of abc-trading reaches for smile-dental's data: refused, and recorded against smile-dental.
        String member = suite.signIn(MEMBER_EMAIL, MEMBER_PASSWORD);
        Api.as(member, suite.gatewayUrl()).get("/api/tenants/" + SMILE + "/products").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER"));
        Api.as(member, suite.gatewayUrl()).get("/api/tenants/" + SMILE + "/usage").then().statusCode(403);

        // Usage counts what the tenant really holds: the same figures as its own lists.
        int products = gateway().get("/api/tenants/" + SMILE + "/products").then().statusCode(200)
                .extract().jsonPath().getInt("data.total_items");
        int members = gateway().get("/api/tenants/" + SMILE + "/users").then().statusCode(200)
                .extract().jsonPath().getInt("data.total_items");
        assertTrue(products >= 1, "smile-dental has its product");
        gateway().get("/api/tenants/" + SMILE + "/usage").then().statusCode(200)
                .body("success", is(true))
                .body("data.products.used", is(products))
                .body("data.products.limit", notNullValue())
                .body("data.users.used", is(members))
                .body("data.databases.invoicing.database", is("tenant_smile_dental_invoicing"))
                .body("data.databases.total_bytes", greaterThan(0));
        gateway().get("/api/tenants/" + SMILE + "/performance").then().statusCode(200)
                .body("data.windows.last_5_minutes.total.requests", greaterThan(0))
                .body("data.windows.last_5_minutes.modules.invoicing.requests", greaterThan(0))
                .body("data.windows.last_60_minutes.total.p99_ms", greaterThan(0f));
        gateway().get("/api/database/performance/" + SMILE).then().statusCode(200)
                .body("data.databases.invoicing.commits", greaterThan(0))
                .body("data.databases.invoicing.pool.open", is(true));
        Eventually.await("the refused attempt in smile-dental's security figures", Duration.ofSeconds(60), () ->
                gateway().get("/api/security/metrics/" + SMILE).then().statusCode(200).extract().jsonPath()
                        .getInt("data.counts.cross_tenant_refused") >= 1);
        gateway().get("/api/security/metrics/" + SMILE).then()
                .body("data.latest_events.find { it.kind == 'CROSS_TENANT' }.caller", is(MEMBER_EMAIL));
    }

    @Test
    @Order(13)
    void aDeletedTenantIsUnreachableAndItsDatabasesAreArchived() {
        gateway().delete("/api/tenants/" + ABC).then().statusCode(200).body("data.status", is("deleted"));

        String member = suite.signIn(MEMBER_EMAIL, MEMBER_PASSWORD);
        Eventually.await("abc-trading unreachable through the gateway", Duration.ofSeconds(60), () ->
                gateway().get("/api/tenants/" + ABC + "/products").statusCode() == 404);
        gateway().header("X-Tenant-ID", ABC).get("/api/products").then().statusCode(404);
        gateway().header("Host", ABC + ".localhost:" + suite.gatewayPort()).get("/api/products").then().statusCode(404);
        gateway().get("/api/tenants/" + ABC + "/branding").then().statusCode(404);
        Api.as(member, suite.gatewayUrl()).get("/api/tenants/" + ABC + "/invoices").then().statusCode(404);
        gateway().get("/api/tenants/" + ABC).then().statusCode(404);
        gateway().get("/api/tenants?size=100").then().body("data.items.slug", not(hasItem(ABC)));

        // Behind the gateway too: the services no longer serve the tenant.
        Eventually.await("invoicing-service no longer serves abc-trading", Duration.ofSeconds(60), () ->
                Api.as(admin, suite.url(LocalSuite.INVOICING)).header("X-Tenant-ID", ABC).get("/api/products").statusCode() >= 400);
        Api.as(admin, suite.url(LocalSuite.BRANDING)).header("X-Tenant-ID", ABC).get("/api/branding").then()
                .statusCode(greaterThanOrEqualTo(400));

        // Archived, never dropped: the original names are gone, the data is kept under archived_*.
        Eventually.await("abc-trading's databases archived", Duration.ofSeconds(120), () -> {
            List<String> databases = Sql.databases(suite);
            return databases.stream().noneMatch(d -> d.startsWith("tenant_abc_trading_"))
                    && databases.stream().anyMatch(d -> d.startsWith("archived_") && d.endsWith("_tenant_abc_trading_invoicing"))
                    && databases.stream().anyMatch(d -> d.startsWith("archived_") && d.endsWith("_tenant_abc_trading_branding"));
        });
        String archive = Sql.databases(suite).stream()
                .filter(d -> d.startsWith("archived_") && d.endsWith("_tenant_abc_trading_invoicing")).findFirst().orElseThrow();
        assertEquals(List.of(sku(ABC)), Sql.column(suite, archive, "SELECT sku FROM products"), "the archive keeps the data");
        assertEquals(List.of("INV/2425/00001"), Sql.column(suite, archive, "SELECT number FROM invoices"));
        // The other tenants are untouched.
        gateway().get("/api/tenants/" + SMILE + "/products").then().statusCode(200).body("data.items.sku", hasItem(sku(SMILE)));
    }

    /** A JSON object of about {@code size} bytes, {"name": "aaa…"}, of a length the client cannot know in advance. */
    private static InputStream jsonOfSize(long size) {
        byte[] head = "{\"name\": \"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        InputStream filler = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                Arrays.fill(into, offset, offset + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
        return new java.io.SequenceInputStream(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), filler),
                new java.io.ByteArrayInputStream(tail));
    }

    private static String sku(String slug) {
        return "SKU-" + slug.toUpperCase();
    }
}
