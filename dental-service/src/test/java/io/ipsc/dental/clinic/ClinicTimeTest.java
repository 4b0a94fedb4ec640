package io.ipsc.dental.clinic;

import io.ipsc.tenancy.error.ApiException;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClinicTimeTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void aLocalTimeMeansTheClinicsZone() {
        assertEquals("2024-01-15T10:00:00+05:30", ClinicTime.format(ClinicTime.parse("2024-01-15T10:00:00", KOLKATA, "f"), KOLKATA));
    }

    @Test
    void aTimeWithAnOffsetKeepsItsInstant() {
        assertEquals("2024-01-15T10:00:00+05:30", ClinicTime.format(ClinicTime.parse("2024-01-15T04:30:00Z", KOLKATA, "f"), KOLKATA));
    }

    @Test
    void anythingElseIsAFieldError() {
        ApiException e = assertThrows(ApiException.class, () -> ClinicTime.parse("15/01/2024 10:00", KOLKATA, "appointment_date"));
        assertEquals(400, e.status());
        assertEquals("appointment_date", e.details().get(0).field());
    }

    @Test
    void settingsDefaultToKolkataAndOfficeHoursAndIgnoreMalformedValues() {
        ClinicSettings defaults = ClinicSettings.from(Map.of());
        assertEquals(KOLKATA, defaults.zone());
        assertEquals(LocalTime.of(9, 0), defaults.opens());
        ClinicSettings custom = ClinicSettings.from(Map.of("time_zone", "Asia/Dubai", "clinic_opens", "08:00", "clinic_closes", "13:00"));
        assertEquals(ZoneId.of("Asia/Dubai"), custom.zone());
        assertEquals(LocalTime.of(13, 0), custom.closes());
        ClinicSettings broken = ClinicSettings.from(Map.of("time_zone", "Mars/Base", "clinic_opens", "18:00", "clinic_closes", "09:00"));
        assertEquals(KOLKATA, broken.zone());
        assertEquals(LocalTime.of(9, 0), broken.opens());
        assertEquals(java.util.Set.of(), defaults.closedDays());
        ClinicSettings weekends = ClinicSettings.from(Map.of("clinic_closed_days", " Sat, SUNDAY ,fortnight,"));
        assertEquals(java.util.EnumSet.of(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY), weekends.closedDays());
        assertEquals(true, weekends.closedOn(java.time.LocalDate.of(2024, 6, 16)));
    }
}
