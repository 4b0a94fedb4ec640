package io.ipsc.web.format;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IndianFormatsTest {

    @Test
    void groupsTheLastThreeDigitsThenPairs() {
        assertEquals("₹0.00", IndianFormats.rupees(BigDecimal.ZERO));
        assertEquals("₹999.00", IndianFormats.rupees(new BigDecimal("999")));
        assertEquals("₹1,000.00", IndianFormats.rupees(new BigDecimal("1000")));
        // one lakh = 1,00,000
        assertEquals("₹1,00,000.00", IndianFormats.rupees(new BigDecimal("100000")));
        assertEquals("₹12,34,567.89", IndianFormats.rupees(new BigDecimal("1234567.89")));
        // one crore = 1,00,00,000
        assertEquals("₹1,00,00,000.00", IndianFormats.rupees(new BigDecimal("10000000")));
        assertEquals("₹12,34,56,78,901.50", IndianFormats.rupees(new BigDecimal("12345678901.5")));
    }

    @Test
    void roundsToPaiseAndKeepsTheSign() {
        // 0.005 rounds half up to 0.01
        assertEquals("₹0.01", IndianFormats.rupees(new BigDecimal("0.005")));
        assertEquals("-₹1,50,000.25", IndianFormats.rupees(new BigDecimal("-150000.25")));
        assertEquals("—", IndianFormats.rupees(null));
    }

    @Test
    void writesDatesDayMonthYearAndTimesInIst() {
        assertEquals("15-01-2024", IndianFormats.date(LocalDate.of(2024, 1, 15)));
        // 20:00 UTC is 01:30 the next day in IST (UTC+05:30)
        assertEquals("16-01-2024 01:30", IndianFormats.dateTime(OffsetDateTime.of(2024, 1, 15, 20, 0, 0, 0, ZoneOffset.UTC)));
    }

    @Test
    void groupsCountsLikeRupeesWithoutTheSymbol() {
        assertEquals("999", IndianFormats.number(999L));
        assertEquals("1,00,000", IndianFormats.number(100_000L));
        assertEquals("-12,34,56,789", IndianFormats.number(-123_456_789L));
        assertEquals("—", IndianFormats.number(null));
    }
}
