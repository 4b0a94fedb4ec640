package io.ipsc.tenancy.india;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IndianPhoneTest {

    @ParameterizedTest
    @CsvSource({
            // seed values
            "+91-9876543210, +919876543210",
            "+91-9876543211, +919876543211",
            "+91-9876543212, +919876543212",
            // mobiles
            "+919876543210, +919876543210",
            "'+91 98765 43210', +919876543210",
            "919876543210, +919876543210",
            "09876543210, +919876543210",
            "9876543210, +919876543210",
            "6000000000, +916000000000",
            "'(+91) 98765-43210', +919876543210",
            "98.765.432.10, +919876543210",
            "'  +91 9876543210  ', +919876543210",
            // landlines with STD code
            "022-12345678, +912212345678",
            "+91-80-12345678, +918012345678",
            "'(080) 1234 5678', +918012345678",
            "0120-1234567, +911201234567",
            "91-11-23456789, +911123456789",
    })
    void validNumbersNormalize(String input, String expected) {
        assertTrue(IndianPhone.isValid(input), input);
        assertEquals(Optional.of(expected), IndianPhone.normalize(input));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "   ",
            "5876543210",        // bare 10 digits must be a mobile
            "2212345678",        // landline without trunk 0 or country code
            "0987654321",        // 10 digits with trunk 0: national part too short
            "+91-0876543210",    // national part may not start with 0
            "+9109876543210",    // trunk 0 after the country code
            "+92-9876543210",    // other country
            "+1 9876543210",
            "987654321",         // 9 digits
            "98765432100",       // 11 digits not starting 0
            "+91987654321",      // too short
            "+9198765432100",    // too long
            "00919876543210",    // international prefix not accepted
            "+91+9876543210",
            "91 + 9876543210",
            "98765x3210",
            "+91/9876543210",
            "९८७६५४३२१०",         // Devanagari digits
            "+",
    })
    void invalidNumbers(String input) {
        assertFalse(IndianPhone.isValid(input), String.valueOf(input));
        assertEquals(Optional.empty(), IndianPhone.normalize(input));
    }

    @Test
    void landlineWithStdCodeStartingLikeAMobileIsValid() {
        // Patna (0612) and Bengaluru (080): the national number starts 6-9 like a mobile.
        assertEquals(Optional.of("+916122345678"), IndianPhone.normalize("0612-2345678"));
        assertEquals(Optional.of("+918012345678"), IndianPhone.normalize("(080) 1234-5678"));
    }
}
