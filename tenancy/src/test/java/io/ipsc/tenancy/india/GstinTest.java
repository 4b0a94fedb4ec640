package io.ipsc.tenancy.india;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GstinTest {

    @ParameterizedTest
    @ValueSource(strings = {"27AAPFU0939F1ZV", "29AAGCB7383J1Z4", "33AAACH7409R1Z8"})
    void publicGstinsAreFullyValid(String gstin) {
        GstinCheck c = Gstin.check(gstin);
        assertTrue(c.wellFormed());
        assertTrue(c.checksumValid());
        assertTrue(c.isFullyValid(), c.issues().toString());
        assertTrue(c.isAcceptable());
        assertEquals(gstin, c.normalized());
        assertEquals(Optional.of(gstin.charAt(14)), c.expectedCheckChar());
    }

    @Test
    void knownGstinResolvesStateAndPan() {
        GstinCheck c = Gstin.check("27AAPFU0939F1ZV");
        assertEquals(Optional.of(IndianState.MAHARASHTRA), c.state());
        assertEquals(Optional.of("AAPFU0939F"), c.pan());
        assertEquals('V', Gstin.checkChar("27AAPFU0939F1Z"));
    }

    @Test
    void computedCheckCharacterMakesAValidGstin() {
        for (String prefix : List.of("07AAACR5055K1Z", "24ABCDE1234F2Z", "37ZZZZZ9999Z9Z", "01AAAAA0000A1Z")) {
            String gstin = prefix + Gstin.checkChar(prefix);
            assertTrue(Gstin.check(gstin).isFullyValid(), gstin);
        }
    }

    @Test
    void lowerCaseAndSurroundingSpacesAreNormalized() {
        GstinCheck c = Gstin.check("  27aapfu0939f1zv\t");
        assertEquals("27AAPFU0939F1ZV", c.normalized());
        assertTrue(c.isFullyValid());
    }

    @Test
    void legacyDamanAndDiuCodeIsAccepted() {
        String gstin = "25AAAAA0000A1Z" + Gstin.checkChar("25AAAAA0000A1Z");
        GstinCheck c = Gstin.check(gstin);
        assertTrue(c.isFullyValid());
        assertEquals(Optional.of(IndianState.DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU), c.state());
    }

    @Test
    void gstOnlyJurisdictionCodesAreValidInGstins() {
        for (String prefix : List.of("97AAAAA0000A1Z", "99AAAAA0000A1Z")) {
            GstinCheck c = Gstin.check(prefix + Gstin.checkChar(prefix));
            assertTrue(c.isFullyValid(), prefix);
        }
    }

    // The seed guide's GSTINs are well-formed with known states, but their check characters are
    // not what the algorithm computes (V, L and 8), so each carries exactly one warning.
    @ParameterizedTest
    @CsvSource({
            "27AABFS1234A1Z5, MAHARASHTRA, V",
            "29AABPM5678B2Z9, KARNATAKA, L",
            "24AABAT9876C3Z1, GUJARAT, 8",
    })
    void seedGstinsHaveWrongCheckCharacters(String gstin, IndianState state, char expected) {
        GstinCheck c = Gstin.check(gstin);
        assertTrue(c.wellFormed());
        assertEquals(Optional.of(state), c.state());
        assertFalse(c.checksumValid());
        assertEquals(Optional.of(expected), c.expectedCheckChar());
        assertTrue(c.isAcceptable(), "a wrong check character is not an error");
        assertFalse(c.isFullyValid());
        assertEquals(List.of(), c.errors());
        assertEquals(1, c.warnings().size());
        GstinIssue w = c.warnings().get(0);
        assertEquals(GstinIssue.Type.CHECKSUM_MISMATCH, w.type());
        assertEquals(GstinIssue.Severity.WARNING, w.severity());
        assertTrue(w.message().contains("'" + expected + "' was expected"), w.message());
        assertTrue(Gstin.check(gstin.substring(0, 14) + expected).isFullyValid());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void missing(String input) {
        GstinCheck c = Gstin.check(input);
        assertFalse(c.wellFormed());
        assertFalse(c.isAcceptable());
        assertTrue(c.has(GstinIssue.Type.MISSING));
        assertEquals(1, c.issues().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "27AAPFU0939F1Z | expected 15 characters, got 14",
            "27AAPFU0939F1ZVX | expected 15 characters, got 16",
            "27 AAPFU0939F1ZV | expected 15 characters, got 16",
            "2AAAPFU0939F1ZV | character 2 is 'A', expected a digit",
            "271APFU0939F1ZV | character 3 is '1', expected a letter",
            "27AAPFUO939F1ZV | character 8 is 'O', expected a digit",
            "27AAPFU093991ZV | character 12 is '9', expected a letter",
            "27AAPFU0939F0ZV | character 13 is '0', expected 1-9 or a letter",
            "27AAPFU0939F1YV | character 14 is 'Y', expected 'Z'",
            "27AAPFU0939F1Z- | character 15 is '-', expected a digit or letter",
    })
    void malformed(String input, String messagePart) {
        GstinCheck c = Gstin.check(input);
        assertFalse(c.wellFormed());
        assertFalse(c.checksumValid());
        assertEquals(Optional.empty(), c.state());
        assertEquals(Optional.empty(), c.pan());
        assertEquals(Optional.empty(), c.expectedCheckChar());
        assertEquals(1, c.errors().size());
        GstinIssue e = c.errors().get(0);
        assertEquals(GstinIssue.Type.MALFORMED, e.type());
        assertEquals(GstinIssue.Severity.ERROR, e.severity());
        assertTrue(e.message().contains(messagePart), e.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "28", "39", "98"})
    void unknownStateCodeIsAnError(String code) {
        String prefix = code + "AAPFU0939F1Z";
        GstinCheck c = Gstin.check(prefix + Gstin.checkChar(prefix));
        assertTrue(c.wellFormed());
        assertTrue(c.checksumValid());
        assertEquals(Optional.empty(), c.state());
        assertFalse(c.isAcceptable());
        assertEquals(List.of(GstinIssue.Type.UNKNOWN_STATE), c.errors().stream().map(GstinIssue::type).toList());
        assertTrue(c.errors().get(0).message().contains(code));
    }

    @Test
    void unknownStateAndWrongCheckCharacterAreBothReported() {
        String prefix = "00AAPFU0939F1Z";
        char wrong = Gstin.checkChar(prefix) == '0' ? '1' : '0';
        GstinCheck c = Gstin.check(prefix + wrong);
        assertTrue(c.has(GstinIssue.Type.UNKNOWN_STATE));
        assertTrue(c.has(GstinIssue.Type.CHECKSUM_MISMATCH));
        assertEquals(1, c.errors().size());
        assertEquals(1, c.warnings().size());
    }

    @Test
    void checkCharRejectsBadPrefixes() {
        assertThrows(IllegalArgumentException.class, () -> Gstin.checkChar(null));
        assertThrows(IllegalArgumentException.class, () -> Gstin.checkChar("27AAPFU0939F1"));
        assertThrows(IllegalArgumentException.class, () -> Gstin.checkChar("27aapfu0939f1z"));
    }

    @Test
    void stateMismatchWarnsWhenGstinAndAddressDisagree() {
        GstinCheck gujarat = Gstin.check("24AABAT9876C3Z1");
        Optional<GstinIssue> w = Gstin.stateMismatch(gujarat, IndianState.DELHI);
        assertTrue(w.isPresent());
        assertEquals(GstinIssue.Type.STATE_MISMATCH, w.get().type());
        assertEquals(GstinIssue.Severity.WARNING, w.get().severity());
        assertEquals("GSTIN 24AABAT9876C3Z1 is registered in 24 Gujarat but the address is in 07 Delhi",
                w.get().message());
    }

    @Test
    void noStateMismatchWhenTheyAgreeOrCannotBeCompared() {
        assertEquals(Optional.empty(), Gstin.stateMismatch(Gstin.check("27AABFS1234A1Z5"), IndianState.MAHARASHTRA));
        assertEquals(Optional.empty(), Gstin.stateMismatch(Gstin.check("29AABPM5678B2Z9"), IndianState.KARNATAKA));
        assertEquals(Optional.empty(), Gstin.stateMismatch(Gstin.check("27AAPFU0939F1ZV"), null));
        assertEquals(Optional.empty(), Gstin.stateMismatch(null, IndianState.DELHI));
        assertEquals(Optional.empty(), Gstin.stateMismatch(Gstin.check("junk"), IndianState.DELHI));
        assertEquals(Optional.empty(), Gstin.stateMismatch(Gstin.check("00AAPFU0939F1Z0"), IndianState.DELHI));
        String legacy = "25AAAAA0000A1Z" + Gstin.checkChar("25AAAAA0000A1Z");
        assertEquals(Optional.empty(),
                Gstin.stateMismatch(Gstin.check(legacy), IndianState.DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU));
        String centre = "99AAAAA0000A1Z" + Gstin.checkChar("99AAAAA0000A1Z");
        assertEquals(Optional.empty(), Gstin.stateMismatch(Gstin.check(centre), IndianState.DELHI));
    }

    @Test
    void issuesListIsImmutable() {
        GstinCheck c = Gstin.check("27AABFS1234A1Z5");
        assertThrows(UnsupportedOperationException.class, () -> c.issues().clear());
    }
}
