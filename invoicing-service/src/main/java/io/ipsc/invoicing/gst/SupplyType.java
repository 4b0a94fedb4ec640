package io.ipsc.invoicing.gst;

/**
 * An invoice's supply type, named as the e-invoice schema's {@code TranDtls.SupTyp} names it (INV-01 v1.1), with
 * B2C for a supply to an unregistered buyer, to which e-invoicing does not apply: from the customer's category and,
 * for SEZ and exports, whether IGST is paid (WP) or the supply goes under LUT/bond without payment (WOP).
 */
public enum SupplyType {
    B2B, B2C, SEZWP, SEZWOP, EXPWP, EXPWOP, DEXP;

    public static SupplyType of(GstCategory category, boolean withPaymentOfTax) {
        return switch (category) {
            case REGISTERED -> B2B;
            case UNREGISTERED -> B2C;
            case SEZ -> withPaymentOfTax ? SEZWP : SEZWOP;
            case OVERSEAS -> withPaymentOfTax ? EXPWP : EXPWOP;
            case DEEMED_EXPORT -> DEXP;
        };
    }

    /** Zero-rated without payment of tax: every line carries nil tax. */
    public boolean withoutTax() {
        return this == SEZWOP || this == EXPWOP;
    }

    /** SEZ supplies and exports are inter-state (Section 7(5) IGST Act): IGST, whatever the states. */
    public boolean alwaysIgst() {
        return this == SEZWP || this == SEZWOP || this == EXPWP || this == EXPWOP;
    }

    public boolean export() {
        return this == EXPWP || this == EXPWOP;
    }

    /** What the tax invoice prints under its title; null for a regular supply. */
    public String declaration() {
        return switch (this) {
            case SEZWP -> "Supply meant for SEZ with payment of IGST";
            case SEZWOP -> "Supply meant for SEZ under LUT/bond without payment of IGST";
            case EXPWP -> "Supply meant for export with payment of IGST";
            case EXPWOP -> "Supply meant for export under LUT/bond without payment of IGST";
            case DEXP -> "Deemed export";
            default -> null;
        };
    }
}
