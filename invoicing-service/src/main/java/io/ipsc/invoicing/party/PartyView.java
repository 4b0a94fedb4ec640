package io.ipsc.invoicing.party;

import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;

/**
 * A customer or vendor as the API shows it; {@code state_code} is the GST state, which decides the tax split (96,
 * other countries, for an overseas customer); {@code gst_category} how its invoices are taxed and reported.
 */
public record PartyView(long id, String kind, String name, String gstin, String stateCode, String state, String email, String phone,
                        String addressLine1, String addressLine2, String city, String pincode, boolean archived,
                        OffsetDateTime createdAt, OffsetDateTime updatedAt, String gstCategory) {

    static final String COLUMNS = "id, kind, name, gstin, state_code, state, email, phone, address_line1, address_line2, city, pincode, "
            + "archived, created_at, updated_at, gst_category";

    static PartyView of(Row r) {
        return new PartyView(r.getLong("id"), r.getString("kind"), r.getString("name"), r.getString("gstin"), r.getString("state_code"),
                r.getString("state"), r.getString("email"), r.getString("phone"), r.getString("address_line1"), r.getString("address_line2"),
                r.getString("city"), r.getString("pincode"), r.getBoolean("archived"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"), r.getString("gst_category"));
    }
}
