package io.ipsc.web.calendar;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.Appointment;
import io.ipsc.client.model.AppointmentRequest;
import io.ipsc.client.model.Availability;
import io.ipsc.client.model.AvailabilityDay;
import io.ipsc.client.model.Slot;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayCalls;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.workspace.Visits;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The clinic's appointment calendar at {@code <workspace base>calendar}: a day (a column per dentist)
 * or a week (a column per day, one dentist), free slots as dental-service's availability answers them,
 * booking by clicking one, an appointment's page (reschedule, cancel, check in) and today's list for the
 * front desk. Nothing about time is decided here: a slot taken meanwhile is the API's 409, shown with
 * the calendar as it now is.
 */
@Path("/t/{slug}/calendar")
@Blocking
public class CalendarResource {

    /** The clinic's day when the page is asked for; dental-service's default zone (its settings may name another). */
    static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Kolkata");
    static final int DEFAULT_STEP = 30;
    static final LocalTime DEFAULT_OPENS = LocalTime.of(9, 0);
    static final LocalTime DEFAULT_CLOSES = LocalTime.of(18, 0);
    static final List<Integer> DURATIONS = List.of(15, 30, 45, 60, 90, 120);
    private static final DateTimeFormatter DAY_HEADING = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance calendar(Chrome chrome, String base, View view, CalendarGrid grid, Map<Long, String> dentists,
                                                String notice, String problem, boolean mayWrite);

        static native TemplateInstance book(Chrome chrome, String base, BookingForm form, String when, String dentist,
                                            List<Clinic.PatientChoice> patients, Map<Long, String> dentists, List<Integer> durations,
                                            Map<String, String> errors, String problem);

        /** The patients the booking form's search found, swapped in as the front desk types. */
        static native TemplateInstance book$choices(BookingForm form, List<Clinic.PatientChoice> patients, Map<String, String> errors);

        static native TemplateInstance appointment(Chrome chrome, String base, Appointment appointment, CalendarGrid.Entry entry,
                                                   String when, String dentist, String checkedIn, Map<Long, String> dentists,
                                                   List<Integer> durations, String at, String day, Actions actions, String notice, String problem,
                                                   String problemAt, Map<String, String> errors);

        static native TemplateInstance today(Chrome chrome, String base, String day, List<TodayRow> rows, String notice, String problem);
    }

    /** Which calendar is shown, and the addresses of its neighbours. */
    public record View(String kind, LocalDate date, Long dentist, int step, String title) {

        public boolean week() {
            return "week".equals(kind);
        }

        LocalDate first() {
            return week() ? date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : date;
        }

        LocalDate last() {
            return week() ? first().plusDays(6) : date;
        }

        public String query(LocalDate day, String viewKind) {
            return "view=" + viewKind + "&date=" + day + (dentist == null ? "" : "&dentist=" + dentist)
                    + (step == DEFAULT_STEP ? "" : "&duration=" + step);
        }

        public String previous() {
            return query(date.minusDays(week() ? 7 : 1), kind);
        }

        public String next() {
            return query(date.plusDays(week() ? 7 : 1), kind);
        }

        public String today() {
            return query(LocalDate.now(CLINIC_ZONE), kind);
        }

        public String day() {
            return query(date, "day");
        }

        public String weekOf() {
            return query(date, "week");
        }
    }

    /** What an appointment's status and the visitor's role allow. */
    public record Actions(boolean reschedule, boolean cancel, boolean checkIn) {

        static Actions of(Appointment a, Visit visit) {
            String status = Objects.toString(a.getStatus(), "");
            boolean open = status.equals("scheduled") || status.equals("confirmed");
            boolean write = visit.workspace().mayWrite();
            // Cancelling needs a manager or above in dental-service; staff are not offered it.
            String role = Objects.toString(visit.workspace().role().role(), "");
            boolean manager = visit.workspace().role().platformAdmin() || role.equalsIgnoreCase("admin") || role.equalsIgnoreCase("manager");
            return new Actions(write && open, manager && open, write && open);
        }

        public boolean any() {
            return reschedule || cancel || checkIn;
        }
    }

    /** One line of today's list. */
    public record TodayRow(CalendarGrid.Entry entry, String dentist, String checkedIn, boolean checkIn) {
    }

    private final Gateway gateway;
    private final Visits visits;
    private final Clinic clinic;
    private final GatewayCalls calls;

    CalendarResource(Gateway gateway, Visits visits, Clinic clinic, GatewayCalls calls) {
        this.gateway = gateway;
        this.visits = visits;
        this.clinic = clinic;
        this.calls = calls;
    }

    // ---- the calendar ----

    @GET
    public TemplateInstance calendar(@PathParam("slug") String slug, @RestQuery String view, @RestQuery String date,
                                     @RestQuery Long dentist, @RestQuery Integer duration, @RestQuery String done,
                                     @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        return calendarPage(visits.arrive(slug, sessionId, host), slug, view, parseDay(date), dentist, duration, notice(done), null);
    }

    private TemplateInstance calendarPage(Visits.Arrival arrival, String slug, String kind, LocalDate date, Long dentist, Integer duration,
                                          String notice, String problem) throws ApiException {
        int step = duration == null || duration < 5 || duration > 480 ? DEFAULT_STEP : duration;
        boolean week = "week".equals(kind);
        // Everything that can be asked at once is, beside the tenant and its brand: the page waits for its slowest
        // answer, not their sum.
        CompletableFuture<Map<Long, String>> asked = calls.start(() -> clinic.dentists(slug, arrival.bearer()));
        return week ? weekPage(arrival, slug, asked, date, dentist, step, notice, problem)
                : dayPage(arrival, slug, asked, date, step, notice, problem);
    }

    /**
     * One dentist's week: the week's appointments and its free slots day by day are two calls to dental-service,
     * made together (with the dentists' names) when the address names the dentist, else once the first dentist is known.
     */
    private TemplateInstance weekPage(Visits.Arrival arrival, String slug, CompletableFuture<Map<Long, String>> asked, LocalDate date,
                                      Long dentist, int step, String notice, String problem) throws ApiException {
        View range = new View("week", date, dentist, step, null);
        WeekCalls week = dentist == null ? null : weekCalls(arrival, slug, range, dentist, step);
        Visit visit = arrival.visit();
        Map<Long, String> dentists = GatewayCalls.await(asked);
        Long chosen = dentist != null ? dentist : dentists.keySet().stream().findFirst().orElse(null);
        if (week == null && chosen != null) {
            week = weekCalls(arrival, slug, range, chosen, step);
        }
        List<Appointment> appointments = week == null ? List.of() : GatewayCalls.await(week.booked());
        Availability free = week == null ? null : GatewayCalls.await(week.free());
        Map<LocalDate, AvailabilityDay> days = byDay(free);
        List<CalendarGrid.ColumnInput> inputs = new ArrayList<>();
        for (LocalDate day = range.first(); !day.isAfter(range.last()); day = day.plusDays(1)) {
            LocalDate d = day;
            AvailabilityDay answer = days.get(day);
            List<Appointment> mine = appointments.stream().filter(x -> CalendarGrid.start(x).toLocalDate().equals(d)).toList();
            inputs.add(new CalendarGrid.ColumnInput(day.format(DAY_HEADING), answer != null && Boolean.TRUE.equals(answer.getClosed())
                    ? "Closed" : null, day, chosen, mine, freeStarts(answer)));
        }
        String title = "Week of " + range.first().format(LONG_DAY) + (chosen == null ? "" : " · " + Labels.dentist(chosen, dentists));
        return render(visit, new View("week", date, chosen, step, title), inputs, free, step, dentists, notice, problem);
    }

    /** The week's two calls to dental-service, started together. */
    private record WeekCalls(CompletableFuture<List<Appointment>> booked, CompletableFuture<Availability> free) {
    }

    private WeekCalls weekCalls(Visits.Arrival arrival, String slug, View range, long dentist, int step) {
        Map<String, String> bearer = arrival.bearer();
        return new WeekCalls(calls.start(() -> appointments(slug, bearer, null, range.first(), range.last(), dentist)),
                calls.start(() -> availability(slug, bearer, range.first(), range.last(), dentist, step)));
    }

    /** A day of every dentist: the day's appointments with the dentists' names, then each dentist's free slots, all at once. */
    private TemplateInstance dayPage(Visits.Arrival arrival, String slug, CompletableFuture<Map<Long, String>> asked, LocalDate date,
                                     int step, String notice, String problem) throws ApiException {
        Map<String, String> bearer = arrival.bearer();
        CompletableFuture<List<Appointment>> booked = calls.start(() -> appointments(slug, bearer, date, null, null, null));
        Visit visit = arrival.visit();
        Map<Long, String> dentists = GatewayCalls.await(asked);
        Map<Long, CompletableFuture<Availability>> free = new LinkedHashMap<>();
        for (Long d : dentists.keySet()) {
            free.put(d, calls.start(() -> availability(slug, bearer, date, date, d, step)));
        }
        List<Appointment> appointments = GatewayCalls.await(booked);
        List<CalendarGrid.ColumnInput> inputs = new ArrayList<>();
        Availability any = null;
        for (var column : free.entrySet()) {
            Long d = column.getKey();
            Availability a = GatewayCalls.await(column.getValue());
            any = a != null ? a : any;
            AvailabilityDay answer = byDay(a).get(date);
            List<Appointment> mine = appointments.stream().filter(x -> Objects.equals(x.getDentistId(), d)).toList();
            inputs.add(new CalendarGrid.ColumnInput(Labels.dentist(d, dentists), answer != null && Boolean.TRUE.equals(answer.getClosed())
                    ? "Closed" : null, date, d, mine, freeStarts(answer)));
        }
        List<Appointment> without = appointments.stream().filter(x -> x.getDentistId() == null).toList();
        if (!without.isEmpty() || inputs.isEmpty()) {
            inputs.add(new CalendarGrid.ColumnInput("No dentist", null, date, null, without, List.of()));
        }
        return render(visit, new View("day", date, null, step, date.format(LONG_DAY)), inputs, any, step, dentists, notice, problem);
    }

    private TemplateInstance render(Visit visit, View view, List<CalendarGrid.ColumnInput> inputs, Availability hours, int step,
                                    Map<Long, String> dentists, String notice, String problem) {
        // The rows run through the clinic's hours as dental-service answers them (its settings), else office hours.
        LocalTime opens = hours != null && hours.getClinicOpens() != null ? LocalTime.parse(hours.getClinicOpens()) : DEFAULT_OPENS;
        LocalTime closes = hours != null && hours.getClinicCloses() != null ? LocalTime.parse(hours.getClinicCloses()) : DEFAULT_CLOSES;
        CalendarGrid grid = CalendarGrid.of(inputs, opens, closes, step, LocalDate.now(CLINIC_ZONE));
        return Templates.calendar(visit.chrome("Calendar · " + visit.workspace().companyName()), visit.workspace().base(), view, grid,
                dentists, notice, problem, visit.workspace().mayWrite());
    }

    private static Map<LocalDate, AvailabilityDay> byDay(Availability a) {
        Map<LocalDate, AvailabilityDay> days = new LinkedHashMap<>();
        if (a != null && a.getDays() != null) {
            for (AvailabilityDay d : a.getDays()) {
                if (d.getDate() != null) {
                    days.put(d.getDate(), d);
                }
            }
        }
        return days;
    }

    private static List<LocalDateTime> freeStarts(AvailabilityDay day) {
        return day == null || day.getFreeSlots() == null ? List.of()
                : day.getFreeSlots().stream().map(Slot::getStart).filter(Objects::nonNull)
                .map(s -> OffsetDateTime.parse(s).toLocalDateTime()).toList();
    }

    /**
     * A dentist's free slots from {@code from} to {@code to} (one answer for the range), or none when dental-service
     * refuses the dentist (400: a member it has not heard of yet); the rest of the calendar still shows.
     */
    private Availability availability(String slug, Map<String, String> bearer, LocalDate from, LocalDate to, long dentist, int step)
            throws ApiException {
        try {
            return gateway.appointments().getAppointmentAvailability(slug, null, dentist, step, from.toString(), to.toString(),
                    bearer).getData();
        } catch (ApiException e) {
            if (e.getCode() == 400) {
                return null;
            }
            throw e;
        }
    }

    /** Every appointment of a day or a range (one dentist's or all), page by page: a busy clinic has more than one page. */
    private List<Appointment> appointments(String slug, Map<String, String> bearer, LocalDate day, LocalDate from, LocalDate to, Long dentist)
            throws ApiException {
        List<Appointment> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            var data = gateway.appointments().listAppointments(slug, day == null ? null : day.toString(), dentist,
                    from == null ? null : from.toString(), page, null, Clinic.CHOICES, null, to == null ? null : to.toString(),
                    bearer).getData();
            if (data.getItems() != null) {
                all.addAll(data.getItems());
            }
            if (data.getTotalPages() == null || page >= data.getTotalPages()) {
                return all;
            }
        }
    }

    // ---- booking ----

    @GET
    @Path("/book")
    public TemplateInstance bookForm(@PathParam("slug") String slug, @RestQuery Long dentist, @RestQuery String at,
                                     @RestQuery Integer duration, @RestQuery String search,
                                     @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        BookingForm form = new BookingForm(dentist, at, duration == null ? DEFAULT_STEP : duration, null, "", "", "", search);
        return bookPage(visit, form, Map.of(), null);
    }

    @POST
    @Path("/book")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> book(@PathParam("slug") String slug, @RestForm Long dentist, @RestForm String at,
                                               @RestForm Integer duration, @RestForm Long patient, @RestForm String treatment,
                                               @RestForm String chair, @RestForm String notes, @RestForm String search,
                                               @CookieParam(SessionCookie.NAME) String sessionId,
                                               @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        BookingForm form = new BookingForm(dentist, at, duration, patient, treatment, chair, notes, search);
        Appointment booked;
        try {
            booked = gateway.appointments().bookAppointment(slug, form.toRequest(), visit.bearer()).getData();
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            if ("APPOINTMENT_CONFLICT".equals(error.code())) {
                // Taken meanwhile: the calendar as it is now, with the API's words.
                return PageErrors.withStatus(error.status(), calendarPage(Visits.Arrival.of(visit), slug, "day", form.day(), null, form.duration(), null,
                        error.message()));
            }
            return PageErrors.withStatus(error.status(), bookPage(visit, form, error.fieldErrors(),
                    error.fieldErrors().isEmpty() ? error.message() : "Check the fields marked below."));
        }
        return RestResponse.seeOther(URI.create(visit.workspace().base() + "calendar?view=day&date=" + form.day()
                + "&done=booked#appointment-" + booked.getId()));
    }

    private TemplateInstance bookPage(Visit visit, BookingForm form, Map<String, String> errors, String problem) throws ApiException {
        String slug = visit.tenant().getSlug();
        CompletableFuture<List<Clinic.PatientChoice>> found = calls.start(() -> matches(slug, visit, form));
        Map<Long, String> dentists = clinic.dentists(slug, visit.bearer());
        return Templates.book(visit.chrome("Book an appointment · " + visit.workspace().companyName()), visit.workspace().base(), form,
                form.when(), Labels.dentist(form.dentist(), dentists), GatewayCalls.await(found), dentists, DURATIONS, errors, problem);
    }

    /** The booking form's patient choices for what was typed in its search (htmx asks as the front desk types). */
    @GET
    @Path("/book/patients")
    public TemplateInstance patientChoices(@PathParam("slug") String slug, @RestQuery String search, @RestQuery Long patient,
                                           @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        BookingForm form = new BookingForm(null, null, null, patient, null, null, null, search);
        return Templates.book$choices(form, matches(slug, visit, form), Map.of());
    }

    /** What the search finds, with the patient already chosen kept first when the search no longer finds them. */
    private List<Clinic.PatientChoice> matches(String slug, Visit visit, BookingForm form) throws ApiException {
        List<Clinic.PatientChoice> found = clinic.patients(slug, visit.bearer(), form.search());
        if (form.patient() == null || found.stream().anyMatch(p -> p.id() == form.patient())) {
            return found;
        }
        Clinic.PatientChoice chosen = clinic.patient(slug, visit.bearer(), form.patient());
        if (chosen == null) {
            return found;
        }
        List<Clinic.PatientChoice> all = new ArrayList<>(List.of(chosen));
        all.addAll(found);
        return all;
    }

    // ---- an appointment ----

    @GET
    @Path("/appointments/{id:\\d+}")
    public TemplateInstance appointment(@PathParam("slug") String slug, @PathParam("id") long id, @RestQuery String done,
                                        @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return appointmentPage(visit, id, notice(done), null, null, Map.of());
    }

    @POST
    @Path("/appointments/{id:\\d+}/reschedule")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> reschedule(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String at,
                                                     @RestForm Integer duration, @RestForm Long dentist, @RestForm String chair,
                                                     @CookieParam(SessionCookie.NAME) String sessionId,
                                                     @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            Appointment current = gateway.appointments().getAppointment(slug, id, visit.bearer()).getData();
            // The API's update replaces the whole appointment: what the form does not change is sent as it was.
            AppointmentRequest request = new AppointmentRequest().patientId(current.getPatientId()).appointmentDate(at)
                    .treatmentType(current.getTreatmentType()).notes(current.getNotes()).dentistId(dentist)
                    .chair(chair == null || chair.isBlank() ? null : chair.trim())
                    .durationMinutes(duration == null ? current.getDurationMinutes() : duration).status(current.getStatus());
            gateway.appointments().updateAppointment(slug, id, request, visit.bearer());
            return done(visit, id, "rescheduled");
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), appointmentPage(visit, id, null, error.message(), "reschedule", error.fieldErrors()));
        }
    }

    @POST
    @Path("/appointments/{id:\\d+}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> cancel(@PathParam("slug") String slug, @PathParam("id") long id,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.appointments().cancelAppointment(slug, id, visit.bearer());
            return done(visit, id, "cancelled");
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), appointmentPage(visit, id, null, error.message(), "cancel", Map.of()));
        }
    }

    /** Check-in from the appointment's page or today's list ({@code back=today} returns there). */
    @POST
    @Path("/appointments/{id:\\d+}/check-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> checkIn(@PathParam("slug") String slug, @PathParam("id") long id, @RestForm String back,
                                                  @CookieParam(SessionCookie.NAME) String sessionId,
                                                  @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.appointments().checkInAppointment(slug, id, visit.bearer());
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), "today".equals(back) ? todayPage(visit, null, error.message())
                    : appointmentPage(visit, id, null, error.message(), "check-in", Map.of()));
        }
        if ("today".equals(back)) {
            return RestResponse.seeOther(URI.create(visit.workspace().base() + "calendar/today?done=checked-in#appointment-" + id));
        }
        return done(visit, id, "checked-in");
    }

    private TemplateInstance appointmentPage(Visit visit, long id, String notice, String problem, String problemAt,
                                             Map<String, String> errors) throws ApiException {
        String slug = visit.tenant().getSlug();
        CompletableFuture<Map<Long, String>> asked = calls.start(() -> clinic.dentists(slug, visit.bearer()));
        Appointment a = gateway.appointments().getAppointment(slug, id, visit.bearer()).getData();
        Map<Long, String> dentists = GatewayCalls.await(asked);
        CalendarGrid.Entry entry = CalendarGrid.entry(a);
        LocalDateTime start = CalendarGrid.start(a);
        String when = start.toLocalDate().format(LONG_DAY) + ", " + entry.time();
        return Templates.appointment(visit.chrome("Appointment · " + visit.workspace().companyName()), visit.workspace().base(), a, entry,
                when, Labels.dentist(a.getDentistId(), dentists), checkedIn(a), dentists, DURATIONS,
                start.toString(), start.toLocalDate().toString(), Actions.of(a, visit), notice, problem, problemAt, errors);
    }

    // ---- today ----

    @GET
    @Path("/today")
    public TemplateInstance today(@PathParam("slug") String slug, @RestQuery String done,
                                  @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return todayPage(visit, notice(done), null);
    }

    private TemplateInstance todayPage(Visit visit, String notice, String problem) throws ApiException {
        String slug = visit.tenant().getSlug();
        LocalDate today = LocalDate.now(CLINIC_ZONE);
        CompletableFuture<List<Appointment>> list = calls.start(() -> appointments(slug, visit.bearer(), today, null, null, null));
        Map<Long, String> dentists = clinic.dentists(slug, visit.bearer());
        // The API answers them in time order.
        List<TodayRow> rows = GatewayCalls.await(list).stream().map(a -> new TodayRow(CalendarGrid.entry(a),
                Labels.dentist(a.getDentistId(), dentists), checkedIn(a), Actions.of(a, visit).checkIn())).toList();
        return Templates.today(visit.chrome("Today · " + visit.workspace().companyName()), visit.workspace().base(),
                today.format(LONG_DAY), rows, notice, problem);
    }

    // ---- helpers ----

    private static String checkedIn(Appointment a) {
        return a.getCheckedInAt() == null ? null : OffsetDateTime.parse(a.getCheckedInAt()).format(CLOCK);
    }

    private static RestResponse<TemplateInstance> done(Visit visit, long id, String what) {
        return RestResponse.seeOther(URI.create(visit.workspace().base() + "calendar/appointments/" + id + "?done="
                + URLEncoder.encode(what, StandardCharsets.UTF_8) + "#main"));
    }

    private static String notice(String done) {
        return done == null ? null : switch (done) {
            case "booked" -> "The appointment is booked.";
            case "rescheduled" -> "The appointment is moved.";
            case "cancelled" -> "The appointment is cancelled; its time is free again.";
            case "checked-in" -> "The patient is checked in.";
            default -> null;
        };
    }

    static LocalDate parseDay(String date) {
        if (date != null && !date.isBlank()) {
            try {
                return LocalDate.parse(date.trim());
            } catch (DateTimeParseException ignored) {
                // An address typed wrong shows today rather than an error.
            }
        }
        return LocalDate.now(CLINIC_ZONE);
    }

    /** A refusal shown at its form (invalid or conflicting); anything else is the page's, as elsewhere. */
    private static GatewayError formRefusal(ApiException e) throws ApiException {
        GatewayError error = GatewayError.of(e);
        if (error.status() != 400 && error.status() != 409 && error.status() != 422) {
            throw e;
        }
        return error;
    }
}
