package io.ipsc.dental.appointment;

import io.ipsc.dental.clinic.ClinicSettings;
import io.ipsc.dental.clinic.ClinicTime;
import io.ipsc.dental.patient.PatientRepository;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
 * Booking rules of appointments; their SQL is {@link AppointmentRepository}'s. Double booking is refused by the
 * database's exclusion constraints (see V2), not by a check beforehand, so that simultaneous bookings cannot both
 * pass; this class turns the refusal into a 409 that names the appointment in the way.
 */
@ApplicationScoped
public class AppointmentService {

    static final String EXCLUSION_VIOLATION = "23P01";

    /** The longest range one availability answer covers: a month, whichever month. */
    public static final int MAX_AVAILABILITY_DAYS = 31;

    private final AppointmentRepository appointments;
    private final PatientRepository patients;
    private final Clock clock;

    public AppointmentService(AppointmentRepository appointments, PatientRepository patients, Clock clock) {
        this.appointments = appointments;
        this.patients = patients;
        this.clock = clock;
    }

    public Uni<Appointment> create(Pool pool, Map<String, String> members, AppointmentRequest request) {
        return ClinicSettings.load(pool).chain(settings -> {
            Booking b = resolve(request, settings, members, AppointmentStatus.SCHEDULED);
            return patients.requireActive(pool, b.patientId())
                    .chain(() -> appointments.insert(pool, b, settings.zone()))
                    .onFailure(AppointmentService::isOverlap).recoverWithUni(() -> clash(pool, 0L, b, settings));
        });
    }

    /** Rescheduling and every other change re-check the overlaps: the constraints apply to updates too. */
    public Uni<Appointment> update(Pool pool, Map<String, String> members, long id, AppointmentRequest request) {
        return ClinicSettings.load(pool).chain(settings -> appointments.status(pool, id).chain(current -> {
            Booking b = resolve(request, settings, members, current);
            return patients.requireActive(pool, b.patientId())
                    .chain(() -> appointments.update(pool, id, b, settings.zone()))
                    .onFailure(AppointmentService::isOverlap).recoverWithUni(() -> clash(pool, id, b, settings));
        }));
    }

    public Uni<Appointment> get(Pool pool, long id) {
        return ClinicSettings.load(pool).chain(settings -> appointments.get(pool, id, settings.zone()));
    }

    /** Cancelling keeps the record (the history of a patient's visits) and frees the time. */
    public Uni<Appointment> cancel(Pool pool, long id) {
        return ClinicSettings.load(pool).chain(settings -> appointments.cancel(pool, id, settings.zone()));
    }

    /** The front desk's check-in: only a scheduled or confirmed appointment, once, with the time it happened. */
    public Uni<Appointment> checkIn(Pool pool, long id) {
        return ClinicSettings.load(pool).chain(settings -> appointments.checkIn(pool, id, settings.zone())
                .chain(done -> done.isPresent() ? Uni.createFrom().item(done.get())
                        : appointments.get(pool, id, settings.zone()).map(AppointmentService::notCheckable)));
    }

    private static Appointment notCheckable(Appointment current) {
        String message = "checked_in".equals(current.status())
                ? "Appointment " + current.id() + " was checked in already"
                        + (current.checkedInAt() == null ? "" : " at " + current.checkedInAt())
                : "Appointment " + current.id() + " is " + current.status().replace('_', ' ') + ": it cannot be checked in";
        throw new ApiException(409, "ILLEGAL_STATE", message, List.of(new ErrorDetail("status", current.status())), Map.of());
    }

    /** Lists by day, date range, dentist, patient and status; every filter is optional. Days are the clinic's. */
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
            var filter = new AppointmentRepository.Filter(
                    first == null ? null : first.atStartOfDay(settings.zone()).toOffsetDateTime(),
                    last == null ? null : last.plusDays(1).atStartOfDay(settings.zone()).toOffsetDateTime(),
                    dentistId, patientId, status == null ? null : AppointmentStatus.parse(status).orElseThrow());
            return appointments.list(pool, filter, page, settings.zone());
        });
    }

    /**
     * A dentist's free slots on each day from {@code first} to {@code last}, within the clinic's hours and not on
     * its closed days, in one round trip to the database (the clinic's settings and the range's bookings). The settings
     * name the zone the days are in, so the bookings are read over the range widened by a day each side (no zone is more
     * than 14 hours from UTC); those outside it overlap no slot of the range. The slots are then cut day by day. A slot
     * that starts before now is not offered (today's earlier slots are gone, a past day has none), though booking one
     * stays accepted: clinics record past visits.
     */
    public Uni<Availability> availability(Pool pool, Map<String, String> members, long dentistId, LocalDate first, LocalDate last,
                                          int slotMinutes) {
        requireDentist(members, dentistId);
        OffsetDateTime widenedStart = first.minusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
        OffsetDateTime widenedEnd = last.plusDays(2).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
        Instant now = clock.instant();
        return appointments.dentistDays(pool, dentistId, widenedStart, widenedEnd).map(read -> {
            ClinicSettings settings = read.settings();
            List<Availability.AvailabilityDay> days = new ArrayList<>();
            List<Availability.Slot> all = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                boolean closed = settings.closedOn(day);
                List<Availability.Slot> free = closed ? List.of()
                        : TimeSlots.freeSlots(day, settings.zone(), settings.opens(), settings.closes(),
                                Duration.ofMinutes(slotMinutes), read.busy(), now).stream()
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
     * Names the appointment the database refused this booking for. By the time the constraint
     * fails, the other booking has committed, so it is visible here.
     */
    private Uni<Appointment> clash(Pool pool, long selfId, Booking b, ClinicSettings settings) {
        return appointments.firstClash(pool, selfId, b).map(found -> {
            AppointmentRepository.Clash other = found.orElseThrow(
                    () -> ApiException.conflict("APPOINTMENT_CONFLICT", "The time is no longer free; choose another"));
            String when = ClinicTime.format(other.start(), settings.zone()) + " to " + ClinicTime.format(other.end(), settings.zone());
            String field;
            String who;
            if (b.dentistId() != null && b.dentistId().equals(other.dentistId())) {
                field = "dentist_id";
                who = "Dentist " + b.dentistId();
            } else if (b.chair() != null && b.chair().equals(other.chair())) {
                field = "chair";
                who = "Chair '" + b.chair() + "'";
            } else {
                field = "patient_id";
                who = "Patient " + b.patientId();
            }
            String message = who + " is already booked from " + when + " (appointment " + other.id() + ")";
            throw new ApiException(409, "APPOINTMENT_CONFLICT", message,
                    List.of(new ErrorDetail(field, "clashes with appointment " + other.id())), Map.of());
        });
    }
}
