package io.ipsc.dental.clinic;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
    private static final Pattern HH_MM = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");

    /** The {@code module_settings} rows this reads, for a query that reads them with something else in one round trip. */
    public static final String ROWS = "module_settings WHERE key IN ('time_zone', 'clinic_opens', 'clinic_closes', 'clinic_closed_days')";

    public static Uni<ClinicSettings> load(SqlClient client) {
        return client.query("SELECT key, value FROM " + ROWS).execute().map(ClinicSettings::from);
    }

    /** Stores these settings, every row replaced, and answers them as read back in the same transaction. */
    public Uni<ClinicSettings> save(Pool pool) {
        List<Tuple> values = rows().entrySet().stream().map(e -> Tuple.of(e.getKey(), e.getValue())).toList();
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO module_settings (key, value) VALUES ($1, $2) "
                        + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()").executeBatch(values)
                .chain(() -> load(conn)));
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

    /** The {@code module_settings} rows that hold these settings, closed days as their names ({@code saturday,sunday}). */
    public Map<String, String> rows() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("time_zone", zone.getId());
        rows.put("clinic_opens", opens.toString());
        rows.put("clinic_closes", closes.toString());
        rows.put("clinic_closed_days", closedDays.stream().sorted().map(ClinicHours::dayName).collect(Collectors.joining(",")));
        return rows;
    }

    /**
     * The settings {@code hours} asks for, every field checked strictly (unlike the stored rows, which fall back to the
     * defaults): a 400 in the envelope names each field that is wrong.
     */
    public static ClinicSettings validated(ClinicHours hours) {
        if (hours == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the clinic's hours as JSON");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        ZoneId zone = null;
        if (hours.timeZone() == null || !ZoneId.getAvailableZoneIds().contains(hours.timeZone().strip())) {
            errors.add(new ErrorDetail("time_zone", "time_zone must be an IANA time zone such as Asia/Kolkata"));
        } else {
            zone = ZoneId.of(hours.timeZone().strip());
        }
        LocalTime opens = time(hours.clinicOpens(), "clinic_opens", errors);
        LocalTime closes = time(hours.clinicCloses(), "clinic_closes", errors);
        if (opens != null && closes != null && !opens.isBefore(closes)) {
            errors.add(new ErrorDetail("clinic_closes", "clinic_closes (" + closes + ") must be after clinic_opens (" + opens + ")"));
        }
        Set<DayOfWeek> closed = EnumSet.noneOf(DayOfWeek.class);
        for (String name : hours.clinicClosedDays() == null ? List.<String>of() : hours.clinicClosedDays()) {
            dayOfWeek(name).ifPresentOrElse(closed::add, () -> errors.add(new ErrorDetail("clinic_closed_days",
                    "clinic_closed_days names weekdays, in full or by their first three letters (sunday or sun); '" + name + "' is none")));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ClinicSettings(zone, opens, closes, closed);
    }

    private static LocalTime time(String value, String field, List<ErrorDetail> errors) {
        if (value == null || !HH_MM.matcher(value.strip()).matches()) {
            errors.add(new ErrorDetail(field, field + " must be a time of day as HH:mm, such as 09:00"));
            return null;
        }
        return LocalTime.parse(value.strip());
    }

    private static Optional<DayOfWeek> dayOfWeek(String name) {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(DayOfWeek.values()).filter(d -> d.name().equals(n) || d.name().substring(0, 3).equals(n)).findFirst();
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
