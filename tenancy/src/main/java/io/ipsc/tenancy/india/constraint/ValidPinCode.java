package io.ipsc.tenancy.india.constraint;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An Indian PIN code ({@link io.ipsc.tenancy.india.PinCode}): six digits, the first 1–9, "400 001" accepted. Null is allowed; blank only with {@link #allowBlank()}. */
@Documented
@Constraint(validatedBy = PinCodeValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidPinCode {

    String message() default "must be a 6-digit Indian PIN code, e.g. 400001";

    /**
     * True where an empty value means "none" (a form's cleared field: a party's phone set to "" is removed), so
     * blank passes as null does; false (the default) where blank is no value the field can hold.
     */
    boolean allowBlank() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
