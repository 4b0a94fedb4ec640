package io.ipsc.invoicing.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CSV's formula-injection guard (OWASP "CSV Injection"): text that a spreadsheet would run is prefixed with a quote. */
class Gstr1CsvTest {

    @Test
    void textStartingWithAFormulaCharacterIsNeutralised() {
        assertEquals("'=HYPERLINK(\"http://x\",\"pay\")", Gstr1Csv.cell("=HYPERLINK(\"http://x\",\"pay\")"));
        assertEquals("'+91 cmd", Gstr1Csv.cell("+91 cmd"));
        assertEquals("'-2+3", Gstr1Csv.cell("-2+3"));
        assertEquals("'@SUM(A1)", Gstr1Csv.cell("@SUM(A1)"));
        assertEquals("'\tTab", Gstr1Csv.cell("\tTab"));
        assertEquals("'\rReturn", Gstr1Csv.cell("\rReturn"));
    }

    @Test
    void numbersAndPlainTextStayAsTheyAre() {
        assertEquals("-0.29", Gstr1Csv.cell("-0.29"));
        assertEquals("-15", Gstr1Csv.cell("-15"));
        assertEquals("1180.00", Gstr1Csv.cell("1180.00"));
        assertEquals("Bengaluru Co", Gstr1Csv.cell("Bengaluru Co"));
        assertEquals("", Gstr1Csv.cell(""));
    }

    @Test
    void aGuardedCellIsStillQuotedForItsCommasAndQuotes() {
        // The quote prefix first, then RFC 4180: the field holds commas and quotes, so it is quoted and its quotes doubled.
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"pay\"\")\",-0.29,ok", Gstr1Csv.line("=HYPERLINK(\"http://x\",\"pay\")", "-0.29", "ok"));
    }
}
