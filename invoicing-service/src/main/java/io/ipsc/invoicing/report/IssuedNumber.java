package io.ipsc.invoicing.report;

/** An invoice number given in the month, and whether the invoice was cancelled since (GSTR-1 Table 13). */
public record IssuedNumber(String number, boolean cancelled) {
}
