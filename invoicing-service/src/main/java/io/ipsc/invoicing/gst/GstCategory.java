package io.ipsc.invoicing.gst;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A customer's GST category, as india-compliance's {@code gst_category} sorts parties (Registered Regular,
 * Unregistered, SEZ, Overseas, Deemed Export): it decides how the customer's invoices are taxed, which GSTR-1
 * table they go to and whether e-invoicing applies. Written in the API as {@code registered}, {@code sez}, ...
 */
public enum GstCategory {
    REGISTERED, UNREGISTERED, SEZ, OVERSEAS, DEEMED_EXPORT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category a party has when none is named: registered with a GSTIN, unregistered without. */
    public static GstCategory fromGstin(String gstin) {
        return gstin == null || gstin.isBlank() ? UNREGISTERED : REGISTERED;
    }

    public static Optional<GstCategory> byCode(String code) {
        return code == null ? Optional.empty() : Arrays.stream(values()).filter(c -> c.code().equals(code.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(GstCategory::code).toList();
    }

    /** SEZ supplies and exports are zero-rated (Section 16 IGST Act): IGST whatever the states, or none under LUT/bond. */
    public boolean zeroRated() {
        return this == SEZ || this == OVERSEAS;
    }

    /** Every category but unregistered buyers is business to business: e-invoicing and GSTR-1's B2B/EXP tables. */
    public boolean business() {
        return this != UNREGISTERED;
    }
}
