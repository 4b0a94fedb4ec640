package io.ipsc.dental.clinic;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;

/**
 * The clinic's hours as the settings endpoint reads and writes them: its time zone (IANA, e.g. Asia/Kolkata), opening
 * and closing time (HH:mm, clinic time) and the weekdays it is closed (names, lower case, Monday first).
 */
public record ClinicHours(String timeZone, String clinicOpens, String clinicCloses, List<String> clinicClosedDays) {

    public static ClinicHours of(ClinicSettings settings) {
        return new ClinicHours(settings.zone().getId(), settings.opens().toString(), settings.closes().toString(),
                settings.closedDays().stream().sorted().map(ClinicHours::dayName).toList());
    }

    static String dayName(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
