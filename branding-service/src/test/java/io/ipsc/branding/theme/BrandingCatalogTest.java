package io.ipsc.branding.theme;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrandingCatalogTest {

    @Test
    void everyOrganisationTypeHasItsOwnDefaultsAndAtLeastTwoTemplates() {
        assertEquals(3, BrandingCatalog.organizationTypes().size());
        for (String type : BrandingCatalog.organizationTypes()) {
            assertTrue(BrandingCatalog.templates().stream().filter(t -> t.organizationType().equals(type)).count() >= 2, type);
        }
        assertEquals("#005F73", BrandingCatalog.defaultsFor("dental_clinic").primaryColor());
        assertEquals("#263238", BrandingCatalog.defaultsFor("manufacturing").primaryColor());
        assertEquals(BrandingCatalog.defaultsFor("business"), BrandingCatalog.defaultsFor("something_new"));
    }

    @Test
    void theSuitesOwnPalettesAllPassWcagAa() {
        for (String type : BrandingCatalog.organizationTypes()) {
            assertEquals(List.of(), ContrastCheck.warnings(BrandingCatalog.defaultsFor(type)), type);
        }
        for (BrandingTemplate template : BrandingCatalog.templates()) {
            assertEquals(List.of(), ContrastCheck.warnings(template.palette()), template.name());
            assertTrue(BrandingCatalog.FONTS.contains(template.palette().fontFamily()), template.name());
        }
    }

    @Test
    void fontsAreMatchedWhateverTheirCase() {
        assertEquals("Noto Sans", BrandingCatalog.font("noto sans").orElseThrow());
        assertTrue(BrandingCatalog.font("Comic Sans MS").isEmpty());
    }
}
