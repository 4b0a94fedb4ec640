package io.ipsc.tenancy.india;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PinCodeTest {

    @ParameterizedTest
    @CsvSource({
            // seed values: Mumbai, Bengaluru, New Delhi
            "400001, 400001, WESTERN",
            "560001, 560001, SOUTHERN",
            "110001, 110001, NORTHERN",
            "'400 001', 400001, WESTERN",
            "' 560001 ', 560001, SOUTHERN",
            "700001, 700001, EASTERN",
            "999999, 999999, ARMY_POSTAL_SERVICE",
            "100000, 100000, NORTHERN",
    })
    void validPins(String input, String normalized, PinCode.Region region) {
        assertTrue(PinCode.isValid(input));
        assertEquals(Optional.of(normalized), PinCode.normalize(input));
        assertEquals(Optional.of(region), PinCode.region(input));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "012345", "000000", "40000", "4000011", "40000A", "40 0001", "400  001",
            "400-001", "४००००१", "+40001"})
    void invalidPins(String input) {
        assertFalse(PinCode.isValid(input), String.valueOf(input));
        assertEquals(Optional.empty(), PinCode.normalize(input));
        assertEquals(Optional.empty(), PinCode.region(input));
    }
}
