package io.ipsc.branding.theme;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContrastCheckTest {

    @Test
    void aDarkPrimaryWithWhiteTextAndDarkTextOnWhiteHasNoWarning() {
        assertEquals(List.of(), ContrastCheck.warnings(new Palette("#1A237E", "#3949AB", "#FFB300", "#212121", "#FFFFFF", "Inter")));
    }

    @Test
    void whiteTextOnAMidBluePrimaryIsWarnedWithItsRatio() {
        List<String> warnings = ContrastCheck.warnings(new Palette("#2E86AB", "#A23B72", "#F18F01", null, null, "Inter"));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("white text (#FFFFFF) on primary_color (#2E86AB) is 4.11:1"), warnings.get(0));
    }

    @Test
    void aLightPrimaryUsesTheTextColourWhenThatReadsBetter() {
        Palette palette = new Palette("#FFEB3B", "#A23B72", "#F18F01", "#000000", "#FFFFFF", "Inter");
        assertEquals("#000000", ContrastCheck.onPrimary(palette));
        assertEquals(List.of(), ContrastCheck.warnings(palette));
    }

    @Test
    void bothPoorPairsAreNamed() {
        List<String> warnings = ContrastCheck.warnings(new Palette("#FFEB3B", "#A23B72", "#F18F01", "#777777", "#888888", "Inter"));
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).contains("text_color (#777777) on primary_color (#FFEB3B) is 3.67:1"), warnings.get(0));
        assertTrue(warnings.get(1).contains("text_color (#777777) on background_color (#888888) is 1.26:1"), warnings.get(1));
    }
}
