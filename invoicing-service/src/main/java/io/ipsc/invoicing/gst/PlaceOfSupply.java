package io.ipsc.invoicing.gst;

import io.ipsc.tenancy.india.IndianState;

/**
 * A place of supply as the GST portal codes it: a state's two digits, 97 (other territory) or 96 (other countries,
 * an export's place of supply, which is no state of India and so not an {@link IndianState}); its templates write
 * one as code and name, {@code 29-Karnataka}.
 */
public final class PlaceOfSupply {

    public static final String OTHER_COUNTRIES = "96";
    public static final String OTHER_TERRITORY = "97";

    private PlaceOfSupply() {
    }

    /** The name of a place of supply ("Karnataka", "Other Countries", "Other Territory"); null for an unknown code. */
    public static String name(String code) {
        if (OTHER_COUNTRIES.equals(code)) {
            return "Other Countries";
        }
        return code == null ? null : IndianState.byCode(code).map(IndianState::displayName).orElse(null);
    }

    public static String label(String code) {
        if (code == null) {
            return "";
        }
        String name = name(code);
        return name == null ? code : code + "-" + name;
    }
}
