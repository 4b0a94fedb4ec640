package io.ipsc.invoicing.settings;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;

/**
 * The tenant's settings of the invoicing module, as the API shows them: the invoice number's prefix,
 * whether stock may go below zero, the UPI ID (and payee name) put on unpaid invoices as a payment QR
 * code, the brand colour of the tax invoice and the supplier's address printed on it (the tenant
 * events carry the tenant's GSTIN and state, not its address), and the logo printed on it, described
 * (its bytes are {@code GET /api/invoices/settings/logo}), and the reference of the tenant's Letter of
 * Undertaking (or bond) under Rule 96A, printed on SEZ supplies and exports without payment of tax. Unset
 * values show their defaults, except the UPI ID, the address, the logo and the LUT reference, which have none.
 */
public record InvoicingSettings(String invoicePrefix, boolean allowNegativeStock, String upiId, String payeeName, String brandColor,
                                String supplierAddress, InvoiceLogo logo, String lutReference) {

    public static final String DEFAULT_PREFIX = "INV";
    /** A dark blue that prints well in colour and in grey, until the tenant names its own. */
    public static final String DEFAULT_BRAND_COLOR = "#1F3A5F";

    /** The supplier's address as its lines, blank ones left out (none when unset). */
    public List<String> supplierAddressLines() {
        return supplierAddress == null ? List.of()
                : Arrays.stream(supplierAddress.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** A change: every field optional; an absent field is left as it is, an empty string puts it back to its default. */
    @Schema(name = "InvoicingSettingsChange")
    public record Change(String invoicePrefix, Boolean allowNegativeStock, String upiId, String payeeName, String brandColor,
                        String supplierAddress, String lutReference) {
    }
}
