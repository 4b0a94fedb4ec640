package io.ipsc.dental.appointment;

import io.ipsc.dental.clinic.ClinicSettings;
import io.ipsc.dental.clinic.Sql;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of appointments, on whichever tenant database it is given; times are read in the clinic's zone. */
@ApplicationScoped
public class AppointmentRepository {

    // The patient's name comes with each appointment (same database): a calendar names every patient without
    // asking for the clinic's patients page by page.
    private static final String COLUMNS = "id, patient_id, dentist_id, chair, starts_at, ends_at, duration_minutes, "
            + "treatment_type, notes, status, checked_in_at, created_at, updated_at, "
            + "(SELECT p.first_name || ' ' || p.last_name FROM patients p WHERE p.id = appointments.patient_id) AS patient_name";
    private static final String HOLDS_TIME = "status NOT IN ('cancelled', 'no_show')";

    /** The filters of a list; every one optional. {@code from} and {@code until} bound the start, until excluded. */
    record Filter(OffsetDateTime from, OffsetDateTime until, Long dentistId, Long patientId, AppointmentStatus status) {
    }

    /** An appointment that holds the time a booking asked for. */
    record Clash(long id, Long dentistId, String chair, OffsetDateTime start, OffsetDateTime end) {
    }

    /** The clinic's settings and a dentist's booked intervals, in one statement. */
    record DentistDay(ClinicSettings settings, List<TimeSlots.Interval> busy) {
    }

    public Uni<Appointment> insert(Pool pool, Booking b, ZoneId zone) {
        return pool.preparedQuery("INSERT INTO appointments (patient_id, dentist_id, chair, starts_at, ends_at, "
                        + "duration_minutes, treatment_type, notes, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING " + COLUMNS)
                .execute(Sql.args(b.patientId(), b.dentistId(), b.chair(), b.start(), b.end(), b.duration(),
                        b.treatmentType(), b.notes(), b.status()))
                .map(rows -> Sql.single(rows, row -> Appointment.from(row, zone), "Appointment"));
    }

    public Uni<AppointmentStatus> status(Pool pool, long id) {
        return pool.preparedQuery("SELECT status FROM appointments WHERE id = $1").execute(Sql.args(id))
                .map(rows -> Sql.single(rows, row -> AppointmentStatus.parse(row.getString("status")).orElseThrow(), "Appointment " + id));
    }

    public Uni<Appointment> update(Pool pool, long id, Booking b, ZoneId zone) {
        return pool.preparedQuery("UPDATE appointments SET patient_id = $2, dentist_id = $3, chair = $4, "
                        + "starts_at = $5, ends_at = $6, duration_minutes = $7, treatment_type = $8, notes = $9, "
                        + "status = $10, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Sql.args(id, b.patientId(), b.dentistId(), b.chair(), b.start(), b.end(), b.duration(),
                        b.treatmentType(), b.notes(), b.status()))
                .map(rows -> Sql.single(rows, row -> Appointment.from(row, zone), "Appointment " + id));
    }

    public Uni<Appointment> get(Pool pool, long id, ZoneId zone) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM appointments WHERE id = $1").execute(Sql.args(id))
                .map(rows -> Sql.single(rows, row -> Appointment.from(row, zone), "Appointment " + id));
    }

    public Uni<Appointment> cancel(Pool pool, long id, ZoneId zone) {
        return pool.preparedQuery("UPDATE appointments SET status = 'cancelled', updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, row -> Appointment.from(row, zone), "Appointment " + id));
    }

    /**
     * Checks in a scheduled or confirmed appointment; empty when it is neither (or missing). The condition sits in the
     * UPDATE so that two desks checking in at once cannot both succeed.
     */
    public Uni<Optional<Appointment>> checkIn(Pool pool, long id, ZoneId zone) {
        return pool.preparedQuery("UPDATE appointments SET status = 'checked_in', checked_in_at = now(), updated_at = now() "
                        + "WHERE id = $1 AND status IN ('scheduled', 'confirmed') RETURNING " + COLUMNS)
                .execute(Sql.args(id))
                .map(rows -> first(rows, zone));
    }

    public Uni<Page<Appointment>> list(Pool pool, Filter f, PageRequest page, ZoneId zone) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        condition(where, args, "starts_at >= $", f.from());
        condition(where, args, "starts_at < $", f.until());
        condition(where, args, "dentist_id = $", f.dentistId());
        condition(where, args, "patient_id = $", f.patientId());
        condition(where, args, "status = $", f.status() == null ? null : f.status().wireName());
        Tuple filter = Sql.args(args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        String limit = " ORDER BY starts_at, id LIMIT $" + (args.size() + 1) + " OFFSET $" + (args.size() + 2);
        return PagedQuery.fetch(page,
                () -> pool.preparedQuery("SELECT " + COLUMNS + " FROM appointments" + where + limit).execute(Sql.args(pageArgs.toArray())),
                row -> Appointment.from(row, zone),
                () -> pool.preparedQuery("SELECT count(*) FROM appointments" + where).execute(filter));
    }

    /**
     * The clinic's settings and the dentist's bookings that overlap {@code [from, until)}: a calendar's week is one query,
     * not one per day.
     */
    public Uni<DentistDay> dentistDays(Pool pool, long dentistId, OffsetDateTime from, OffsetDateTime until) {
        return pool.preparedQuery("SELECT key, value, NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at FROM "
                        + ClinicSettings.ROWS + " UNION ALL SELECT NULL, NULL, starts_at, ends_at FROM appointments WHERE dentist_id = $1 AND "
                        + HOLDS_TIME + " AND starts_at < $3 AND ends_at > $2")
                .execute(Sql.args(dentistId, from, until))
                .map(rows -> {
                    List<TimeSlots.Interval> busy = new ArrayList<>();
                    rows.forEach(row -> {
                        if (row.getString("key") == null) {
                            busy.add(new TimeSlots.Interval(row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at")));
                        }
                    });
                    return new DentistDay(ClinicSettings.from(rows), busy);
                });
    }

    /** The first other appointment holding the booking's time for its dentist, chair or patient. */
    public Uni<Optional<Clash>> firstClash(Pool pool, long selfId, Booking b) {
        return pool.preparedQuery("SELECT id, dentist_id, chair, starts_at, ends_at FROM appointments WHERE id <> $1 AND " + HOLDS_TIME
                        + " AND tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)')"
                        + " AND (dentist_id = $4 OR chair = $5 OR patient_id = $6) ORDER BY starts_at, id LIMIT 1")
                .execute(Sql.args(selfId, b.start(), b.end(), b.dentistId(), b.chair(), b.patientId()))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new Clash(row.getLong("id"), row.getLong("dentist_id"), row.getString("chair"),
                            row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at")));
                });
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value != null) {
            args.add(value);
            where.append(" AND ").append(sql).append(args.size());
        }
    }

    private static Optional<Appointment> first(RowSet<Row> rows, ZoneId zone) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(Appointment.from(it.next(), zone)) : Optional.empty();
    }
}
