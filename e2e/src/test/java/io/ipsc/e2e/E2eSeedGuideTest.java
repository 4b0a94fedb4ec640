package io.ipsc.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ipsc.client.ApiClient;
import io.ipsc.client.ApiException;
import io.ipsc.client.ApiResponse;
import io.ipsc.client.api.AppointmentsApi;
import io.ipsc.client.api.BillsOfMaterialsApi;
import io.ipsc.client.api.BrandingApi;
import io.ipsc.client.api.CashFlowApi;
import io.ipsc.client.api.CustomersApi;
import io.ipsc.client.api.InvoicesApi;
import io.ipsc.client.api.MembershipsApi;
import io.ipsc.client.api.PatientsApi;
import io.ipsc.client.api.ProductionOrdersApi;
import io.ipsc.client.api.ProductsApi;
import io.ipsc.client.api.PurchasesApi;
import io.ipsc.client.api.ReportsApi;
import io.ipsc.client.api.TenantsApi;
import io.ipsc.client.api.TreatmentsApi;
import io.ipsc.client.api.UsersApi;
import io.ipsc.client.api.VendorsApi;
import io.ipsc.client.api.WorkCentersApi;
import io.ipsc.client.model.AddMemberRequest;
import io.ipsc.client.model.ApiResponseAddMemberAnswer;
import io.ipsc.client.model.ApiResponseAppointment;
import io.ipsc.client.model.ApiResponseBom;
import io.ipsc.client.model.ApiResponseInvoiceView;
import io.ipsc.client.model.ApiResponseMapStringObject;
import io.ipsc.client.model.ApiResponsePurchaseView;
import io.ipsc.client.model.TenantConfig;
import io.ipsc.client.model.ApiResponsePartyView;
import io.ipsc.client.model.ApiResponsePatient;
import io.ipsc.client.model.ApiResponseProductView;
import io.ipsc.client.model.ApiResponseProductionOrder;
import io.ipsc.client.model.ApiResponseStatus;
import io.ipsc.client.model.ApiResponseTenantView;
import io.ipsc.client.model.ApiResponseTreatment;
import io.ipsc.client.model.ApiResponseUserView;
import io.ipsc.client.model.ApiResponseWorkCenter;
import io.ipsc.client.model.AppointmentRequest;
import io.ipsc.client.model.Appointment;
import io.ipsc.client.model.Bom;
import io.ipsc.client.model.BomRequest;
import io.ipsc.client.model.BrandingRequest;
import io.ipsc.client.model.BrandingView;
import io.ipsc.client.model.ChangeRoleRequest;
import io.ipsc.client.model.CreateUserRequest;
import io.ipsc.client.model.InvoiceRequest;
import io.ipsc.client.model.InvoiceView;
import io.ipsc.client.model.InvoiceLineRequest;
import io.ipsc.client.model.PurchaseLineRequest;
import io.ipsc.client.model.MembershipView;
import io.ipsc.client.model.PartyRequest;
import io.ipsc.client.model.Patient;
import io.ipsc.client.model.PatientRequest;
import io.ipsc.client.model.PaymentRequest;
import io.ipsc.client.model.PlanLimits;
import io.ipsc.client.model.ProductRequest;
import io.ipsc.client.model.ProductView;
import io.ipsc.client.model.ProductionOrder;
import io.ipsc.client.model.ProductionOrderRequest;
import io.ipsc.client.model.ProvisioningView;
import io.ipsc.client.model.PurchaseRequest;
import io.ipsc.client.model.SubscriptionRequest;
import io.ipsc.client.model.TemplateView;
import io.ipsc.client.model.TenantRequest;
import io.ipsc.client.model.TenantView;
import io.ipsc.client.model.TreatmentRequest;
import io.ipsc.client.model.WorkCenterRequest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed user guide, walked through the gateway of a suite started as {@code ./ipsc up} starts it,
 * with a platform admin's token added to each call (the guide leaves it out). The guide's operations go
 * through the client generated from the OpenAPI document (api-client), with the guide's bodies read into
 * its models; REST Assured stays for what is about raw HTTP. Every answer is checked against the document. The steps build on each
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
    /** The generated client as the platform admin; the walk's calls go through it. */
    private static ApiClient client;
    private static TenantsApi tenants;

    @BeforeAll
    static void startSuite(LocalSuite started) throws ApiException {
        suite = started;
        // Signed in as the guide's reader would be: through the gateway, with the generated client.
        admin = GatewayClient.signIn(suite.gatewayUrl(), suite.admin().email(), suite.admin().password());
        client = GatewayClient.as(admin, suite.gatewayUrl());
        tenants = new TenantsApi(client);
    }

    /** Every answer of the walk, through the client and through REST Assured, matches the document. */
    @AfterAll
    static void answersMatchTheDocument() {
        OpenApiAnswers.snapshot().assertNone();
    }

    private static String signIn(String email, String password) throws ApiException {
        return GatewayClient.signIn(suite.gatewayUrl(), email, password);
    }

    /** For the raw-HTTP checks: forged headers, subdomains, paths no operation has. */
    private static RequestSpecification gateway() {
        return Api.as(admin, suite.gatewayUrl());
    }

    /** A seed guide body, as the guide prints it, in the generated model: a field the document lacks fails the walk. */
    private static <T> T seed(String body, Class<T> model) {
        return GatewayClient.parse(body, model);
    }

    private static <T> T seed(String body, TypeReference<T> model) {
        return GatewayClient.parse(body, model);
    }

    /** The value at the keys in an answer the document types as a free-form object. */
    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> data, String... keys) {
        Object value = data;
        for (String key : keys) {
            assertTrue(value instanceof Map, "no object at " + key + " in " + data);
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    private static void assertAmount(String expected, Object actual) {
        assertNotNull(actual, "an amount");
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())), "expected " + expected + ", got " + actual);
    }

    private static void assertErrorCode(String code, String body) {
        assertEquals(code, JsonPath.from(body).getString("error.code"), body);
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
    void theThreeSeedTenantsAreCreatedAsWrittenAndBecomeActive() throws Exception {
        ApiResponse<ApiResponseTenantView> created = tenants.createTenantWithHttpInfo(seed(SeedGuide.SMILE_DENTAL, TenantRequest.class));
        assertEquals(201, created.getStatusCode());
        assertEquals(true, created.getData().getSuccess());
        assertEquals(SMILE, created.getData().getData().getSlug());
        assertEquals("provisioning", created.getData().getData().getStatus());
        // The seed's GSTIN has a wrong check character: accepted, with a warning (design §4).
        assertThat(created.getData().getWarnings(), hasItem(containsString("check character")));
        assertEquals(201, tenants.createTenantWithHttpInfo(seed(SeedGuide.PRECISION_MFG, TenantRequest.class)).getStatusCode());
        assertEquals(ABC, tenants.createTenant(seed(SeedGuide.ABC_TRADING, TenantRequest.class)).getData().getSlug());
        GatewayClient.refused(409, () -> tenants.createTenant(seed(SeedGuide.ABC_TRADING, TenantRequest.class)));

        Tenants waiting = new Tenants(suite, admin);
        waiting.awaitActive(SEED_TENANTS);

        assertThat(tenants.listTenants(null, null, null, null, 100, null).getData().getItems().stream().map(TenantView::getSlug).toList(),
                hasItems(SMILE, PRECISION, ABC));
        // Each tenant was provisioned by exactly the services its organisation type needs.
        Map<String, ProvisioningView> smile = tenants.getTenant(SMILE).getData().getProvisioning();
        assertThat(smile.keySet(), containsInAnyOrder("invoicing", "branding", "dental"));
        assertThat(smile.values().stream().map(ProvisioningView::getStatus).toList(), everyItem(is("provisioned")));
        assertThat(tenants.getTenant(PRECISION).getData().getProvisioning().keySet(), containsInAnyOrder("invoicing", "branding", "manufacturing"));
        assertThat(tenants.getTenant(ABC).getData().getProvisioning().keySet(), containsInAnyOrder("invoicing", "branding"));
        TenantConfig config = tenants.getTenantConfig(SMILE).getData();
        assertEquals("tenant_smile_dental_dental", config.getDatabases().get("dental"));
        assertEquals("tenant_smile_dental_invoicing", config.getDatabases().get("invoicing"));
        List<String> databases = Sql.databases(suite);
        for (String db : List.of("tenant_smile_dental_dental", "tenant_precision_mfg_manufacturing", "tenant_abc_trading_invoicing",
                "tenant_abc_trading_branding")) {
            assertTrue(databases.contains(db), db + " exists in " + databases);
        }
    }

    @Test
    @Order(3)
    void tenantManagementUpdatesFeaturesAndSubscription() throws Exception {
        TenantView updated = tenants.updateTenant(SMILE, seed(SeedGuide.UPDATE_TENANT, TenantRequest.class)).getData();
        assertEquals("Dr. Sarah Johnson (Updated)", updated.getContactPerson());
        assertEquals("premium", updated.getSubscription().getPlan());
        assertEquals("Dr. Sarah Johnson (Updated)", tenants.getTenant(SMILE).getData().getContactPerson());

        Map<String, Boolean> features = tenants.updateTenantFeatures(SMILE, seed(SeedGuide.FEATURES, new TypeReference<>() {
        })).getData();
        assertEquals(true, features.get("dental_management"));
        assertEquals(false, features.get("advanced_reporting"));
        PlanLimits plan = tenants.updateTenantSubscription(SMILE, seed(SeedGuide.SUBSCRIPTION, SubscriptionRequest.class)).getData();
        assertEquals("premium", plan.getPlan());
        assertEquals(10000, plan.getMaxTransactionsPerMonth());
        TenantConfig config = tenants.getTenantConfig(SMILE).getData();
        assertEquals(1000, config.getSubscription().getMaxProducts());
        assertEquals(false, config.getFeatures().get("advanced_reporting"));
        // advanced_reporting is off: the reports it gates are refused at the door.
        assertErrorCode("FEATURE_DISABLED", GatewayClient.refused(403, () -> new ReportsApi(client).getGstr1Report(SMILE, null, "2024-06", null)));
    }

    @Test
    @Order(4)
    void dentalExamplesWorkOnTheClinic() throws Exception {
        PatientsApi patients = new PatientsApi(client);
        ApiResponse<ApiResponsePatient> patient = patients.createPatientWithHttpInfo(SMILE, seed(SeedGuide.PATIENT, PatientRequest.class));
        assertEquals(201, patient.getStatusCode());
        assertEquals(1L, patient.getData().getData().getId());
        assertEquals("John", patient.getData().getData().getFirstName());
        assertThat(patients.listPatients(SMILE, null, null, null, null).getData().getItems().stream().map(Patient::getEmail).toList(),
                hasItem("john.doe@email.com"));
        AppointmentsApi appointments = new AppointmentsApi(client);
        ApiResponse<ApiResponseAppointment> booked = appointments.bookAppointmentWithHttpInfo(SMILE,
                seed(SeedGuide.APPOINTMENT, AppointmentRequest.class));
        assertEquals(201, booked.getStatusCode());
        assertEquals(1L, booked.getData().getData().getPatientId());
        assertEquals("Regular Checkup", booked.getData().getData().getTreatmentType());
        assertThat(appointments.listAppointments(SMILE, null, null, null, null, null, null, null, null).getData().getItems().stream()
                .map(Appointment::getNotes).toList(), hasItem("Annual dental checkup"));
        ApiResponse<ApiResponseTreatment> treatment = new TreatmentsApi(client).createTreatmentWithHttpInfo(SMILE,
                seed(SeedGuide.TREATMENT, TreatmentRequest.class));
        assertEquals(201, treatment.getStatusCode());
        assertEquals("Root Canal", treatment.getData().getData().getTreatmentType());
        assertAmount("5000", treatment.getData().getData().getCost());
        // A manufacturer has no dental module.
        assertErrorCode("FEATURE_DISABLED", GatewayClient.refused(403, () -> patients.listPatients(PRECISION, null, null, null, null)));
    }

    @Test
    @Order(5)
    void manufacturingExamplesWorkOnTheManufacturer() throws Exception {
        BillsOfMaterialsApi boms = new BillsOfMaterialsApi(client);
        ApiResponse<ApiResponseBom> bom = boms.createBomWithHttpInfo(PRECISION, seed(SeedGuide.BOM, BomRequest.class));
        assertEquals(201, bom.getStatusCode());
        assertEquals(1L, bom.getData().getData().getId());
        assertEquals("BOM-001", bom.getData().getData().getBomId());
        assertThat(bom.getData().getData().getComponents(), empty());
        assertThat(boms.listBoms(PRECISION, null, null, null).getData().getItems().stream().map(Bom::getBomId).toList(), hasItem("BOM-001"));
        ProductionOrdersApi orders = new ProductionOrdersApi(client);
        ApiResponse<ApiResponseProductionOrder> order = orders.createProductionOrderWithHttpInfo(PRECISION,
                seed(SeedGuide.PRODUCTION_ORDER, ProductionOrderRequest.class));
        assertEquals(201, order.getStatusCode());
        assertEquals("PO-001", order.getData().getData().getOrderNumber());
        assertEquals("planned", order.getData().getData().getStatus());
        assertThat(orders.listProductionOrders(PRECISION, null, null, null).getData().getItems().stream()
                .map(ProductionOrder::getOrderNumber).toList(), hasItem("PO-001"));
        ApiResponse<ApiResponseWorkCenter> workCenter = new WorkCentersApi(client).createWorkCenterWithHttpInfo(PRECISION,
                seed(SeedGuide.WORK_CENTER, WorkCenterRequest.class));
        assertEquals(201, workCenter.getStatusCode());
        assertEquals("Assembly Line 1", workCenter.getData().getData().getName());
        assertErrorCode("FEATURE_DISABLED", GatewayClient.refused(403, () -> boms.listBoms(SMILE, null, null, null)));
    }

    @Test
    @Order(6)
    void invoicingWorksOnEveryTenant() throws Exception {
        ProductsApi products = new ProductsApi(client);
        CustomersApi customers = new CustomersApi(client);
        InvoicesApi invoices = new InvoicesApi(client);
        for (String slug : SEED_TENANTS) {
            ApiResponse<ApiResponseProductView> product = products.createProductWithHttpInfo(slug, new ProductRequest()
                    .sku(sku(slug)).name("Item of " + slug).hsnSac("8471").price(new BigDecimal("250.00"))
                    .gstRate(BigDecimal.valueOf(18)).stockQuantity(BigDecimal.valueOf(100)));
            assertEquals(201, product.getStatusCode());
            ApiResponse<ApiResponsePartyView> customer = customers.createCustomerWithHttpInfo(slug,
                    new PartyRequest().name("Customer of " + slug).state("Maharashtra"));
            assertEquals(201, customer.getStatusCode());
            ApiResponse<ApiResponseInvoiceView> draft = invoices.createInvoiceWithHttpInfo(slug, new InvoiceRequest()
                    .customerId(customer.getData().getData().getId()).invoiceDate(LocalDate.parse("2024-06-01"))
                    .lines(List.of(new InvoiceLineRequest().productId(product.getData().getData().getId()).quantity(BigDecimal.valueOf(2)))));
            assertEquals(201, draft.getStatusCode());
            InvoiceView invoice = draft.getData().getData();
            assertEquals("draft", invoice.getStatus());
            assertAmount("500", invoice.getTaxableAmount());
            assertAmount("590", invoice.getTotal());
            InvoiceView issued = invoices.issueInvoice(slug, invoice.getId()).getData();
            assertEquals("issued", issued.getStatus());
            assertEquals("INV/2425/00001", issued.getNumber());
            assertThat(invoices.listInvoices(slug, null, null, null, null, null, null).getData().getItems(), hasSize(1));
            assertThat(customers.listCustomers(slug, null, null, null).getData().getItems(), hasSize(1));
        }

        // A vendor's bill, a customer's payment and the cash flow, on the trading company.
        ApiResponse<ApiResponsePartyView> vendor = new VendorsApi(client).createVendorWithHttpInfo(ABC,
                new PartyRequest().name("Gujarat Steel").gstin("24AABAT9876C3Z1"));
        assertEquals(201, vendor.getStatusCode());
        ApiResponse<ApiResponsePurchaseView> purchase = new PurchasesApi(client).recordPurchaseWithHttpInfo(ABC, new PurchaseRequest()
                .vendorId(vendor.getData().getData().getId()).billNumber("GS/1").billDate(LocalDate.parse("2024-06-01"))
                .lines(List.of(new PurchaseLineRequest().productId(1L).quantity(BigDecimal.TEN).unitPrice(new BigDecimal("200.00"))
                        .gstRate(BigDecimal.valueOf(18)))));
        assertEquals(201, purchase.getStatusCode());
        assertAmount("2360", purchase.getData().getData().getTotal());
        ApiResponse<ApiResponseInvoiceView> payment = invoices.recordInvoicePaymentWithHttpInfo(ABC, 1L,
                new PaymentRequest().amount(new BigDecimal("100.00")).mode("upi"));
        assertEquals(201, payment.getStatusCode());
        assertEquals("partially_paid", payment.getData().getData().getStatus());
        assertAmount("100", payment.getData().getData().getAmountPaid());
        Map<String, Object> cashflow = new CashFlowApi(client).getCashFlow(ABC, null, null).getData();
        assertAmount("100", at(cashflow, "money_in"));
        assertAmount("2360", at(cashflow, "payables", "total"));
        assertAmount("490", at(cashflow, "receivables", "total"));
        // Stock: 100 at creation, 2 sold, 10 bought.
        assertAmount("108", products.getProduct(ABC, 1L).getData().getStockQuantity());

        // 11 MB sent chunked (no Content-Length to refuse early): the service's HTTP layer stops it,
        // and the caller still gets the envelope; nothing is written.
        HttpResponse<String> oversized = chunkedPost(abc("/products"), 11 * 1024 * 1024);
        assertEquals(413, oversized.statusCode(), oversized.body());
        assertTrue(oversized.body().contains("\"PAYLOAD_TOO_LARGE\""), oversized.body());
        assertEquals(1L, products.listProducts(ABC, null, null, null, null).getData().getTotalItems());
    }

    private static String abc(String path) {
        return "/api/tenants/" + ABC + path;
    }

    /** A POST through the gateway whose body of {@code bytes} is streamed with chunked transfer encoding. */
    private static HttpResponse<String> chunkedPost(String path, int bytes) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> jsonOfSize(bytes)))
                .build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            OpenApiAnswers.snapshot().check("POST", request.uri(), null, null, answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(null), answer.body());
            return answer;
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
    void anotherTenantsMemberAndAForgedTenantHeaderAreRefused() throws Exception {
        ApiResponse<ApiResponseUserView> user = new UsersApi(client).createUserWithHttpInfo(new CreateUserRequest()
                .email(MEMBER_EMAIL).password(MEMBER_PASSWORD).fullName("Amit Patel"));
        assertEquals(201, user.getStatusCode());
        assertEquals(201, new MembershipsApi(client).addTenantMemberWithHttpInfo(ABC,
                new AddMemberRequest().userId(user.getData().getData().getId()).role("staff")).getStatusCode());
        String member = signIn(MEMBER_EMAIL, MEMBER_PASSWORD);

        // Its own tenant, all three ways.
        assertThat(new ProductsApi(GatewayClient.as(member, suite.gatewayUrl())).listProducts(ABC, null, null, null, null).getData()
                .getItems().stream().map(ProductView::getSku).toList(), hasItem(sku(ABC)));
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
    void brandingIsPerTenant() throws Exception {
        BrandingApi branding = new BrandingApi(client);
        BrandingView initial = branding.getBranding(SMILE).getData();
        assertEquals("Smile Dental Clinic", initial.getCompanyName());
        assertEquals("default", initial.getSource());
        BrandingView custom = branding.updateBranding(SMILE, seed(SeedGuide.BRANDING, BrandingRequest.class)).getData();
        assertEquals("#2E86AB", custom.getPrimaryColor());
        assertEquals("custom", custom.getSource());
        BrandingView stored = branding.getBranding(SMILE).getData();
        assertEquals("#2E86AB", stored.getPrimaryColor());
        assertEquals("https://example.com/logo.png", stored.getLogoUrl());
        BrandingView other = branding.getBranding(ABC).getData();
        assertNotEquals("#2E86AB", other.getPrimaryColor());
        assertEquals("ABC Trading Company", other.getCompanyName());
        assertThat(branding.listBrandingTemplates().getData().stream().map(TemplateView::getOrganizationType).toList(),
                hasItem("dental_clinic"));
        ApiResponseStatus status = branding.getBrandingStatus();
        assertEquals(true, status.getSuccess());
        assertEquals(1, status.getData().getCustom());
    }

    @Test
    @Order(10)
    void usersOfATenantAreAddedChangedAndRemoved() throws Exception {
        MembershipsApi members = new MembershipsApi(client);
        ApiResponse<ApiResponseAddMemberAnswer> added = members.addTenantMemberWithHttpInfo(SMILE, seed(SeedGuide.ADD_USER, AddMemberRequest.class));
        assertEquals(201, added.getStatusCode());
        // The document calls this answer AddMemberAnswer (a status only); the membership is read back from the list.
        assertThat(memberRoles(members, SMILE), hasEntry(1L, "admin"));
        assertEquals("manager", members.changeTenantMemberRole(SMILE, 1L, seed(SeedGuide.UPDATE_USER_ROLE, ChangeRoleRequest.class))
                .getData().getRole());
        assertThat(memberRoles(members, SMILE), hasEntry(1L, "manager"));
        assertEquals(true, members.removeTenantMember(SMILE, 1L).getSuccess());
        assertThat(memberRoles(members, SMILE), not(hasKey(1L)));
    }

    private static Map<Long, String> memberRoles(MembershipsApi members, String slug) throws ApiException {
        return members.listTenantMembers(slug, null, 100).getData().getItems().stream()
                .collect(Collectors.toMap(MembershipView::getUserId, MembershipView::getRole));
    }

    @Test
    @Order(11)
    void healthAndMonitoringDescribeTheWholeInstallation() throws Exception {
        gateway().get("/api/health/detailed").then().statusCode(200)
                .body("data.status", is("healthy"))
                .body("data.services.values().status", everyItem(is("up")))
                .body("data.services.keySet()", containsInAnyOrder("tenant-service", "invoicing", "dental", "manufacturing", "branding"));
        gateway().get("/api/system/status").then().statusCode(200)
                .body("data.multi_tenant_enabled", is(true))
                .body("data.tenants_by_status.active", notNullValue());
        // Installation-wide views are for platform admins only.
        String member = signIn(MEMBER_EMAIL, MEMBER_PASSWORD);
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
    void operatorViewsShowTheTenantsRealFigures() throws Exception {
        // A member of abc-trading reaches for smile-dental's data: refused, and recorded against smile-dental.
        String member = signIn(MEMBER_EMAIL, MEMBER_PASSWORD);
        Api.as(member, suite.gatewayUrl()).get("/api/tenants/" + SMILE + "/products").then().statusCode(403)
                .body("error.code", is("NOT_A_MEMBER"));
        Api.as(member, suite.gatewayUrl()).get("/api/tenants/" + SMILE + "/usage").then().statusCode(403);

        // Usage counts what the tenant really holds: the same figures as its own lists.
        long products = new ProductsApi(client).listProducts(SMILE, null, null, null, null).getData().getTotalItems();
        long members = new MembershipsApi(client).listTenantMembers(SMILE, null, null).getData().getTotalItems();
        assertTrue(products >= 1, "smile-dental has its product");
        ApiResponseMapStringObject usage = tenants.getTenantUsage(SMILE);
        assertEquals(true, usage.getSuccess());
        assertEquals(products, ((Number) at(usage.getData(), "products", "used")).longValue());
        assertNotNull(at(usage.getData(), "products", "limit"));
        assertEquals(members, ((Number) at(usage.getData(), "users", "used")).longValue());
        assertEquals("tenant_smile_dental_invoicing", at(usage.getData(), "databases", "invoicing", "database"));
        assertThat(((Number) at(usage.getData(), "databases", "total_bytes")).longValue(), greaterThan(0L));
        gateway().get("/api/tenants/" + SMILE + "/performance").then().statusCode(200)
                .body("data.windows.last_5_minutes.total.requests", greaterThan(0))
                .body("data.windows.last_5_minutes.modules.invoicing.requests", greaterThan(0))
                .body("data.windows.last_60_minutes.total.p99_ms", greaterThan(0f));
        gateway().get("/api/database/performance/" + SMILE).then().statusCode(200)
                .body("data.databases.invoicing.commits", greaterThan(0))
                .body("data.databases.invoicing.pool.open", is(true));
        await("the refused attempt in smile-dental's security figures").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                gateway().get("/api/security/metrics/" + SMILE).then().statusCode(200).extract().jsonPath()
                        .getInt("data.counts.cross_tenant_refused") >= 1);
        gateway().get("/api/security/metrics/" + SMILE).then()
                .body("data.latest_events.find { it.kind == 'CROSS_TENANT' }.caller", is(MEMBER_EMAIL));
    }

    @Test
    @Order(13)
    void aDeletedTenantIsUnreachableAndItsDatabasesAreArchived() throws Exception {
        assertEquals("deleted", tenants.deleteTenant(ABC).getData().getStatus());

        String member = signIn(MEMBER_EMAIL, MEMBER_PASSWORD);
        await("abc-trading unreachable through the gateway").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                gateway().get("/api/tenants/" + ABC + "/products").statusCode() == 404);
        gateway().header("X-Tenant-ID", ABC).get("/api/products").then().statusCode(404);
        gateway().header("Host", ABC + ".localhost:" + suite.gatewayPort()).get("/api/products").then().statusCode(404);
        gateway().get("/api/tenants/" + ABC + "/branding").then().statusCode(404);
        Api.as(member, suite.gatewayUrl()).get("/api/tenants/" + ABC + "/invoices").then().statusCode(404);
        GatewayClient.refused(404, () -> tenants.getTenant(ABC));
        assertThat(tenants.listTenants(null, null, null, null, 100, null).getData().getItems().stream().map(TenantView::getSlug).toList(),
                not(hasItem(ABC)));

        // Behind the gateway too: the services no longer serve the tenant.
        await("invoicing-service no longer serves abc-trading").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                Api.as(admin, suite.url(LocalSuite.INVOICING)).header("X-Tenant-ID", ABC).get("/api/products").statusCode() >= 400);
        Api.as(admin, suite.url(LocalSuite.BRANDING)).header("X-Tenant-ID", ABC).get("/api/branding").then()
                .statusCode(greaterThanOrEqualTo(400));

        // Archived, never dropped: the original names are gone, the data is kept under archived_*.
        await("abc-trading's databases archived").atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
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
