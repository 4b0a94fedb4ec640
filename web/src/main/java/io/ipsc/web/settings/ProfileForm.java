package io.ipsc.web.settings;

import io.ipsc.client.model.TenantRequest;
import io.ipsc.client.model.TenantView;
import org.jboss.resteasy.reactive.RestForm;

import java.util.Objects;

/**
 * The tenant's profile as its admins may change it: name, contact and address, under the API's own
 * names so that {@code error.details[].field} names the form field it concerns. The slug, type and
 * plan are not here (the slug is the workspace's address; the plan is the operator's). A blank field
 * is sent as absent: the API keeps what it had.
 */
public class ProfileForm {

    @RestForm public String name = "";
    @RestForm("contact_person") public String contactPerson = "";
    @RestForm("contact_email") public String contactEmail = "";
    @RestForm("contact_phone") public String contactPhone = "";
    @RestForm public String gstin = "";
    @RestForm public String industry = "";
    @RestForm("address_line1") public String addressLine1 = "";
    @RestForm("address_line2") public String addressLine2 = "";
    @RestForm public String city = "";
    @RestForm public String state = "";
    @RestForm public String pincode = "";

    static ProfileForm of(TenantView tenant) {
        ProfileForm form = new ProfileForm();
        form.name = text(tenant.getName());
        form.contactPerson = text(tenant.getContactPerson());
        form.contactEmail = text(tenant.getContactEmail());
        form.contactPhone = text(tenant.getContactPhone());
        form.gstin = text(tenant.getGstin());
        form.industry = text(tenant.getIndustry());
        form.addressLine1 = text(tenant.getAddressLine1());
        form.addressLine2 = text(tenant.getAddressLine2());
        form.city = text(tenant.getCity());
        form.state = text(tenant.getState());
        form.pincode = text(tenant.getPincode());
        return form;
    }

    TenantRequest toRequest() {
        return new TenantRequest().name(given(name)).contactPerson(given(contactPerson)).contactEmail(given(contactEmail))
                .contactPhone(given(contactPhone)).gstin(given(gstin)).industry(given(industry)).addressLine1(given(addressLine1))
                .addressLine2(given(addressLine2)).city(given(city)).state(given(state)).pincode(given(pincode));
    }

    static String given(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String text(String value) {
        return Objects.toString(value, "");
    }
}
