package io.ipsc.dental.treatment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToothNotationTest {

    @ParameterizedTest
    @ValueSource(ints = {11, 18, 21, 28, 31, 38, 41, 48, 51, 55, 61, 65, 71, 75, 81, 85})
    void permanentAndPrimaryTeethAreValid(int tooth) {
        assertTrue(ToothNotation.isValidTooth(tooth));
    }

    @ParameterizedTest
    @ValueSource(ints = {-11, 0, 1, 9, 10, 19, 20, 29, 30, 39, 40, 49, 50, 56, 58, 60, 66, 76, 86, 88, 90, 91, 99, 100, 111})
    void anythingElseIsInvalid(int tooth) {
        assertFalse(ToothNotation.isValidTooth(tooth));
    }

    @Test
    void primaryTeethAreQuadrantsFiveToEight() {
        assertTrue(ToothNotation.isPrimary(55));
        assertTrue(ToothNotation.isPrimary(81));
        assertFalse(ToothNotation.isPrimary(48));
        assertFalse(ToothNotation.isPrimary(59));
    }

    @Test
    void surfacesAreDistinctKnownCodes() {
        assertEquals(Optional.of("MOD"), ToothNotation.normalizeSurfaces(" mod "));
        assertEquals(Optional.of("B"), ToothNotation.normalizeSurfaces("b"));
        assertEquals(Optional.empty(), ToothNotation.normalizeSurfaces("MM"));
        assertEquals(Optional.empty(), ToothNotation.normalizeSurfaces("X"));
        assertEquals(Optional.empty(), ToothNotation.normalizeSurfaces(""));
    }
}
