package io.ipsc.tenancy.india.constraint;

import io.ipsc.tenancy.india.Gstin;
import io.ipsc.tenancy.india.GstinCheck;
import io.ipsc.tenancy.india.GstinIssue;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.List;

/** {@link ValidGstin}: the checker's own message (what is wrong, or the expected check character) is the violation's. */
public class GstinValidator implements ConstraintValidator<ValidGstin, String> {

    private boolean checkDigit;
    private boolean allowBlank;

    @Override
    public void initialize(ValidGstin constraint) {
        checkDigit = constraint.checkDigit();
        allowBlank = constraint.allowBlank();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null || (allowBlank && value.isBlank())) {
            return true;
        }
        GstinCheck check = Gstin.check(value);
        List<GstinIssue> refused = check.issues().stream()
                .filter(issue -> issue.isError() || (checkDigit && issue.type() == GstinIssue.Type.CHECKSUM_MISMATCH))
                .toList();
        if (refused.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // The checker's text may hold what the caller typed: escaped so the message interpolator never evaluates it.
        context.buildConstraintViolationWithTemplate(Messages.literal(refused.get(0).message())).addConstraintViolation();
        return false;
    }
}
