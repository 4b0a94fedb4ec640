package io.ipsc.tenancy.india;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IndianStateTest {

    @Test
    void codeTableMatchesGstList() {
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("01", "Jammu and Kashmir"), Map.entry("02", "Himachal Pradesh"),
                Map.entry("03", "Punjab"), Map.entry("04", "Chandigarh"), Map.entry("05", "Uttarakhand"),
                Map.entry("06", "Haryana"), Map.entry("07", "Delhi"), Map.entry("08", "Rajasthan"),
                Map.entry("09", "Uttar Pradesh"), Map.entry("10", "Bihar"), Map.entry("11", "Sikkim"),
                Map.entry("12", "Arunachal Pradesh"), Map.entry("13", "Nagaland"), Map.entry("14", "Manipur"),
                Map.entry("15", "Mizoram"), Map.entry("16", "Tripura"), Map.entry("17", "Meghalaya"),
                Map.entry("18", "Assam"), Map.entry("19", "West Bengal"), Map.entry("20", "Jharkhand"),
                Map.entry("21", "Odisha"), Map.entry("22", "Chhattisgarh"), Map.entry("23", "Madhya Pradesh"),
                Map.entry("24", "Gujarat"), Map.entry("26", "Dadra and Nagar Haveli and Daman and Diu"),
                Map.entry("27", "Maharashtra"), Map.entry("29", "Karnataka"), Map.entry("30", "Goa"),
                Map.entry("31", "Lakshadweep"), Map.entry("32", "Kerala"), Map.entry("33", "Tamil Nadu"),
                Map.entry("34", "Puducherry"), Map.entry("35", "Andaman and Nicobar Islands"),
                Map.entry("36", "Telangana"), Map.entry("37", "Andhra Pradesh"), Map.entry("38", "Ladakh"),
                Map.entry("97", "Other Territory"), Map.entry("99", "Centre Jurisdiction")));
        Map<String, String> actual = Arrays.stream(IndianState.values())
                .collect(Collectors.toMap(IndianState::code, IndianState::displayName, (a, b) -> a, TreeMap::new));
        assertEquals(expected, actual);
        assertEquals(expected.size(), IndianState.values().length, "codes are unique");
    }

    @Test
    void everyStateIsFoundByItsOwnCodeAndName() {
        for (IndianState s : IndianState.values()) {
            assertEquals(Optional.of(s), IndianState.byCode(s.code()), s.name());
            assertEquals(Optional.of(s), IndianState.byName(s.displayName()), s.name());
        }
    }

    @Test
    void legacyDamanAndDiuCodeIsAnAliasOfTheMergedUt() {
        assertEquals(Optional.of(IndianState.DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU), IndianState.byCode("25"));
        assertEquals("26", IndianState.byCode("25").orElseThrow().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "28", "39", "96", "98", "7", "007", "AB", "+7", "1 0"})
    void unknownCodes(String code) {
        assertEquals(Optional.empty(), IndianState.byCode(code));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void nullAndBlankFindNothing(String input) {
        assertEquals(Optional.empty(), IndianState.byCode(input));
        assertEquals(Optional.empty(), IndianState.byName(input));
        assertEquals(Optional.empty(), IndianState.addressStateByName(input));
    }

    @Test
    void codeLookupIgnoresSurroundingSpaces() {
        assertEquals(Optional.of(IndianState.DELHI), IndianState.byCode(" 07 "));
    }

    @ParameterizedTest
    @CsvSource({
            "Maharashtra, MAHARASHTRA",
            "Karnataka, KARNATAKA",
            "Delhi, DELHI",
            "'  maharashtra ', MAHARASHTRA",
            "KARNATAKA, KARNATAKA",
            "'tamil    nadu', TAMIL_NADU",
            "Orissa, ODISHA",
            "Pondicherry, PUDUCHERRY",
            "NCT of Delhi, DELHI",
            "N.C.T. of Delhi, DELHI",
            "New Delhi, DELHI",
            "National Capital Territory of Delhi, DELHI",
            "J&K, JAMMU_AND_KASHMIR",
            "J & K, JAMMU_AND_KASHMIR",
            "Jammu & Kashmir, JAMMU_AND_KASHMIR",
            "jammu and kashmir, JAMMU_AND_KASHMIR",
            "Andaman & Nicobar, ANDAMAN_AND_NICOBAR_ISLANDS",
            "Andaman & Nicobar Islands, ANDAMAN_AND_NICOBAR_ISLANDS",
            "Dadra & Nagar Haveli, DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU",
            "Daman & Diu, DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU",
            "Dadra & Nagar Haveli & Daman & Diu, DADRA_AND_NAGAR_HAVELI_AND_DAMAN_AND_DIU",
            "Uttaranchal, UTTARAKHAND",
            "centre jurisdiction, CENTRE_JURISDICTION",
    })
    void namesAndAliases(String name, IndianState expected) {
        assertEquals(Optional.of(expected), IndianState.byName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bombay", "Mumbai", "Pradesh", "Delhi Pradesh", "AP", "Kashmir", "Narnia"})
    void unknownNames(String name) {
        assertEquals(Optional.empty(), IndianState.byName(name));
    }

    @Test
    void gstOnlyJurisdictionsAreNotAddressStates() {
        assertFalse(IndianState.OTHER_TERRITORY.isAddressState());
        assertFalse(IndianState.CENTRE_JURISDICTION.isAddressState());
        assertTrue(IndianState.DELHI.isAddressState());
        assertEquals(Optional.empty(), IndianState.addressStateByName("Other Territory"));
        assertEquals(Optional.of(IndianState.OTHER_TERRITORY), IndianState.byName("Other Territory"));
        assertEquals(Optional.of(IndianState.KARNATAKA), IndianState.addressStateByName("karnataka"));
        assertEquals(36, IndianState.addressStates().size());
        assertFalse(IndianState.addressStates().contains(IndianState.CENTRE_JURISDICTION));
        assertEquals(Set.copyOf(IndianState.addressStates()).size(), IndianState.addressStates().size());
    }
}
