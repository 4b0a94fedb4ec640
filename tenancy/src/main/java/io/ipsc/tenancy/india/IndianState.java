package io.ipsc.tenancy.india;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Indian states and union territories with their GST state codes.
 *
 * <p>{@link #OTHER_TERRITORY} (97) and {@link #CENTRE_JURISDICTION} (99) are valid in a GSTIN but
 * are not places anyone can live in: {@link #isAddressState()} is false for them.
 */
public enum IndianState {
    JAMMU_AND_KASHMIR("01", "Jammu and Kashmir", "J&K", "Jammu Kashmir"),
    HIMACHAL_PRADESH("02", "Himachal Pradesh"),
    PUNJAB("03", "Punjab"),
    CHANDIGARH("04", "Chandigarh"),
    UTTARAKHAND("05", "Uttarakhand", "Uttaranchal"),
    HARYANA("06", "Haryana"),
    DELHI("07", "Delhi", "NCT of Delhi", "New Delhi", "National Capital Territory of Delhi", "Delhi NCT"),
    RAJASTHAN("08", "Rajasthan"),
    UTTAR_PRADESH("09", "Uttar Pradesh"),
    BIHAR("10", "Bihar"),
    SIKKIM("11", "Sikkim"),
    ARUNACHAL_PRADESH("12", "Arunachal Pradesh"),
    NAGALAND("13", "Nagaland"),
    MANIPUR("14", "Manipur"),
    MIZORAM("15", "Mizoram"),
    TRIPURA("16", "Tripura"),
    MEGHALAYA("17", "Meghalaya"),
    ASSAM("18", "Assam"),
    WEST_BENGAL("19", "West Bengal"),
    JHARKHAND("20", "Jharkhand"),
    ODISHA("21", "Odisha", "Orissa"),
    CHHATTISGARH("22", "Chhattisgarh", "Chattisgarh"),
    MADHYA_PRADESH("23", "Madhya Pradesh"),
    GUJARAT("24", "Gujarat"),
    // Merged in 2020; both former UTs' names still appear on addresses, so both resolve here.
    DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU("26", "Dadra and Nagar Haveli and Daman and Diu",
            "Dadra and Nagar Haveli", "Dadra Nagar Haveli", "Daman and Diu", "DNHDD", "DNH and DD"),
    MAHARASHTRA("27", "Maharashtra"),
    KARNATAKA("29", "Karnataka"),
    GOA("30", "Goa"),
    LAKSHADWEEP("31", "Lakshadweep"),
    KERALA("32", "Kerala"),
    TAMIL_NADU("33", "Tamil Nadu"),
    PUDUCHERRY("34", "Puducherry", "Pondicherry"),
    ANDAMAN_AND_NICOBAR_ISLANDS("35", "Andaman and Nicobar Islands", "Andaman and Nicobar",
            "Andaman and Nicobar Island"),
    TELANGANA("36", "Telangana"),
    ANDHRA_PRADESH("37", "Andhra Pradesh"),
    LADAKH("38", "Ladakh"),
    OTHER_TERRITORY("97", "Other Territory"),
    CENTRE_JURISDICTION("99", "Centre Jurisdiction", "Center Jurisdiction");

    /** Daman and Diu's code before the 2020 merger; GSTINs issued then still carry it. */
    private static final String LEGACY_DAMAN_AND_DIU_CODE = "25";

    private static final Map<String, IndianState> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(IndianState::code, Function.identity()));

    private static final Map<String, IndianState> BY_NAME = Arrays.stream(values())
            .flatMap(s -> s.names.stream().map(n -> Map.entry(normalizeName(n), s)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, IndianState::sameState));

    // Aliases may fold onto the same key ("J&K", "J and K"); two states claiming one name is a bug.
    private static IndianState sameState(IndianState a, IndianState b) {
        if (a != b) {
            throw new IllegalStateException("name shared by " + a + " and " + b);
        }
        return a;
    }

    private final String code;
    private final String displayName;
    private final List<String> names;

    IndianState(String code, String displayName, String... aliases) {
        this.code = code;
        this.displayName = displayName;
        this.names = concat(displayName, aliases);
    }

    private static List<String> concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return List.of(all);
    }

    /** Two-digit GST state code, e.g. {@code "07"}. */
    public String code() {
        return code;
    }

    /** Official name, e.g. {@code "Delhi"}. */
    public String displayName() {
        return displayName;
    }

    /** False for the GST-only jurisdictions 97 and 99, which cannot be the state of an address. */
    public boolean isAddressState() {
        return this != OTHER_TERRITORY && this != CENTRE_JURISDICTION;
    }

    /**
     * Looks up a two-digit GST state code (surrounding whitespace ignored). {@code "25"} resolves to
     * {@link #DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU}.
     */
    public static Optional<IndianState> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip();
        if (LEGACY_DAMAN_AND_DIU_CODE.equals(c)) {
            return Optional.of(DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU);
        }
        return Optional.ofNullable(BY_CODE.get(c));
    }

    /**
     * Looks up a state by official name or common alias, ignoring case, extra spaces, punctuation
     * and {@code &} versus {@code and}. Includes 97 and 99; check {@link #isAddressState()} for
     * addresses, or use {@link #addressStateByName(String)}.
     */
    public static Optional<IndianState> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(normalizeName(name)));
    }

    /** Like {@link #byName(String)} but only states that can appear in an address. */
    public static Optional<IndianState> addressStateByName(String name) {
        return byName(name).filter(IndianState::isAddressState);
    }

    /** The states and union territories that can appear in an address (everything except 97 and 99). */
    public static List<IndianState> addressStates() {
        return Arrays.stream(values()).filter(IndianState::isAddressState).toList();
    }

    // Folds the spellings people type ("Jammu & Kashmir", "N.C.T. of Delhi", "  tamil   nadu ")
    // onto one key so aliases need not be listed in every variant.
    private static String normalizeName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replace("&", " and ");
        s = s.replaceAll("[^a-z]+", " ").strip();
        // "N.C.T." becomes "n c t": glue single letters back so it matches "nct".
        s = s.replaceAll("\\b([a-z]) (?=[a-z]\\b)", "$1");
        return s;
    }
}
