package io.ipsc.branding.theme;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code #RRGGBB} colours: parsing, and the WCAG 2.x relative luminance and contrast ratio. */
public final class Colors {

    public static final String WHITE = "#FFFFFF";
    /** WCAG 2.x level AA for normal text. */
    public static final double AA_NORMAL_TEXT = 4.5;

    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

    private Colors() {
    }

    /** The colour in canonical upper case, or empty when it is not exactly {@code #RRGGBB}. */
    public static Optional<String> parse(String value) {
        if (value == null || !HEX.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(value.toUpperCase(Locale.ROOT));
    }

    /** Relative luminance as WCAG 2.x defines it, from 0 (black) to 1 (white). */
    public static double relativeLuminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel((rgb >> 16) & 0xFF) + 0.7152 * channel((rgb >> 8) & 0xFF) + 0.0722 * channel(rgb & 0xFF);
    }

    /** The contrast ratio of two colours, from 1:1 to 21:1, whichever order they come in. */
    public static double contrastRatio(String a, String b) {
        double la = relativeLuminance(a);
        double lb = relativeLuminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        // 0.04045 is the sRGB threshold of WCAG 2.2; WCAG 2.0 printed 0.03928, which gives the same result for 8-bit values.
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
