package io.ipsc.dental.appointment;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.metrics.TenantMetrics;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.EnvelopeSchemas;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** {@code /api/appointments}: bookings without double booking, and a dentist's free slots. */
@Tag(name = "Appointments")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/appointments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@TenantScoped
public class AppointmentResource {

    /** Per-tenant counter of bookings, counted once the booking is stored. */
    public static final String APPOINTMENTS_BOOKED = "ipsc_appointments_booked";

    private final TenantContext tenant;
    private final AppointmentService appointments;
    private final TenantMetrics metrics;

    public AppointmentResource(TenantContext tenant, AppointmentService appointments, TenantMetrics metrics) {
        this.tenant = tenant;
        this.appointments = appointments;
        this.metrics = metrics;
    }

    @POST
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_PATIENT,PATIENT_ARCHIVED,UNKNOWN_DENTIST,APPOINTMENT_CONFLICT")
    @Extension(name = EnvelopeSchemas.SUCCESS_STATUS, value = "201")
    @Operation(operationId = "bookAppointment", summary = "Book an appointment")
    public Uni<RestResponse<ApiResponse<Appointment>>> create(@Valid @NotNull AppointmentRequest request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        var members = tenant.tenant().snapshot().members();
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> appointments.create(pool, members, request))
                .invoke(a -> metrics.increment(APPOINTMENTS_BOOKED, slug))
                .map(a -> RestResponse.status(RestResponse.Status.CREATED,
                        ApiResponse.ok(a, "Appointment " + a.id() + " booked for " + a.appointmentDate())));
    }

    @GET
    @Operation(operationId = "listAppointments", summary = "List appointments")
    public Uni<ApiResponse<Page<Appointment>>> list(@QueryParam("date") String date, @QueryParam("from") String from,
                                                    @QueryParam("to") String to, @QueryParam("dentist_id") Long dentistId,
                                                    @QueryParam("patient_id") Long patientId, @QueryParam("status") String status,
                                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        PageRequest request = PageRequest.of(page, size);
        LocalDate day = date(date, "date");
        LocalDate first = date(from, "from");
        LocalDate last = date(to, "to");
        return tenant.withDatabase(pool -> appointments.list(pool, day, first, last, dentistId, patientId, status, request))
                .map(p -> ApiResponse.ok(p, p.totalItems() + " appointment(s)"));
    }

    @GET
    @Path("/availability")
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_DENTIST,INVALID_RANGE")
    @Operation(operationId = "getAppointmentAvailability",
            summary = "Get a dentist's free slots on a day (date) or on each day of a range of up to 31 days (from, to)")
    public Uni<ApiResponse<Availability>> availability(@QueryParam("dentist_id") Long dentistId, @QueryParam("date") String date,
                                                       @QueryParam("from") String from, @QueryParam("to") String to,
                                                       @QueryParam("duration") @DefaultValue("30") int duration) {
        if (dentistId == null) {
            throw ApiException.badRequest("VALIDATION_ERROR", "dentist_id", "dentist_id is required");
        }
        LocalDate day = date(date, "date");
        LocalDate first = date(from, "from");
        LocalDate last = date(to, "to");
        if (day != null && (first != null || last != null)) {
            throw ApiException.badRequest("INVALID_RANGE", "date", "Give either date or from and to, not both");
        }
        if (day == null && first == null && last == null) {
            throw ApiException.badRequest("VALIDATION_ERROR", "date", "date is required (YYYY-MM-DD), or from and to for a range");
        }
        if (day != null) {
            first = day;
            last = day;
        } else if (first == null || last == null) {
            String missing = first == null ? "from" : "to";
            throw ApiException.badRequest("INVALID_RANGE", missing, "A range needs both from and to (YYYY-MM-DD); " + missing + " is missing");
        } else if (last.isBefore(first)) {
            throw ApiException.badRequest("INVALID_RANGE", "to", "to (" + last + ") is before from (" + first + ")");
        } else if (ChronoUnit.DAYS.between(first, last) >= AppointmentService.MAX_AVAILABILITY_DAYS) {
            throw ApiException.badRequest("INVALID_RANGE", "to", "A range covers at most " + AppointmentService.MAX_AVAILABILITY_DAYS
                    + " days; " + first + " to " + last + " is " + (ChronoUnit.DAYS.between(first, last) + 1));
        }
        if (duration < 5 || duration > 480) {
            throw ApiException.badRequest("VALIDATION_ERROR", "duration", "duration must be between 5 and 480 minutes");
        }
        var members = tenant.tenant().snapshot().members();
        LocalDate start = first;
        LocalDate end = last;
        return tenant.withDatabase(pool -> appointments.availability(pool, members, dentistId, start, end, duration))
                .map(a -> ApiResponse.ok(a, a.freeSlots().size() + " free slot(s)"));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAppointment", summary = "Get an appointment")
    public Uni<ApiResponse<Appointment>> get(@PathParam("id") long id) {
        return tenant.withDatabase(pool -> appointments.get(pool, id)).map(a -> ApiResponse.ok(a, "Appointment " + id));
    }

    @PUT
    @Path("/{id}")
    @Extension(name = ErrorAnswers.CODES, value = "UNKNOWN_PATIENT,PATIENT_ARCHIVED,UNKNOWN_DENTIST,APPOINTMENT_CONFLICT")
    @Operation(operationId = "updateAppointment", summary = "Update an appointment")
    public Uni<ApiResponse<Appointment>> update(@PathParam("id") long id, @Valid @NotNull AppointmentRequest request) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        var members = tenant.tenant().snapshot().members();
        return tenant.withDatabase(pool -> appointments.update(pool, members, id, request))
                .map(a -> ApiResponse.ok(a, "Appointment " + id + " updated"));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "cancelAppointment", summary = "Cancel an appointment")
    public Uni<ApiResponse<Appointment>> cancel(@PathParam("id") long id) {
        tenant.requireRole(Role.MANAGER, "remove or archive clinic records");
        return tenant.withDatabase(pool -> appointments.cancel(pool, id)).map(a -> ApiResponse.ok(a, "Appointment " + id + " cancelled"));
    }

    // No body and so no Content-Type needed: `curl -X POST .../check-in` is enough.
    @POST
    @Path("/{id}/check-in")
    @Consumes(MediaType.WILDCARD)
    @Extension(name = ErrorAnswers.CODES, value = "ILLEGAL_STATE")
    @Operation(operationId = "checkInAppointment", summary = "Check a patient in for their appointment")
    public Uni<ApiResponse<Appointment>> checkIn(@PathParam("id") long id) {
        tenant.requireRole(Role.STAFF, "change clinic records");
        return tenant.withDatabase(pool -> appointments.checkIn(pool, id))
                .map(a -> ApiResponse.ok(a, "Appointment " + id + " checked in at " + a.checkedInAt()));
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_FIELD", field, field + " must be a date such as 2024-01-15");
        }
    }
}
