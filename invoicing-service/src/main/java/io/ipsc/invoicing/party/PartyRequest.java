package io.ipsc.invoicing.party;

import io.ipsc.tenancy.india.constraint.ValidGstin;
import io.ipsc.tenancy.india.constraint.ValidIndianPhone;
import io.ipsc.tenancy.india.constraint.ValidPinCode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of a customer or vendor; every field optional on update. Unregistered parties have no GSTIN.
 * {@code gst_category} (registered, unregistered, sez, overseas, deemed_export) defaults from the GSTIN.
 * Each field's own rules are its constraints ({@link OnCreate} for what a new party needs); {@link PartyService}
 * runs them with the rules that look at more than one field (the category against the GSTIN and the state, the
 * state against the GSTIN), so that one 400 names every problem. A blank phone, e-mail or PIN clears the field.
 * The lengths are the columns'. A wrong GSTIN check character is no violation here: the service accepts it with a warning naming the right one.
 */
public record PartyRequest(
        @NotNull(groups = OnCreate.class, message = "name is required")
        @Pattern(regexp = "(?s)\\s*\\S(.{0,198}\\S)?\\s*", message = "name must be 1 to 200 characters") String name,
        @ValidGstin(checkDigit = false, allowBlank = true) String gstin,
        String state,
        @Size(max = 254, message = "email is not a valid e-mail address")
        @Pattern(regexp = "(?s)\\s*|\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]{2,}\\s*", message = "email is not a valid e-mail address") String email,
        @ValidIndianPhone(allowBlank = true, message = "phone must be an Indian phone number, e.g. +91-9876543210") String phone,
        @Size(max = 200, message = "address_line1 must be at most 200 characters") String addressLine1,
        @Size(max = 200, message = "address_line2 must be at most 200 characters") String addressLine2,
        @Size(max = 100, message = "city must be at most 100 characters") String city,
        @ValidPinCode(allowBlank = true, message = "pincode must be a 6-digit Indian PIN code") String pincode,
        String gstCategory) {

    /** The constraints only a new party has: a name. */
    public interface OnCreate {
    }
}
