package io.ipsc.branding.theme;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrandingUpdateTest {

    private static final Branding DEFAULTS = BrandingCatalog.defaultBranding("dental_clinic", "Smile Dental Pvt Ltd");

    private static BrandingRequest request(String template, String primary, String logo, String company) {
        return new BrandingRequest(template, primary, null, null, null, null, logo, null, company, null);
    }

    @Test
    void theSeedsUpdateIsAppliedAndKeepsWhatItDoesNotName() {
        BrandingUpdate.Result result = BrandingUpdate.apply(DEFAULTS, new BrandingRequest(null, "#2E86AB", "#A23B72", "#F18F01",
                null, null, "https://example.com/logo.png", null, "Smile Dental Clinic", null));
        Branding b = result.branding();
        assertEquals("#2E86AB", b.palette().primaryColor());
        assertEquals("Inter", b.palette().fontFamily());
        assertEquals("https://example.com/logo.png", b.logoUrl());
        assertEquals("Smile Dental Clinic", b.companyName());
        assertEquals(Branding.CUSTOM, b.source());
    }

    @Test
    void everyInvalidFieldIsNamedInOneRefusal() {
        ApiException e = assertThrows(ApiException.class, () -> BrandingUpdate.apply(DEFAULTS, new BrandingRequest("no-such",
                "#12345", "blue", null, null, null, "http://example.com/logo.png", "https://" + "a".repeat(500), " ", "Comic Sans")));
        assertEquals(400, e.status());
        assertEquals(java.util.List.of("template", "primary_color", "secondary_color", "font_family", "logo_url", "favicon_url",
                "company_name"), e.details().stream().map(ErrorDetail::field).toList());
    }

    @Test
    void urlsThatCouldBreakTheStylesheetAreRefused() {
        assertThrows(ApiException.class, () -> BrandingUpdate.apply(DEFAULTS, request(null, null, "https://x.com/a\".png", null)));
        assertThrows(ApiException.class, () -> BrandingUpdate.apply(DEFAULTS, request(null, null, "https:///no-host", null)));
        assertThrows(ApiException.class, () -> BrandingUpdate.apply(DEFAULTS, request(null, null, "javascript:alert(1)", null)));
    }

    @Test
    void aTemplateSetsThePaletteAndIsNamedUntilAColourChanges() {
        Branding templated = BrandingUpdate.apply(DEFAULTS, request("dental-calm", null, null, null)).branding();
        assertEquals("template:dental-calm", templated.source());
        assertEquals("#2C5F8A", templated.palette().primaryColor());
        assertEquals("Noto Sans", templated.palette().fontFamily());
        Branding logo = BrandingUpdate.apply(templated, request(null, null, "https://example.com/l.png", null)).branding();
        assertEquals("template:dental-calm", logo.source());
        assertEquals("custom", BrandingUpdate.apply(templated, request(null, "#123456", null, null)).branding().source());
        assertEquals("custom", BrandingUpdate.apply(DEFAULTS, request(null, null, null, "New Name")).branding().source());
    }

    @Test
    void anEmptyStringClearsAnOptionalField() {
        Branding withLogo = BrandingUpdate.apply(DEFAULTS, request(null, null, "https://example.com/l.png", null)).branding();
        assertNull(BrandingUpdate.apply(withLogo, request(null, null, "", null)).branding().logoUrl());
        assertEquals("EMPTY_UPDATE", assertThrows(ApiException.class,
                () -> BrandingUpdate.apply(DEFAULTS, request(null, null, null, null))).code());
    }
}
