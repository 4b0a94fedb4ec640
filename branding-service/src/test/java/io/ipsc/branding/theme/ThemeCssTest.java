package io.ipsc.branding.theme;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThemeCssTest {

    private static final Branding BRANDING = new Branding(new Palette("#2E86AB", "#A23B72", "#F18F01", null, "#FFFFFF", "Noto Sans"),
            "https://example.com/logo.png", null, "Smile Dental Clinic", Branding.CUSTOM);

    @Test
    void theBrandingBecomesCustomProperties() {
        assertEquals("""
                :root {
                  --ipsc-primary: #2E86AB;
                  --ipsc-on-primary: #FFFFFF;
                  --ipsc-secondary: #A23B72;
                  --ipsc-accent: #F18F01;
                  --ipsc-background: #FFFFFF;
                  --ipsc-font-family: "Noto Sans", system-ui, sans-serif;
                  --ipsc-logo-url: url("https://example.com/logo.png");
                }
                """, ThemeCss.render(BRANDING));
    }

    @Test
    void theEtagIsStrongStableAndFollowsTheContent() {
        String css = ThemeCss.render(BRANDING);
        String etag = ThemeCss.etag(css);
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        assertEquals(etag, ThemeCss.etag(ThemeCss.render(BRANDING)));
        assertNotEquals(etag, ThemeCss.etag(ThemeCss.render(BRANDING.withPalette(
                new Palette("#2E86AB", "#A23B72", "#F18F02", null, "#FFFFFF", "Noto Sans"), Branding.CUSTOM))));
    }

    @Test
    void ifNoneMatchIsComparedWeaklyAndAcceptsLists() {
        assertTrue(ThemeCss.matches("\"abc\"", "\"abc\""));
        assertTrue(ThemeCss.matches("W/\"abc\"", "\"abc\""));
        assertTrue(ThemeCss.matches("\"x\", \"abc\"", "\"abc\""));
        assertTrue(ThemeCss.matches("*", "\"abc\""));
        assertFalse(ThemeCss.matches("\"abd\"", "\"abc\""));
        assertFalse(ThemeCss.matches(null, "\"abc\""));
    }
}
