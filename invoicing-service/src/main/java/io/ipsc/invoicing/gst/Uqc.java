package io.ipsc.invoicing.gst;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GSTN's unit quantity codes (UQC), which GSTR-1's HSN summary (Table 12) asks for, and the common
 * spellings of units that stand for them. A product's unit is kept as the tenant typed it (the tax invoice
 * prints it); its UQC is derived here. The list is the one the returns offline tool and the e-invoice
 * schema accept (india-compliance's {@code UOM_MAP} holds the same codes).
 */
public final class Uqc {

    /** Others: a goods unit outside the list (units stored before units were checked report as this). */
    public static final String OTHERS = "OTH";
    /** Services (SAC codes, 99…) carry no quantity unit in Table 12. */
    public static final String NOT_APPLICABLE = "NA";

    private static final Map<String, String> CODES = new LinkedHashMap<>();
    private static final Map<String, String> SPELLINGS = new LinkedHashMap<>();

    static {
        String[][] codes = {
                {"BAG", "BAGS"}, {"BAL", "BALE"}, {"BDL", "BUNDLES"}, {"BKL", "BUCKLES"}, {"BOU", "BILLION OF UNITS"},
                {"BOX", "BOX"}, {"BTL", "BOTTLES"}, {"BUN", "BUNCHES"}, {"CAN", "CANS"}, {"CBM", "CUBIC METERS"},
                {"CCM", "CUBIC CENTIMETERS"}, {"CMS", "CENTIMETERS"}, {"CTN", "CARTONS"}, {"DOZ", "DOZENS"}, {"DRM", "DRUMS"},
                {"GGK", "GREAT GROSS"}, {"GMS", "GRAMMES"}, {"GRS", "GROSS"}, {"GYD", "GROSS YARDS"}, {"KGS", "KILOGRAMS"},
                {"KLR", "KILOLITRE"}, {"KME", "KILOMETRE"}, {"LTR", "LITRES"}, {"MLT", "MILILITRE"}, {"MTR", "METERS"},
                {"MTS", "METRIC TON"}, {"NOS", "NUMBERS"}, {"OTH", "OTHERS"}, {"PAC", "PACKS"}, {"PCS", "PIECES"},
                {"PRS", "PAIRS"}, {"QTL", "QUINTAL"}, {"ROL", "ROLLS"}, {"SET", "SETS"}, {"SQF", "SQUARE FEET"},
                {"SQM", "SQUARE METERS"}, {"SQY", "SQUARE YARDS"}, {"TBS", "TABLETS"}, {"TGM", "TEN GROSS"}, {"THD", "THOUSANDS"},
                {"TON", "TONNES"}, {"TUB", "TUBES"}, {"UGS", "US GALLONS"}, {"UNT", "UNITS"}, {"YDS", "YARDS"}};
        for (String[] c : codes) {
            CODES.put(c[0], c[1]);
        }
        // How units are commonly written on Indian invoices, each to its code. Time units (a service's hours, days,
        // visits) have no code of their own: they are "others", and a service reports NA whatever its unit.
        spell("NOS", "no", "nos.", "no.", "number", "numbers", "num");
        spell("PCS", "pc", "pcs.", "piece", "pieces");
        spell("UNT", "unit", "units");
        spell("KGS", "kg", "kgs.", "kilo", "kilos", "kilogram", "kilograms");
        spell("GMS", "g", "gm", "gram", "grams", "gramme", "grammes");
        spell("MTS", "mt", "metric ton", "metric tonne");
        spell("TON", "tonne", "tonnes", "tons", "t");
        spell("QTL", "quintal", "quintals");
        spell("LTR", "l", "ltr.", "litre", "litres", "liter", "liters", "lit");
        spell("MLT", "ml", "millilitre", "millilitres", "milliliter", "milliliters");
        spell("KLR", "kl", "kilolitre", "kilolitres");
        spell("MTR", "m", "mtr.", "mtrs", "metre", "metres", "meter", "meters");
        spell("CMS", "cm", "centimetre", "centimetres", "centimeter", "centimeters");
        spell("KME", "km", "kilometre", "kilometres", "kilometer", "kilometers");
        spell("SQF", "sqft", "sq ft", "sq. ft.", "square foot", "square feet");
        spell("SQM", "sqm", "sq m", "sq. m.", "square metre", "square metres", "square meter", "square meters");
        spell("SQY", "sqyd", "sq yd", "square yard", "square yards");
        spell("CBM", "cbm", "cubic metre", "cubic metres", "cubic meter", "cubic meters");
        spell("YDS", "yd", "yard", "yards");
        spell("BOX", "boxes");
        spell("BAG", "bags");
        spell("BTL", "bottle", "bottles");
        spell("CAN", "cans");
        spell("CTN", "carton", "cartons");
        spell("DRM", "drum", "drums");
        spell("DOZ", "dozen", "dozens", "dz");
        spell("PAC", "pack", "packs", "packet", "packets", "pkt");
        spell("PRS", "pair", "pairs");
        spell("SET", "sets");
        spell("ROL", "roll", "rolls");
        spell("TBS", "tablet", "tablets", "tab");
        spell("TUB", "tube", "tubes");
        spell("BDL", "bundle", "bundles");
        spell("BUN", "bunch", "bunches");
        spell("THD", "thousand", "thousands");
        spell(OTHERS, "other", "others", "hr", "hrs", "hour", "hours", "day", "days", "month", "months", "visit", "visits",
                "session", "sessions", "job", "jobs", "service", "services", "lot", "lots");
    }

    private Uqc() {
    }

    private static void spell(String code, String... spellings) {
        for (String s : spellings) {
            SPELLINGS.put(s, code);
        }
    }

    /** The UQC a unit stands for: a code itself (any case) or one of its common spellings; empty when neither. */
    public static Optional<String> of(String unit) {
        if (unit == null || unit.isBlank()) {
            return Optional.empty();
        }
        String key = unit.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String upper = key.toUpperCase(Locale.ROOT);
        if (CODES.containsKey(upper)) {
            return Optional.of(upper);
        }
        return Optional.ofNullable(SPELLINGS.get(key));
    }

    /**
     * The UQC a line reports under in Table 12: NA for a service (SAC, 99…), else its unit's code, and OTH for
     * a unit outside the list (lines and products stored before units were checked; free-text lines).
     */
    public static String reported(String unit, String hsnSac) {
        if (hsnSac != null && hsnSac.startsWith("99")) {
            return NOT_APPLICABLE;
        }
        return of(unit).orElse(OTHERS);
    }

    /** The code with its description, as the offline tool's templates write it: {@code KGS-KILOGRAMS}. */
    public static String withDescription(String code) {
        return CODES.containsKey(code) ? code + "-" + CODES.get(code) : code;
    }

    /** The codes and some spellings, for an error that tells the tenant what it may write. */
    public static String allowed() {
        return String.join(", ", CODES.keySet()) + " (or a common spelling: pcs, kg, g, l, ml, m, box, dozen, pack, pair, hrs, …)";
    }
}
