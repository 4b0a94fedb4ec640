package io.ipsc.web.catalog;

import io.ipsc.client.model.PartyRequest;
import io.ipsc.client.model.PartyView;
import io.ipsc.web.page.Forms;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A customer's or vendor's form as typed. Blank fields are sent as absent: on an edit the API then keeps
 * its value (a field cannot be emptied from the form, as in the tenant's settings).
 */
public class PartyForm {

    @RestForm public String name = "";
    @RestForm public String gstin = "";
    @RestForm public String state = "";
    @RestForm public String email = "";
    @RestForm public String phone = "";
    @RestForm("address_line1") public String addressLine1 = "";
    @RestForm("address_line2") public String addressLine2 = "";
    @RestForm public String city = "";
    @RestForm public String pincode = "";
    /** Empty: the API takes it from the GSTIN (registered with one, unregistered without). */
    @RestForm("gst_category") public String gstCategory = "";

    static PartyForm of(PartyView p) {
        PartyForm form = new PartyForm();
        form.name = Forms.shown(p.getName());
        form.gstin = Forms.shown(p.getGstin());
        form.state = Forms.shown(p.getState());
        form.email = Forms.shown(p.getEmail());
        form.phone = Forms.shown(p.getPhone());
        form.addressLine1 = Forms.shown(p.getAddressLine1());
        form.addressLine2 = Forms.shown(p.getAddressLine2());
        form.city = Forms.shown(p.getCity());
        form.pincode = Forms.shown(p.getPincode());
        form.gstCategory = Forms.shown(p.getGstCategory());
        return form;
    }

    PartyRequest toRequest() {
        return new PartyRequest().name(Forms.text(name)).gstin(Forms.text(gstin)).state(Forms.text(state)).email(Forms.text(email))
                .phone(Forms.text(phone)).addressLine1(Forms.text(addressLine1)).addressLine2(Forms.text(addressLine2))
                .city(Forms.text(city)).pincode(Forms.text(pincode)).gstCategory(Forms.text(gstCategory));
    }
}
