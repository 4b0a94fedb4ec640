package io.ipsc.tenancy.india.constraint;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A GST identification number: the 15-character format, a known state code and, unless
 * {@link #checkDigit()} is false, the right check character ({@link io.ipsc.tenancy.india.Gstin#check}).
 * Null is allowed (add {@code @NotNull} where a GSTIN is required); blank only with {@link #allowBlank()}.
 * Named {@code ValidGstin} because {@code Gstin} is the checker itself.
 */
@Documented
@Constraint(validatedBy = GstinValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidGstin {

    /** Used only when the checker gives no message of its own (it names what is wrong and, for a check character, the expected one). */
    String message() default "must be a GSTIN such as 27AABCU9603R1ZM";

    /**
     * False where a wrong check character is only a warning (tenants: the seed's own GSTINs have one), so that
     * the constraint refuses what cannot be a GSTIN and the caller decides about the rest.
     */
    boolean checkDigit() default true;

    /**
     * True where an empty value means "none" (a form's cleared field: a party's phone set to "" is removed), so
     * blank passes as null does; false (the default) where blank is no value the field can hold.
     */
    boolean allowBlank() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
