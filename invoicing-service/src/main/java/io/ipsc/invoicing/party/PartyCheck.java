package io.ipsc.invoicing.party;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;

import java.util.List;

/**
 * A customer's or vendor's fields judged as saving would judge them, nothing stored: the web checks a
 * GSTIN as it is typed with this and takes the state from it.
 *
 * @param valid      saving these fields would be accepted (warnings allowed)
 * @param problems   what saving would refuse, by field
 * @param warnings   what saving would accept but warn about (a wrong GSTIN check character, a state the GSTIN contradicts)
 * @param stateCode  the GST state the party would get (the GSTIN's, else the address state's), or null
 * @param gstinState the state a well-formed GSTIN is registered in, as the {@code state} field takes it ("Maharashtra"), else null
 * @param gstCategory the GST category the party would get (the one named, else from the GSTIN)
 */
public record PartyCheck(boolean valid, List<ErrorDetail> problems, List<ErrorDetail> warnings, String stateCode, String gstinState,
                         String gstCategory) {
}
