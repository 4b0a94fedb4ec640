package io.ipsc.web.settings;

import io.ipsc.client.model.BrandingRequest;
import io.ipsc.web.workspace.TenantStylesheet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The branding editor's values: what is sent to branding-service, and what the live preview is written from. */
class BrandingFormTest {

    private static BrandingForm typed() {
        BrandingForm form = new BrandingForm();
        form.companyName = " Smile Dental ";
        form.primaryColor = "#8e24aa";
        form.secondaryColor = "#a23b72";
        form.accentColor = "";
        form.fontFamily = "Noto Sans";
        form.logoUrl = "javascript:alert(1)";
        return form;
    }

    @Test
    void blankFieldsAreLeftAsTheyAre() {
        BrandingRequest request = typed().toRequest();
        assertEquals("Smile Dental", request.getCompanyName());
        assertEquals("#8e24aa", request.getPrimaryColor());
        assertNull(request.getAccentColor(), "blank: branding-service keeps the current accent");
    }

    @Test
    void thePreviewStylesheetCarriesTheTypedColoursScopedToThePreview() {
        BrandingForm form = typed();
        assertEquals("primary_color=%238e24aa&secondary_color=%23a23b72&font_family=Noto+Sans", form.styleQuery());
        String css = TenantStylesheet.render(form.asBranding(), ".brand-preview");
        assertTrue(css.startsWith(".brand-preview {"), css);
        assertTrue(css.contains("--ipsc-primary: #8e24aa;"), css);
        assertTrue(css.contains("--ipsc-font-family: \"Noto Sans\""), css);
        assertFalse(css.contains("--ipsc-accent"), "nothing typed, nothing written: " + css);
    }

    @Test
    void whatIsNoColourNeverReachesTheStylesheetAndOnlyAnHttpsLogoIsPreviewed() {
        BrandingForm form = typed();
        form.primaryColor = "red;} body { display:none";
        String css = TenantStylesheet.render(form.asBranding(), ".brand-preview");
        assertFalse(css.contains("display"), css);
        assertNull(form.previewLogo());
        form.logoUrl = "https://example.com/logo.png";
        assertEquals("https://example.com/logo.png", form.previewLogo());
    }
}
