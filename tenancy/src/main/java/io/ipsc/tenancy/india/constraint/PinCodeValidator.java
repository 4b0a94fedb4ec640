package io.ipsc.tenancy.india.constraint;

import io.ipsc.tenancy.india.PinCode;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class PinCodeValidator implements ConstraintValidator<ValidPinCode, String> {

    private boolean allowBlank;

    @Override
    public void initialize(ValidPinCode constraint) {
        allowBlank = constraint.allowBlank();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || (allowBlank && value.isBlank()) || PinCode.isValid(value);
    }
}
