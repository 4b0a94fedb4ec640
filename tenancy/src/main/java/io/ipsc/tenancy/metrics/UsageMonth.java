package io.ipsc.tenancy.metrics;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The month that the services' usage figures ("this month") count: the calendar month in India,
 * where the tenants are, as the half-open range {@code [start, end)} to compare timestamps with.
 * Computed here rather than with the database's {@code date_trunc}, whose month follows the
 * session's time zone.
 */
public record UsageMonth(YearMonth month, OffsetDateTime start, OffsetDateTime end) {

    public static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    public static UsageMonth current() {
        return of(YearMonth.now(INDIA));
    }

    public static UsageMonth of(YearMonth month) {
        return new UsageMonth(month, month.atDay(1).atStartOfDay(INDIA).toOffsetDateTime(),
                month.plusMonths(1).atDay(1).atStartOfDay(INDIA).toOffsetDateTime());
    }

    /** As the usage answers name it, e.g. {@code 2026-11}. */
    public String label() {
        return month.toString();
    }
}
