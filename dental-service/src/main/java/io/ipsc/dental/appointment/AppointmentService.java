package io.ipsc.dental.appointment;

import io.ipsc.dental.clinic.ClinicSettings;
import io.ipsc.dental.clinic.ClinicTime;
import io.ipsc.dental.clinic.Sql;
import io.ipsc.dental.patient.PatientRepository;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Booking rules and the SQL of appointments. Double booking is refused by the database's exclusion
 * constraints (see V2), not by a check beforehand, so that simultaneous bookings cannot both pass;
 * this class turns the refusal into a 409 that names the appointment in the way.
 */
@ApplicationScoped
public class AppointmentService {

    static final String EXCLUSION_VIOLATION = "23P01";
    // The patient's name comes with each appointment (same database): a calendar names every patient without
    // asking for the clinic's patients page by page.
    private static final String COLUMNS = "id, patient_id, dentist_id, chair, starts_at, ends_at, duration_minutes, "
            + "treatment_type, notes, status, checked_in_at, created_at, updated_at, "
            + "(SELECT p.first_name || ' ' || p.last_name FROM patients p WHERE p.id = appointments.patient_id) AS patient_name";
    private static final String HOLDS_TIME = "status NOT IN ('cancelled', 'no_show')";

    private final PatientRepository patients;
    private final Clock clock;

    public AppointmentService(PatientRepository patients, Clock clock) {
        this.patients = patients;
        this.clock = clock;
    }

    /** What the request asks for, resolved against the tenant's settings and members. */
    private record Booking(long patientId, Long dentistId, String chair, OffsetDateTime start, OffsetDateTime end,
                           int duration, String treatmentType, String notes, String status) {
    }

    public Uni<Appointment> create(Pool pool, Map<String, String> members, AppointmentRequest request) {
        return ClinicSettings.load(pool).chain(settings -> {
            Booking b = resolve(request, settings, members, AppointmentStatus.SCHEDULED);
            return patients.requireActive(pool, b.patientId())
                    .chain(() -> pool.preparedQuery("INSERT INTO appointments (patient_id, dentist_id, chair, starts_at, ends_at, "
                                    + "duration_minutes, treatment_type, notes, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING " + COLUMNS)
                            .execute(Sql.args(b.patientId(), b.dentistId(), b.chair(), b.start(), b.end(), b.duration(),
                                    b.treatmentType(), b.notes(), b.status())))
                    .map(rows -> Sql.single(rows, row -> Appointment.from(row, settings.zone()), "Appointment"))
                    .onFailure(AppointmentService::isOverlap).recoverWithUni(() -> clash(pool, 0L, b, settings));
        });
    }

    /** Rescheduling and every other change re-check the overlaps: the constraints apply to updates too. */
    public Uni<Appointment> update(Pool pool, Map<String, String> members, long id, AppointmentRequest request) {
        return ClinicSettings.load(pool).chain(settings -> pool.preparedQuery("SELECT status FROM appointments WHERE id = $1")
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, row -> AppointmentStatus.parse(row.getString("status")).orElseThrow(), "Appointment " + id))
                .chain(current -> {
                    Booking b = resolve(request, settings, members, current);
                    return patients.requireActive(pool, b.patientId())
                            .chain(() -> pool.preparedQuery("UPDATE appointments SET patient_id = $2, dentist_id = $3, chair = $4, "
                                            + "starts_at = $5, ends_at = $6, duration_minutes = $7, treatment_type = $8, notes = $9, "
                                            + "status = $10, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                                    .execute(Sql.args(id, b.patientId(), b.dentistId(), b.chair(), b.start(), b.end(), b.duration(),
                                            b.treatmentType(), b.notes(), b.status())))
                            .map(rows -> Sql.single(rows, row -> Appointment.from(row, settings.zone()), "Appointment " + id))
                            .onFailure(AppointmentService::isOverlap).recoverWithUni(() -> clash(pool, id, b, settings));
                }));
    }

    public Uni<Appointment> get(Pool pool, long id) {
        return ClinicSettings.load(pool).chain(settings -> pool.preparedQuery("SELECT " + COLUMNS + " FROM appointments WHERE id = $1")
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, row -> Appointment.from(row, settings.zone()), "Appointment " + id)));
    }

    /** Cancelling keeps the record (the history of a patient's visits) and frees the time. */
    public Uni<Appointment> cancel(Pool pool, long id) {
        return ClinicSettings.load(pool).chain(settings -> pool.preparedQuery(
                        "UPDATE appointments SET status = 'cancelled', updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, row -> Appointment.from(row, settings.zone()), "Appointment " + id)));
    }

    /**
     * The front desk's check-in: only a scheduled or confirmed appointment, once, with the time it happened.
     * The condition sits in the UPDATE so that two desks checking in at once cannot both succeed.
     */
    public Uni<Appointment> checkIn(Pool pool, long id) {
        return ClinicSettings.load(pool).chain(settings -> pool.preparedQuery(
                        "UPDATE appointments SET status = 'checked_in', checked_in_at = now(), updated_at = now() "
                                + "WHERE id = $1 AND status IN ('scheduled', 'confirmed') RETURNING " + COLUMNS)
                .execute(Sql.args(id))
                .chain(rows -> rows.size() == 1
                        ? Uni.createFrom().item(Appointment.from(rows.iterator().next(), settings.zone()))
                        : get(pool, id).map(AppointmentService::notCheckable)));
    }

    private static Appointment notCheckable(Appointment current) {
        String message = "checked_in".equals(current.status())
                ? "Appointment " + current.id() + " was checked in already"
                        + (current.checkedInAt() == null ? "" : " at " + current.checkedInAt())
                : "Appointment " + current.id() + " is " + current.status().replace('_', ' ') + ": it cannot be checked in";
        throw new ApiException(409, "ILLEGAL_STATE", message, List.of(new ErrorDetail("status", current.status())), Map.of());
    }

    /** Lists by day, date range, dentist, patient and status; every filter is optional. */
    public Uni<Page<Appointment>> list(Pool pool, LocalDate day, LocalDate from, LocalDate to, Long dentistId, Long patientId,
                                       String status, PageRequest page) {
        if (status != null && AppointmentStatus.parse(status).isEmpty()) {
            throw ApiException.badRequest("INVALID_FIELD", "status", "status must be one of scheduled, confirmed, checked_in, completed, cancelled, no_show");
        }
        if (day != null && (from != null || to != null)) {
            throw ApiException.badRequest("INVALID_FIELD", "date", "Give either date or from/to, not both");
        }
        return ClinicSettings.load(pool).chain(settings -> {
            LocalDate first = day != null ? day : from;
            LocalDate last = day != null ? day : to;
            List<Object> args = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE true");
            if (first != null) {
                args.add(first.atStartOfDay(settings.zone()).toOffsetDateTime());
                where.append(" AND starts_at >= $").append(args.size());
            }
            if (last != null) {
                args.add(last.plusDays(1).atStartOfDay(settings.zone()).toOffsetDateTime());
                where.append(" AND starts_at < $").append(args.size());
            }
            if (dentistId != null) {
                args.add(dentistId);
                where.append(" AND dentist_id = $").append(args.size());
            }
            if (patientId != null) {
                args.add(patientId);
                where.append(" AND patient_id = $").append(args.size());
            }
            if (status != null) {
                args.add(AppointmentStatus.parse(status).orElseThrow().wireName());
                where.append(" AND status = $").append(args.size());
            }
            Tuple filter = Sql.args(args.toArray());
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(page.size());
            pageArgs.add(page.offset());
            String limit = " ORDER BY starts_at, id LIMIT $" + (args.size() + 1) + " OFFSET $" + (args.size() + 2);
            return PagedQuery.fetch(page,
                    () -> pool.preparedQuery("SELECT " + COLUMNS + " FROM appointments" + where + limit).execute(Sql.args(pageArgs.toArray())),
                    row -> Appointment.from(row, settings.zone()),
                    () -> pool.preparedQuery("SELECT count(*) FROM appointments" + where).execute(filter));
        });
    }

    /** The longest range one availability answer covers: a month, whichever month. */
    public static final int MAX_AVAILABILITY_DAYS = 31;

    /**
     * A dentist's free slots on each day from {@code first} to {@code last}, within the clinic's hours and not on
     * its closed days, in one round trip to the database: the clinic's settings and the range's bookings are one
     * statement (a calendar's week is one query, not one per day). The settings name the zone the days are in, so
     * the bookings are read over the range widened by a day each side (no zone is more than 14 hours from UTC);
     * those outside it overlap no slot of the range. The slots are then cut day by day. A slot that starts before
     * now is not offered (today's earlier slots are gone, a past day has none), though booking one stays accepted:
     * clinics record past visits.
     */
    public Uni<Availability> availability(Pool pool, Map<String, String> members, long dentistId, LocalDate first, LocalDate last,
                                          int slotMinutes) {
        requireDentist(members, dentistId);
        OffsetDateTime widenedStart = first.minusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
        OffsetDateTime widenedEnd = last.plusDays(2).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
        Instant now = clock.instant();
        return pool.preparedQuery("SELECT key, value, NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at FROM "
                        + ClinicSettings.ROWS + " UNION ALL SELECT NULL, NULL, starts_at, ends_at FROM appointments WHERE dentist_id = $1 AND "
                        + HOLDS_TIME + " AND starts_at < $3 AND ends_at > $2")
                .execute(Sql.args(dentistId, widenedStart, widenedEnd))
                .map(rows -> {
                    ClinicSettings settings = ClinicSettings.from(rows);
                    List<TimeSlots.Interval> busy = new ArrayList<>();
                    rows.forEach(row -> {
                        if (row.getString("key") == null) {
                            busy.add(new TimeSlots.Interval(row.getOffsetDateTime("starts_at"), row.getOffsetDateTime("ends_at")));
                        }
                    });
                    List<Availability.AvailabilityDay> days = new ArrayList<>();
                    List<Availability.Slot> all = new ArrayList<>();
                    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                        boolean closed = settings.closedOn(day);
                        List<Availability.Slot> free = closed ? List.of()
                                : TimeSlots.freeSlots(day, settings.zone(), settings.opens(), settings.closes(),
                                        Duration.ofMinutes(slotMinutes), busy, now).stream()
                                .map(slot -> new Availability.Slot(ClinicTime.format(slot.start(), settings.zone()),
                                        ClinicTime.format(slot.end(), settings.zone())))
                                .toList();
                        days.add(new Availability.AvailabilityDay(day, closed, free));
                        all.addAll(free);
                    }
                    return new Availability(dentistId, first, first, last, settings.zone().getId(), settings.opens().toString(),
                            settings.closes().toString(), slotMinutes, all, days);
                });
    }

    private static Booking resolve(AppointmentRequest r, ClinicSettings settings, Map<String, String> members, AppointmentStatus current) {
        if (r.dentistId() != null) {
            requireDentist(members, r.dentistId());
        }
        OffsetDateTime start = ClinicTime.parse(r.appointmentDate(), settings.zone(), "appointment_date");
        AppointmentStatus status = r.status() == null ? current : AppointmentStatus.parse(r.status()).orElseThrow();
        String chair = r.chair() == null || r.chair().isBlank() ? null : r.chair().trim();
        return new Booking(r.patientId(), r.dentistId(), chair, start, start.plusMinutes(r.duration()), r.duration(),
                r.treatmentType().trim(), r.notes(), status.wireName());
    }

    private static void requireDentist(Map<String, String> members, long dentistId) {
        if (members == null || !members.containsKey(Long.toString(dentistId))) {
            throw ApiException.badRequest("UNKNOWN_DENTIST", "dentist_id", "User " + dentistId + " is not a member of this clinic");
        }
    }

    private static boolean isOverlap(Throwable failure) {
        return failure instanceof PgException pg && EXCLUSION_VIOLATION.equals(pg.getSqlState());
    }

    /**
     * Finds the appointment the database refused this booking for. By the time the constraint
     * fails, the other booking has committed, so it is visible here.
     */
    private static Uni<Appointment> clash(Pool pool, long selfId, Booking b, ClinicSettings settings) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM appointments WHERE id <> $1 AND " + HOLDS_TIME
                        + " AND tstzrange(starts_at, ends_at, '[)') && tstzrange($2, $3, '[)')"
                        + " AND (dentist_id = $4 OR chair = $5 OR patient_id = $6) ORDER BY starts_at, id LIMIT 1")
                .execute(Sql.args(selfId, b.start(), b.end(), b.dentistId(), b.chair(), b.patientId()))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw ApiException.conflict("APPOINTMENT_CONFLICT", "The time is no longer free; choose another");
                    }
                    Row other = it.next();
                    long otherId = other.getLong("id");
                    String when = ClinicTime.format(other.getOffsetDateTime("starts_at"), settings.zone()) + " to "
                            + ClinicTime.format(other.getOffsetDateTime("ends_at"), settings.zone());
                    String field;
                    String who;
                    if (b.dentistId() != null && b.dentistId().equals(other.getLong("dentist_id"))) {
                        field = "dentist_id";
                        who = "Dentist " + b.dentistId();
                    } else if (b.chair() != null && b.chair().equals(other.getString("chair"))) {
                        field = "chair";
                        who = "Chair '" + b.chair() + "'";
                    } else {
                        field = "patient_id";
                        who = "Patient " + b.patientId();
                    }
                    String message = who + " is already booked from " + when + " (appointment " + otherId + ")";
                    throw new ApiException(409, "APPOINTMENT_CONFLICT", message,
                            List.of(new ErrorDetail(field, "clashes with appointment " + otherId)), Map.of());
                });
    }
}
