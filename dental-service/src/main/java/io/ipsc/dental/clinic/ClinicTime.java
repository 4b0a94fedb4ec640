package io.ipsc.dental.clinic;

import io.ipsc.tenancy.error.ApiException;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Date-times as the clinic writes them: the seed sends local wall-clock times
 * ({@code 2024-01-15T10:00:00}), which mean the tenant's time zone; a value with an offset is taken
 * as it is. Answers always carry the offset, in the tenant's zone.
 */
public final class ClinicTime {

    private ClinicTime() {
    }

    public static OffsetDateTime parse(String value, ZoneId zone, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("VALIDATION_ERROR", field, field + " must not be blank");
        }
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone).toOffsetDateTime();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("INVALID_FIELD", field,
                        field + " must be a date-time such as 2024-01-15T10:00:00 (clinic time) or 2024-01-15T10:00:00+05:30");
            }
        }
    }

    public static String format(OffsetDateTime value, ZoneId zone) {
        return value == null ? null : value.atZoneSameInstant(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
