package io.ipsc.tenancy.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CSV files' formula-injection guard (OWASP "CSV Injection"): text that a spreadsheet would run is prefixed with a quote. */
class CsvTest {

    @Test
    void textStartingWithAFormulaCharacterIsNeutralised() {
        assertEquals("'=HYPERLINK(\"http://x\",\"pay\")", Csv.cell("=HYPERLINK(\"http://x\",\"pay\")"));
        assertEquals("'+91 cmd", Csv.cell("+91 cmd"));
        assertEquals("'-2+3", Csv.cell("-2+3"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tTab", Csv.cell("\tTab"));
        assertEquals("'\rReturn", Csv.cell("\rReturn"));
    }

    @Test
    void numbersAndPlainTextStayAsTheyAre() {
        assertEquals("-0.29", Csv.cell("-0.29"));
        assertEquals("-15", Csv.cell("-15"));
        assertEquals("1180.00", Csv.cell("1180.00"));
        assertEquals("Bengaluru Co", Csv.cell("Bengaluru Co"));
        assertEquals("", Csv.cell(""));
    }

    @Test
    void aGuardedCellIsStillQuotedForItsCommasAndQuotes() {
        // The quote prefix first, then RFC 4180: the field holds commas and quotes, so it is quoted and its quotes doubled.
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"pay\"\")\",-0.29,ok", Csv.line("=HYPERLINK(\"http://x\",\"pay\")", "-0.29", "ok"));
    }
}
