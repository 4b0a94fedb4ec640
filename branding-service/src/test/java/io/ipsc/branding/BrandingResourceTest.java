package io.ipsc.branding;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.MetricsScrape;
import io.ipsc.testsupport.TenantEventsPublisher;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "test-tokens", value = "true"))
class BrandingResourceTest {

    private static final Map<String, Object> SEED_BODY = Map.of("primary_color", "#2E86AB", "secondary_color", "#A23B72",
            "accent_color", "#F18F01", "logo_url", "https://example.com/logo.png", "company_name", "Smile Dental Clinic");

    private static TenantEventsPublisher events;
    private static BrandingTenant clinic;
    private static BrandingTenant factory;

    @BeforeAll
    static void provision() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        events = new TenantEventsPublisher();
        clinic = BrandingTenant.provision(events, "brand-clinic", "dental_clinic", 8501);
        factory = BrandingTenant.provision(events, "brand-factory", "manufacturing", 8511);
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void aTenantThatSavedNothingGetsItsOrganisationTypesDefaults() {
        factory.as(factory.viewer()).get("/api/branding").then().statusCode(200)
                .body("data.source", is("default"))
                .body("data.primary_color", is("#263238"))
                .body("data.font_family", is("Roboto"))
                .body("data.company_name", is(factory.tenantName()))
                .body("data.logo_url", nullValue());
    }

    @Test
    void theSeedsUpdateSucceedsAsWrittenAndIsKept() {
        BrandingTenant tenant = BrandingTenant.provision(events, "brand-seed", "dental_clinic", 8521);
        tenant.asAdmin().get("/api/branding").then().statusCode(200)
                .body("data.source", is("default")).body("data.primary_color", is("#005F73"));
        tenant.asAdmin().body(SEED_BODY).put("/api/branding").then().statusCode(200)
                .body("success", is(true))
                // White on #2E86AB is 4.11:1: saved, with the warning the admin needs to see.
                .body("warnings", hasSize(1))
                .body("warnings[0]", containsString("on primary_color (#2E86AB) is 4.11:1"))
                .body("data.source", is("custom"))
                .body("data.primary_color", is("#2E86AB"))
                .body("data.company_name", is("Smile Dental Clinic"));
        tenant.as(tenant.viewer()).get("/api/branding").then().statusCode(200)
                .body("data.source", is("custom"))
                .body("data.secondary_color", is("#A23B72"))
                .body("data.accent_color", is("#F18F01"))
                .body("data.logo_url", is("https://example.com/logo.png"))
                .body("data.font_family", is("Inter"));
    }

    @Test
    void invalidFieldsAreRefusedByName() {
        clinic.asAdmin().body(Map.of("primary_color", "#12345G", "logo_url", "http://example.com/logo.png", "font_family", "Papyrus"))
                .put("/api/branding").then().statusCode(400)
                .body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.field", hasItems("primary_color", "logo_url", "font_family"));
        clinic.asAdmin().body(Map.of("accent_color", "orange")).put("/api/branding").then().statusCode(400)
                .body("error.details[0].field", is("accent_color"));
        clinic.asAdmin().body(Map.of("logo_url", "https://example.com/" + "a".repeat(500))).put("/api/branding").then().statusCode(400)
                .body("error.details[0].field", is("logo_url"));
        clinic.asAdmin().body(Map.of("template", "no-such-template")).put("/api/branding").then().statusCode(400)
                .body("error.details[0].field", is("template"));
        clinic.asAdmin().body(Map.of("primary_colour", "#2E86AB")).put("/api/branding").then().statusCode(400)
                .body("error.code", is("UNKNOWN_FIELD"));
    }

    @Test
    void aLowContrastPaletteIsSavedWithAWarningNamingThePairAndRatio() {
        BrandingTenant tenant = BrandingTenant.provision(events, "brand-contrast", "business", 8531);
        tenant.asAdmin().body(Map.of("primary_color", "#FFEB3B", "text_color", "#777777", "background_color", "#888888"))
                .put("/api/branding").then().statusCode(200)
                .body("data.primary_color", is("#FFEB3B"))
                .body("warnings", hasSize(2))
                .body("warnings[0]", containsString("on primary_color (#FFEB3B) is 3.67:1"))
                .body("warnings[1]", containsString("text_color (#777777) on background_color (#888888) is 1.26:1"));
        tenant.asAdmin().get("/api/branding").then().statusCode(200).body("data.background_color", is("#888888"));
    }

    @Test
    void aTemplateAppliesItsPaletteAndKeepsTheTenantsName() {
        BrandingTenant tenant = BrandingTenant.provision(events, "brand-template", "dental_clinic", 8541);
        tenant.asAdmin().body(Map.of("template", "dental-calm")).put("/api/branding").then().statusCode(200)
                .body("data.source", is("template:dental-calm"))
                .body("data.primary_color", is("#2C5F8A"))
                .body("data.font_family", is("Noto Sans"))
                .body("data.company_name", is(tenant.tenantName()));
        tenant.asAdmin().body(Map.of("accent_color", "#D62828")).put("/api/branding").then().statusCode(200)
                .body("data.source", is("custom")).body("data.primary_color", is("#2C5F8A"));
    }

    @Test
    void onlyAnAdminMayChangeTheBranding() {
        for (long member : new long[]{clinic.staff(), clinic.viewer()}) {
            clinic.as(member).body(Map.of("primary_color", "#000000")).put("/api/branding").then().statusCode(403)
                    .body("error.code", is("INSUFFICIENT_ROLE"));
            clinic.as(member).get("/api/branding").then().statusCode(200).body("data.primary_color", not(is("#000000")));
        }
    }

    @Test
    void anotherTenantsMemberIsRefusedAndSeesNothing() {
        BrandingTenant tenant = BrandingTenant.provision(events, "brand-private", "dental_clinic", 8551);
        tenant.asAdmin().body(Map.of("company_name", "Private Smiles")).put("/api/branding").then().statusCode(200);
        String outsider = BrandingTenant.asMemberIn(factory.admin(), tenant.slug())
                .get("/api/branding").then().statusCode(403).body("data", nullValue()).extract().asString();
        assertFalse(outsider.contains("Private Smiles"), outsider);
        BrandingTenant.asMemberIn(factory.admin(), tenant.slug()).body(Map.of("company_name", "Taken"))
                .put("/api/branding").then().statusCode(403);
        BrandingTenant.asMemberIn(factory.admin(), tenant.slug()).get("/api/branding/theme.css").then().statusCode(403);
        tenant.asAdmin().get("/api/branding").then().body("data.company_name", is("Private Smiles"));
    }

    @Test
    void theThemeStylesheetCarriesTheBrandingAnEtagAndRevalidates() {
        BrandingTenant tenant = BrandingTenant.provision(events, "brand-css", "dental_clinic", 8561);
        tenant.asAdmin().body(SEED_BODY).put("/api/branding").then().statusCode(200);
        String etag = tenant.as(tenant.viewer()).get("/api/branding/theme.css").then().statusCode(200)
                .contentType(containsString("text/css"))
                .header("Cache-Control", is("private, max-age=300"))
                .header("ETag", not(emptyOrNullString()))
                .body(containsString(":root {"))
                .body(containsString("--ipsc-primary: #2E86AB;"))
                .body(containsString("--ipsc-secondary: #A23B72;"))
                .body(containsString("--ipsc-accent: #F18F01;"))
                .body(containsString("--ipsc-logo-url: url(\"https://example.com/logo.png\");"))
                .extract().header("ETag");
        assertTrue(etag.matches("\"[0-9a-f]+\""), etag);
        tenant.as(tenant.viewer()).header("If-None-Match", etag).get("/api/branding/theme.css").then().statusCode(304)
                .header("ETag", is(etag));
        tenant.asAdmin().body(Map.of("accent_color", "#F18F02")).put("/api/branding").then().statusCode(200);
        tenant.as(tenant.viewer()).header("If-None-Match", etag).get("/api/branding/theme.css").then().statusCode(200)
                .header("ETag", not(is(etag))).body(containsString("--ipsc-accent: #F18F02;"));
    }

    @Test
    void metricsCountTheTenantsRequestsAndItsProvisioning() {
        BrandingTenant tenant = BrandingTenant.provision(events, "brand-metrics", "business", 8571);
        tenant.asAdmin().body(SEED_BODY).put("/api/branding").then().statusCode(200);
        tenant.as(tenant.viewer()).body(Map.of("company_name", "Not mine to change")).put("/api/branding").then().statusCode(403);

        String scrape = MetricsScrape.scrape();
        String tenantLabel = "tenant=\"" + tenant.slug() + "\"";
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("ipsc_requests_total{") && l.contains(tenantLabel)
                && l.contains("service=\"branding-service\"") && l.contains("method=\"PUT\"") && l.contains("status=\"2xx\"")
                && l.endsWith(" 1.0")), "the admin's change is counted for the tenant");
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("ipsc_requests_total{") && l.contains(tenantLabel)
                && l.contains("method=\"PUT\"") && l.contains("status=\"4xx\"") && l.endsWith(" 1.0")), "the viewer's refusal is counted");
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("ipsc_provisioning_outcomes_total{") && l.contains(tenantLabel)
                && l.contains("service=\"branding\"") && l.contains("outcome=\"PROVISIONED\"")), "the provisioning outcome is counted");
        assertTrue(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds")).noneMatch(l -> l.contains("tenant=")));
    }
}
