package io.ipsc.web.setup;

import io.ipsc.client.model.SignupTenant;
import io.ipsc.client.model.TenantRequest;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The set-up form: every field of the seed guide's tenant body, under the API's own names, so that
 * the API's {@code error.details[].field} names the form field it concerns. Empty fields are sent as
 * absent, and the API says which it requires.
 */
public class TenantForm {

    @RestForm public String name = "";
    @RestForm public String slug = "";
    @RestForm("organization_type") public String organizationType = "";
    @RestForm("contact_person") public String contactPerson = "";
    @RestForm("contact_email") public String contactEmail = "";
    @RestForm("contact_phone") public String contactPhone = "";
    @RestForm public String gstin = "";
    @RestForm public String industry = "";
    @RestForm public String size = "";
    @RestForm("address_line1") public String addressLine1 = "";
    @RestForm public String city = "";
    @RestForm public String state = "";
    @RestForm public String pincode = "";

    TenantRequest toRequest() {
        return new TenantRequest().name(given(name)).slug(given(slug)).organizationType(given(organizationType))
                .contactPerson(given(contactPerson)).contactEmail(given(contactEmail)).contactPhone(given(contactPhone))
                .gstin(given(gstin)).industry(given(industry)).size(given(size)).addressLine1(given(addressLine1))
                .city(given(city)).state(given(state)).pincode(given(pincode));
    }

    /** The same fields for self-service sign-up and for the checks as you type (which take the profile only). */
    SignupTenant toDraft() {
        return new SignupTenant().name(given(name)).slug(given(slug)).organizationType(given(organizationType))
                .contactPerson(given(contactPerson)).contactEmail(given(contactEmail)).contactPhone(given(contactPhone))
                .gstin(given(gstin)).industry(given(industry)).size(given(size)).addressLine1(given(addressLine1))
                .city(given(city)).state(given(state)).pincode(given(pincode));
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
