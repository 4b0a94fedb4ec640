package io.ipsc.tenancy.india;

import java.util.Optional;

/**
 * Indian phone numbers. Spaces, hyphens, dots and parentheses are ignored.
 *
 * <p>Accepted: {@code +91}, {@code 91} or a trunk {@code 0} followed by a 10-digit national number
 * starting 1–9 (a mobile, or a landline's STD code plus subscriber number such as
 * {@code 022-12345678} or {@code +91-80-12345678}); or a bare 10-digit mobile starting 6–9. A bare 10
 * digits starting 1–5 is rejected: without a prefix it is more likely a mistyped mobile than a
 * landline.
 *
 * <p>Mobiles and landlines are deliberately not told apart: STD codes such as 080 (Bengaluru) or 0612
 * (Patna) begin with the same digits as mobile numbers.
 */
public final class IndianPhone {

    private static final String COUNTRY_CODE = "91";
    private static final int NATIONAL_LENGTH = 10;

    private IndianPhone() {
    }

    public static boolean isValid(String raw) {
        return nationalNumber(raw).isPresent();
    }

    /** The number as {@code +91XXXXXXXXXX}, or empty if it is not a valid Indian number. */
    public static Optional<String> normalize(String raw) {
        return nationalNumber(raw).map(n -> "+" + COUNTRY_CODE + n);
    }

    // Returns the 10-digit national number, without country code or trunk 0.
    private static Optional<String> nationalNumber(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip().replaceAll("[\\s\\-.()]", "");
        boolean plus = s.startsWith("+");
        String digits = plus ? s.substring(1) : s;
        if (digits.isEmpty() || !isAsciiDigits(digits)) {
            return Optional.empty();
        }

        String national;
        boolean mobileOnly = false;
        if (plus) {
            if (digits.length() != COUNTRY_CODE.length() + NATIONAL_LENGTH || !digits.startsWith(COUNTRY_CODE)) {
                return Optional.empty();
            }
            national = digits.substring(COUNTRY_CODE.length());
        } else if (digits.length() == COUNTRY_CODE.length() + NATIONAL_LENGTH && digits.startsWith(COUNTRY_CODE)) {
            national = digits.substring(COUNTRY_CODE.length());
        } else if (digits.length() == 1 + NATIONAL_LENGTH && digits.charAt(0) == '0') {
            national = digits.substring(1);
        } else if (digits.length() == NATIONAL_LENGTH) {
            national = digits;
            mobileOnly = true;
        } else {
            return Optional.empty();
        }

        char first = national.charAt(0);
        // National numbers never start with 0; bare ones must look like a mobile.
        boolean accepted = mobileOnly ? first >= '6' : first >= '1';
        return accepted ? Optional.of(national) : Optional.empty();
    }

    // Character.isDigit would accept Devanagari and other non-ASCII digits.
    private static boolean isAsciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
