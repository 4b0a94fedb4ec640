package io.ipsc.tenancy.metrics;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.YearMonth;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UsageMonthTest {

    @Test
    void theMonthRunsFromMidnightInIndiaToTheNextMonthsMidnight() {
        UsageMonth november = UsageMonth.of(YearMonth.of(2026, 11));

        assertEquals("2026-11", november.label());
        assertEquals(OffsetDateTime.parse("2026-10-31T18:30:00Z").toInstant(), november.start().toInstant());
        assertEquals(OffsetDateTime.parse("2026-11-30T18:30:00Z").toInstant(), november.end().toInstant());
        assertEquals(OffsetDateTime.parse("2027-01-31T18:30:00Z").toInstant(), UsageMonth.of(YearMonth.of(2027, 2)).start().toInstant());
    }
}
