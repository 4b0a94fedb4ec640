package io.ipsc.tenancy.india;

import java.util.Optional;
import java.util.regex.Pattern;

/** Indian postal index numbers (PIN codes): six digits, the first 1–9. */
public final class PinCode {

    /** Postal region named by a PIN code's first digit. */
    public enum Region {
        /** 1–2: Delhi, Haryana, Punjab, Himachal Pradesh, Jammu and Kashmir, Ladakh, Chandigarh, Uttar Pradesh, Uttarakhand. */
        NORTHERN,
        /** 3–4: Rajasthan, Gujarat, Dadra and Nagar Haveli and Daman and Diu, Maharashtra, Madhya Pradesh, Chhattisgarh, Goa. */
        WESTERN,
        /** 5–6: Andhra Pradesh, Telangana, Karnataka, Kerala, Tamil Nadu, Puducherry, Lakshadweep. */
        SOUTHERN,
        /** 7–8: West Bengal, Odisha, the North-East, Sikkim, Andaman and Nicobar Islands, Bihar, Jharkhand. */
        EASTERN,
        /** 9: Army Postal Service. */
        ARMY_POSTAL_SERVICE
    }

    // India Post prints PINs as "400 001", so one space after the third digit is accepted.
    private static final Pattern FORMAT = Pattern.compile("[1-9][0-9]{2} ?[0-9]{3}");

    private PinCode() {
    }

    public static boolean isValid(String raw) {
        return normalize(raw).isPresent();
    }

    /** The six digits without spaces, or empty if invalid. Surrounding whitespace is ignored. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        return FORMAT.matcher(s).matches() ? Optional.of(s.replace(" ", "")) : Optional.empty();
    }

    /** The postal region of a valid PIN code. */
    public static Optional<Region> region(String raw) {
        return normalize(raw).map(pin -> switch (pin.charAt(0)) {
            case '1', '2' -> Region.NORTHERN;
            case '3', '4' -> Region.WESTERN;
            case '5', '6' -> Region.SOUTHERN;
            case '7', '8' -> Region.EASTERN;
            default -> Region.ARMY_POSTAL_SERVICE;
        });
    }
}
