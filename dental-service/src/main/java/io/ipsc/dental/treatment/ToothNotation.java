package io.ipsc.dental.treatment;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * FDI (ISO 3950) two-digit tooth numbers: the first digit is the quadrant, the second the tooth
 * counted from the midline. Permanent teeth are quadrants 1–4 with teeth 1–8 (11–18, 21–28, 31–38,
 * 41–48); primary teeth quadrants 5–8 with teeth 1–5 (51–55, 61–65, 71–75, 81–85). Surfaces are the
 * usual one-letter codes: Mesial, Occlusal, Distal, Buccal, Lingual, Incisal, Facial, Palatal.
 */
public final class ToothNotation {

    public static final String SURFACE_CODES = "MODBLIFP";

    private ToothNotation() {
    }

    public static boolean isValidTooth(int tooth) {
        int quadrant = tooth / 10;
        int position = tooth % 10;
        if (quadrant >= 1 && quadrant <= 4) {
            return position >= 1 && position <= 8;
        }
        if (quadrant >= 5 && quadrant <= 8) {
            return position >= 1 && position <= 5;
        }
        return false;
    }

    public static boolean isPrimary(int tooth) {
        return isValidTooth(tooth) && tooth / 10 >= 5;
    }

    /**
     * The surfaces as upper-case codes in the order given, or empty when the text holds anything
     * but surface codes or names one twice.
     */
    public static Optional<String> normalizeSurfaces(String surfaces) {
        String codes = surfaces.trim().toUpperCase(Locale.ROOT);
        if (codes.isEmpty() || codes.length() > SURFACE_CODES.length()) {
            return Optional.empty();
        }
        Set<Character> seen = new HashSet<>();
        for (char c : codes.toCharArray()) {
            if (SURFACE_CODES.indexOf(c) < 0 || !seen.add(c)) {
                return Optional.empty();
            }
        }
        return Optional.of(codes);
    }
}
