package io.ipsc.invoicing;

import io.ipsc.invoicing.money.IndianAmounts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Amounts in words and figures as Indian invoices write them: lakh and crore, paise. */
class IndianAmountsTest {

    private static String words(String amount) {
        return IndianAmounts.inWords(new BigDecimal(amount));
    }

    @Test
    void theIssuesExampleReadsAsWritten() {
        // 1,20,500.50 = 1 lakh + 20 thousand + 5 hundred, and 50 paise.
        assertEquals("Rupees One Lakh Twenty Thousand Five Hundred and Fifty Paise Only", words("120500.50"));
    }

    @Test
    void wholeRupeesLakhsAndCrores() {
        assertEquals("Rupees Zero Only", words("0"));
        assertEquals("Rupees One Only", words("1.00"));
        assertEquals("Rupees Nineteen Only", words("19"));
        assertEquals("Rupees Twenty One Only", words("21"));
        assertEquals("Rupees One Hundred Only", words("100"));
        assertEquals("Rupees Two Thousand Eight Hundred Ninety One Only", words("2891"));
        assertEquals("Rupees One Thousand One Hundred Eighty Only", words("1180.00"));
        assertEquals("Rupees Ten Lakh Only", words("1000000"));
        // 12,34,56,789 = 12 crore 34 lakh 56 thousand 789.
        assertEquals("Rupees Twelve Crore Thirty Four Lakh Fifty Six Thousand Seven Hundred Eighty Nine Only", words("123456789"));
        // Above 99 crore the crores are themselves counted in the system: 1,234 crore.
        assertEquals("Rupees One Thousand Two Hundred Thirty Four Crore Only", words("12340000000"));
    }

    @Test
    void paiseAloneAndRounding() {
        assertEquals("Rupees Five Paise Only", words("0.05"));
        assertEquals("Rupees Ninety Nine and Ninety Nine Paise Only", words("99.99"));
        // Half a paisa rounds up, as the invoice's own figures do.
        assertEquals("Rupees One and One Paise Only", words("1.005"));
    }

    @Test
    void figuresAreGroupedInLakhsAndCrores() {
        assertEquals("0.00", IndianAmounts.inFigures(BigDecimal.ZERO));
        assertEquals("999.50", IndianAmounts.inFigures(new BigDecimal("999.5")));
        assertEquals("1,000.00", IndianAmounts.inFigures(new BigDecimal("1000")));
        assertEquals("1,20,500.50", IndianAmounts.inFigures(new BigDecimal("120500.50")));
        assertEquals("12,34,56,789.00", IndianAmounts.inFigures(new BigDecimal("123456789")));
        assertEquals("-0.01", IndianAmounts.inFigures(new BigDecimal("-0.01")));
    }
}
