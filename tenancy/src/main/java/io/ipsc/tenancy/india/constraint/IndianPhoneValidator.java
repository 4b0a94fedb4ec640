package io.ipsc.tenancy.india.constraint;

import io.ipsc.tenancy.india.IndianPhone;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class IndianPhoneValidator implements ConstraintValidator<ValidIndianPhone, String> {

    private boolean allowBlank;

    @Override
    public void initialize(ValidIndianPhone constraint) {
        allowBlank = constraint.allowBlank();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || (allowBlank && value.isBlank()) || IndianPhone.isValid(value);
    }
}
