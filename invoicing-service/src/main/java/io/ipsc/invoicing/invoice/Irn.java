package io.ipsc.invoicing.invoice;

import io.ipsc.invoicing.gst.FinancialYear;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The e-invoice reference (IRN) of a document: SHA-256 of supplier GSTIN, financial year, document type and number. */
public final class Irn {

    /** The document type of a tax invoice. */
    static final String INVOICE = "INV";

    private Irn() {
    }

    /** The IRN of tax invoice {@code number}; null for a supplier without a GSTIN. */
    public static String ofInvoice(String supplierGstin, FinancialYear year, String number) {
        return of(supplierGstin, year, INVOICE, number);
    }

    /** The IRN of any document (an invoice, a credit or debit note); null for a supplier without a GSTIN. */
    public static String of(String supplierGstin, FinancialYear year, String documentType, String number) {
        if (supplierGstin == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((supplierGstin + year.label() + documentType + number).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
