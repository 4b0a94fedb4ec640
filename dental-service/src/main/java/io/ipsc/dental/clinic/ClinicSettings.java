package io.ipsc.dental.clinic;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's clinic settings, from its {@code module_settings} rows: time zone ({@code time_zone},
 * default Asia/Kolkata, where the suite's clinics are) and opening hours ({@code clinic_opens},
 * {@code clinic_closes}, default 09:00–18:00) and the weekdays it is closed ({@code clinic_closed_days}, e.g.
 * {@code sunday} or {@code sat,sun}; none by default). A malformed value falls back to the default rather
 * than making every request of the tenant fail (an unknown day name is left out).
 */
public record ClinicSettings(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> closedDays) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Kolkata");
    public static final LocalTime DEFAULT_OPENS = LocalTime.of(9, 0);
    public static final LocalTime DEFAULT_CLOSES = LocalTime.of(18, 0);

    /** The {@code module_settings} rows this reads, for a query that reads them with something else in one round trip. */
    public static final String ROWS = "module_settings WHERE key IN ('time_zone', 'clinic_opens', 'clinic_closes', 'clinic_closed_days')";

    public static Uni<ClinicSettings> load(SqlClient client) {
        return client.query("SELECT key, value FROM " + ROWS).execute().map(ClinicSettings::from);
    }

    /** The settings among {@code rows} (those with a {@code key}; other rows are left alone). */
    public static ClinicSettings from(Iterable<Row> rows) {
        Map<String, String> values = new HashMap<>();
        rows.forEach(row -> {
            if (row.getString("key") != null) {
                values.put(row.getString("key"), row.getString("value"));
            }
        });
        return from(values);
    }

    static ClinicSettings from(Map<String, String> values) {
        ZoneId zone = DEFAULT_ZONE;
        LocalTime opens = DEFAULT_OPENS;
        LocalTime closes = DEFAULT_CLOSES;
        try {
            if (values.containsKey("time_zone")) {
                zone = ZoneId.of(values.get("time_zone").trim());
            }
        } catch (DateTimeException e) {
            zone = DEFAULT_ZONE;
        }
        try {
            if (values.containsKey("clinic_opens") && values.containsKey("clinic_closes")) {
                LocalTime o = LocalTime.parse(values.get("clinic_opens").trim());
                LocalTime c = LocalTime.parse(values.get("clinic_closes").trim());
                if (o.isBefore(c)) {
                    opens = o;
                    closes = c;
                }
            }
        } catch (DateTimeException e) {
            opens = DEFAULT_OPENS;
            closes = DEFAULT_CLOSES;
        }
        return new ClinicSettings(zone, opens, closes, closedDays(values.get("clinic_closed_days")));
    }

    public boolean closedOn(LocalDate day) {
        return closedDays.contains(day.getDayOfWeek());
    }

    private static Set<DayOfWeek> closedDays(String value) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (value == null) {
            return days;
        }
        for (String name : value.split(",")) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            if (n.length() < 3) {
                continue;
            }
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().startsWith(n)) {
                    days.add(d);
                }
            }
        }
        return days;
    }
}
