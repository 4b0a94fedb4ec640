package io.ipsc.invoicing.gst;

import java.time.LocalDate;

/** India's financial year, April to March: 2024-04-01 … 2025-03-31 is "2024-25", code "2425". */
public record FinancialYear(int startYear) {

    public static FinancialYear of(LocalDate date) {
        return new FinancialYear(date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1);
    }

    /** Four digits for invoice numbers, e.g. 2425. */
    public String code() {
        return String.format("%02d%02d", startYear % 100, (startYear + 1) % 100);
    }

    public String label() {
        return startYear + "-" + String.format("%02d", (startYear + 1) % 100);
    }
}
