package io.ipsc.invoicing.report;

import io.ipsc.tenancy.india.IndianState;

/** A place of supply as the portal's templates write it: the state code and name, {@code 29-Karnataka}. */
final class PlaceOfSupply {

    private PlaceOfSupply() {
    }

    static String label(String code) {
        if (code == null) {
            return "";
        }
        return IndianState.byCode(code).map(s -> code + "-" + s.displayName()).orElse(code);
    }
}
