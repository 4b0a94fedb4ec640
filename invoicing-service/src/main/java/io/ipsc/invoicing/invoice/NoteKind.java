package io.ipsc.invoicing.invoice;

/**
 * A credit note (value taken off an invoice: goods back, a price reduction or discount after the sale) or a debit note
 * (value added: a price increase, extra quantity), CGST Act s. 34. Each runs its own numbering series per financial year,
 * and carries its e-invoice document type ({@code CRN}/{@code DBN}, the IRP's {@code DocDtls.Typ}).
 */
public enum NoteKind {
    CREDIT("credit", "CN", "CRN", DocumentNumbers.Series.CREDIT_NOTE, "Credit note"),
    DEBIT("debit", "DN", "DBN", DocumentNumbers.Series.DEBIT_NOTE, "Debit note");

    private final String code;
    private final String prefix;
    private final String documentType;
    private final DocumentNumbers.Series series;
    private final String title;

    NoteKind(String code, String prefix, String documentType, DocumentNumbers.Series series, String title) {
        this.code = code;
        this.prefix = prefix;
        this.documentType = documentType;
        this.series = series;
        this.title = title;
    }

    /** As stored in {@code credit_notes.kind} and shown in the API. */
    public String code() {
        return code;
    }

    String prefix() {
        return prefix;
    }

    public String documentType() {
        return documentType;
    }

    DocumentNumbers.Series series() {
        return series;
    }

    public String title() {
        return title;
    }
}
