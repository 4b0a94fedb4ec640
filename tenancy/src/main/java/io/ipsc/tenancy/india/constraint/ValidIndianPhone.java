package io.ipsc.tenancy.india.constraint;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An Indian phone number ({@link io.ipsc.tenancy.india.IndianPhone}: a mobile, or a landline with its STD code). Null is allowed; blank only with {@link #allowBlank()}. */
@Documented
@Constraint(validatedBy = IndianPhoneValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidIndianPhone {

    String message() default "must be an Indian phone number, e.g. +91-9876543210";

    /**
     * True where an empty value means "none" (a form's cleared field: a party's phone set to "" is removed), so
     * blank passes as null does; false (the default) where blank is no value the field can hold.
     */
    boolean allowBlank() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
