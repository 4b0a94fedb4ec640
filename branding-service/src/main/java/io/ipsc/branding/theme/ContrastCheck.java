package io.ipsc.branding.theme;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The readability of a palette against WCAG AA (4.5:1 for normal text). A poor pair is a warning,
 * not a refusal: brand colours are often given and a tenant must still be able to save them.
 */
public final class ContrastCheck {

    private ContrastCheck() {
    }

    /**
     * The colour of text on the primary colour (buttons, header): white or the text colour,
     * whichever reads better, so a dark primary gets white text and a light one dark text.
     */
    public static String onPrimary(Palette palette) {
        String text = palette.textColor();
        if (text == null) {
            return Colors.WHITE;
        }
        return Colors.contrastRatio(text, palette.primaryColor()) > Colors.contrastRatio(Colors.WHITE, palette.primaryColor())
                ? text : Colors.WHITE;
    }

    /** One warning per pair below 4.5:1, naming the pair and its ratio. */
    public static List<String> warnings(Palette palette) {
        List<String> warnings = new ArrayList<>();
        String onPrimary = onPrimary(palette);
        String onPrimaryName = onPrimary.equals(palette.textColor()) ? "text_color" : "white text";
        check(warnings, onPrimaryName + " (" + onPrimary + ") on primary_color (" + palette.primaryColor() + ")",
                onPrimary, palette.primaryColor());
        if (palette.textColor() != null && palette.backgroundColor() != null) {
            check(warnings, "text_color (" + palette.textColor() + ") on background_color (" + palette.backgroundColor() + ")",
                    palette.textColor(), palette.backgroundColor());
        }
        return warnings;
    }

    private static void check(List<String> warnings, String pair, String foreground, String background) {
        double ratio = Colors.contrastRatio(foreground, background);
        if (ratio < Colors.AA_NORMAL_TEXT) {
            warnings.add(String.format(Locale.ROOT, "Low contrast: %s is %.2f:1, below the WCAG AA minimum of 4.5:1 for normal text",
                    pair, ratio));
        }
    }
}
