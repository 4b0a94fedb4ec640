package io.ipsc.invoicing.party;

/**
 * Body of a customer or vendor; every field optional on update. Unregistered parties have no GSTIN.
 * {@code gst_category} (registered, unregistered, sez, overseas, deemed_export) defaults from the GSTIN.
 */
public record PartyRequest(String name, String gstin, String state, String email, String phone, String addressLine1,
                           String addressLine2, String city, String pincode, String gstCategory) {
}
