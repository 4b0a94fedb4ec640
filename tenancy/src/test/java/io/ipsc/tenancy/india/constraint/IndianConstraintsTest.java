package io.ipsc.tenancy.india.constraint;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The constraints on a record, as a resource's @Valid parameter is checked: what passes, what is refused and with which message. */
class IndianConstraintsTest {

    record Supplier(@ValidGstin String gstin, @ValidPinCode String pincode, @ValidIndianPhone String phone) {
    }

    record Tenant(@ValidGstin(checkDigit = false) String gstin) {
    }

    record Required(@NotNull @ValidGstin String gstin) {
    }

    record ClearableForm(@ValidGstin(allowBlank = true) String gstin, @ValidPinCode(allowBlank = true) String pincode,
                         @ValidIndianPhone(allowBlank = true) String phone) {
    }

    /** Well-formed GSTINs with their right check character, and one with a wrong one. */
    private static final String MAHARASHTRA = withCheck("27AABCU9603R1Z");
    private static final String KARNATAKA = withCheck("29AABCU9603R1Z");
    private static final String WRONG_CHECK = MAHARASHTRA.substring(0, 14) + (MAHARASHTRA.endsWith("X") ? "Y" : "X");

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void start() {
        factory = Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    @Test
    void validValuesAndNullsPass() {
        assertTrue(validator.validate(new Supplier(MAHARASHTRA, "400001", "+91-9876543210")).isEmpty());
        assertTrue(validator.validate(new Supplier(KARNATAKA.toLowerCase(), "560 001", "080-12345678")).isEmpty(), "lower case, spaced PIN, landline");
        assertTrue(validator.validate(new Supplier(null, null, null)).isEmpty(), "null is for @NotNull to refuse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "27AABCU9603R1Z", "27AABCU9603R1XM", "99AABCU9603R1ZM"})
    void aGstinThatIsNotOneIsRefusedWithTheCheckersReason(String gstin) {
        List<ConstraintViolation<Supplier>> refused = List.copyOf(validator.validate(new Supplier(gstin, null, null)));
        assertEquals(1, refused.size(), gstin);
        assertEquals("gstin", refused.get(0).getPropertyPath().toString());
        assertTrue(refused.get(0).getMessage().contains("GSTIN"), refused.get(0).getMessage());
    }

    @Test
    void aWrongCheckCharacterNamesTheExpectedOneAndIsOnlyAWarningWhereTheCallerSaysSo() {
        Set<ConstraintViolation<Supplier>> refused = validator.validate(new Supplier(WRONG_CHECK, null, null));
        assertEquals(1, refused.size());
        assertTrue(refused.iterator().next().getMessage().contains("'" + MAHARASHTRA.charAt(14) + "'")
                || refused.iterator().next().getMessage().contains(String.valueOf(MAHARASHTRA.charAt(14))), refused.iterator().next().getMessage());
        assertTrue(validator.validate(new Tenant(WRONG_CHECK)).isEmpty());
        assertEquals(1, validator.validate(new Tenant("27AABCU9603")).size(), "the format is still checked");
    }

    @Test
    void aMessageHoldingBracesFromInputIsNotEvaluated() {
        Set<ConstraintViolation<Supplier>> refused = validator.validate(new Supplier("${1+1}{x}", null, null));
        String message = refused.iterator().next().getMessage();
        assertTrue(!message.contains("2") || message.contains("${1+1}"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "40001", "040001", "4000011", "40000A"})
    void aPinCodeThatIsNotOneIsRefused(String pin) {
        Set<ConstraintViolation<Supplier>> refused = validator.validate(new Supplier(null, pin, null));
        assertEquals(1, refused.size(), pin);
        assertEquals("must be a 6-digit Indian PIN code, e.g. 400001", refused.iterator().next().getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "+1-202-555-0100", "5123456789", "+91-0876543210"})
    void aPhoneThatIsNotIndianIsRefused(String phone) {
        Set<ConstraintViolation<Supplier>> refused = validator.validate(new Supplier(null, null, phone));
        assertEquals(1, refused.size(), phone);
        assertEquals("must be an Indian phone number, e.g. +91-9876543210", refused.iterator().next().getMessage());
    }

    @Test
    void blankIsAValueUnlessTheFieldSaysItClearsIt() {
        assertEquals(3, validator.validate(new Supplier(" ", "", "")).size());
        assertTrue(validator.validate(new ClearableForm("", " ", "")).isEmpty());
        assertEquals(3, validator.validate(new ClearableForm("27AABCU", "4000", "12345")).size(), "a value is still checked");
    }

    private static String withCheck(String first14) {
        return first14 + io.ipsc.tenancy.india.Gstin.checkChar(first14);
    }

    @Test
    void nullIsRefusedOnlyWithNotNull() {
        assertEquals(1, validator.validate(new Required(null)).size());
        assertTrue(validator.validate(new Required(MAHARASHTRA)).isEmpty());
    }
}
