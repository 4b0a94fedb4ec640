package io.ipsc.tenancy.india;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation of GST identification numbers (GSTIN). */
public final class Gstin {

    public static final int LENGTH = 15;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int RADIX = ALPHABET.length();
    private static final Pattern FORMAT =
            Pattern.compile("[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]");

    private Gstin() {
    }

    /**
     * Checks a GSTIN. Malformed input and unknown state codes are errors; a wrong check character
     * is only a warning whose message names the expected character.
     */
    public static GstinCheck check(String raw) {
        if (raw == null || raw.isBlank()) {
            String normalized = raw == null ? "" : raw.strip();
            return new GstinCheck(normalized, false, Optional.empty(), false, Optional.empty(),
                    List.of(new GstinIssue(GstinIssue.Type.MISSING, "GSTIN is missing")));
        }
        // Locale.ROOT: in a Turkish default locale "i".toUpperCase() would not give "I".
        String gstin = raw.strip().toUpperCase(Locale.ROOT);
        if (!FORMAT.matcher(gstin).matches()) {
            return new GstinCheck(gstin, false, Optional.empty(), false, Optional.empty(),
                    List.of(new GstinIssue(GstinIssue.Type.MALFORMED, describeMalformation(gstin))));
        }

        List<GstinIssue> issues = new ArrayList<>();
        String code = gstin.substring(0, 2);
        Optional<IndianState> state = IndianState.byCode(code);
        if (state.isEmpty()) {
            issues.add(new GstinIssue(GstinIssue.Type.UNKNOWN_STATE,
                    "GSTIN " + gstin + " starts with " + code + ", which is no GST state code"));
        }
        char expected = checkChar(gstin.substring(0, LENGTH - 1));
        char actual = gstin.charAt(LENGTH - 1);
        boolean checksumValid = expected == actual;
        if (!checksumValid) {
            issues.add(new GstinIssue(GstinIssue.Type.CHECKSUM_MISMATCH,
                    "GSTIN " + gstin + " ends with check character '" + actual + "' but '" + expected
                            + "' was expected"));
        }
        return new GstinCheck(gstin, true, state, checksumValid, Optional.of(expected), issues);
    }

    /**
     * Computes the 15th (check) character for the first 14 characters of a GSTIN using the
     * GSTN mod-36 algorithm.
     *
     * @throws IllegalArgumentException unless {@code first14} is 14 characters of [0-9A-Z]
     */
    public static char checkChar(String first14) {
        if (first14 == null || first14.length() != LENGTH - 1) {
            throw new IllegalArgumentException("need the first 14 characters of a GSTIN, got " + first14);
        }
        int sum = 0;
        for (int i = 0; i < first14.length(); i++) {
            int value = ALPHABET.indexOf(first14.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException(
                        "character '" + first14.charAt(i) + "' at position " + (i + 1) + " is not in [0-9A-Z]");
            }
            int product = value * (i % 2 == 0 ? 1 : 2);
            sum += product / RADIX + product % RADIX;
        }
        return ALPHABET.charAt((RADIX - sum % RADIX) % RADIX);
    }

    /**
     * A warning when the GSTIN's state differs from the address state it is filed with; empty if
     * they agree or either is unknown. GSTINs under 97 or 99 never warn, since no address can be
     * in those jurisdictions.
     */
    public static Optional<GstinIssue> stateMismatch(GstinCheck check, IndianState addressState) {
        if (check == null || addressState == null || check.state().isEmpty()) {
            return Optional.empty();
        }
        IndianState gstinState = check.state().get();
        if (gstinState == addressState || !gstinState.isAddressState()) {
            return Optional.empty();
        }
        return Optional.of(new GstinIssue(GstinIssue.Type.STATE_MISMATCH,
                "GSTIN " + check.normalized() + " is registered in " + gstinState.code() + " "
                        + gstinState.displayName() + " but the address is in " + addressState.code()
                        + " " + addressState.displayName()));
    }

    // Names the first offending position so a user can fix a typo without counting characters.
    private static String describeMalformation(String gstin) {
        String prefix = "GSTIN " + gstin + " is malformed: ";
        if (gstin.length() != LENGTH) {
            return prefix + "expected " + LENGTH + " characters, got " + gstin.length();
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = gstin.charAt(i);
            String expected = expectedAt(i);
            if (!Pattern.matches(characterClassAt(i), String.valueOf(c))) {
                return prefix + "character " + (i + 1) + " is '" + c + "', expected " + expected;
            }
        }
        return prefix + "does not match the GSTIN pattern";
    }

    private static String characterClassAt(int i) {
        if (i < 2 || (i >= 7 && i < 11)) {
            return "[0-9]";
        }
        if (i < 7 || i == 11) {
            return "[A-Z]";
        }
        if (i == 12) {
            return "[1-9A-Z]";
        }
        return i == 13 ? "Z" : "[0-9A-Z]";
    }

    private static String expectedAt(int i) {
        if (i < 2) {
            return "a digit (state code)";
        }
        if (i < 7) {
            return "a letter (PAN)";
        }
        if (i < 11) {
            return "a digit (PAN)";
        }
        if (i == 11) {
            return "a letter (PAN)";
        }
        if (i == 12) {
            return "1-9 or a letter (entity number)";
        }
        return i == 13 ? "'Z'" : "a digit or letter (check character)";
    }
}
