package io.ipsc.branding.theme;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColorsTest {

    @Test
    void onlySixDigitHexColoursParseAndComeBackInUpperCase() {
        assertEquals(Optional.of("#2E86AB"), Colors.parse("#2e86ab"));
        assertTrue(Colors.parse("#FFF").isEmpty());
        assertTrue(Colors.parse("2E86AB").isEmpty());
        assertTrue(Colors.parse("#2E86AG").isEmpty());
        assertTrue(Colors.parse("#2E86AB00").isEmpty());
        assertTrue(Colors.parse("red").isEmpty());
        assertTrue(Colors.parse(null).isEmpty());
    }

    @Test
    void contrastRatiosMatchTheWcagReferenceValues() {
        assertEquals(21.0, Colors.contrastRatio("#000000", "#FFFFFF"), 1e-9);
        assertEquals(1.0, Colors.contrastRatio("#2E86AB", "#2E86AB"), 1e-9);
        // #767676 is the lightest grey that passes AA on white; #777777 just fails.
        assertEquals(4.54, Colors.contrastRatio("#767676", "#FFFFFF"), 0.005);
        assertEquals(4.48, Colors.contrastRatio("#FFFFFF", "#777777"), 0.005);
        assertEquals(4.11, Colors.contrastRatio("#FFFFFF", "#2E86AB"), 0.005);
    }
}
