package io.ipsc.web.clinic;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.Appointment;
import io.ipsc.client.model.InvoiceView;
import io.ipsc.client.model.Patient;
import io.ipsc.client.model.PatientRequest;
import io.ipsc.client.model.Treatment;
import io.ipsc.client.model.TreatmentPlan;
import io.ipsc.client.model.TreatmentRequest;
import io.ipsc.web.format.IndianFormats;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayCalls;
import io.ipsc.web.gateway.GatewayError;
import io.ipsc.web.invoicing.InvoiceResource;
import io.ipsc.web.page.Chrome;
import io.ipsc.web.page.PageErrors;
import io.ipsc.web.session.SessionCookie;
import io.ipsc.web.workspace.Visits;
import io.ipsc.web.workspace.Visits.Visit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The clinic's patients at {@code <workspace base>patients}: search by name or phone (the API's search), register
 * and edit, and a patient's page with the odontogram, the treatments (record, complete), the treatment plan, the
 * appointments (read-only; the calendar books them) and what the patient was billed and has paid. Completing a
 * treatment bills the patient in dental-service; invoicing-service adds the line to the patient's draft invoice a
 * moment later, and the page shows that line once it is there.
 */
@Path("/t/{slug}/patients")
@Blocking
public class PatientResource {

    static final int PAGE_SIZE = 20;
    /** A patient's page shows up to this many treatments, appointments and invoices (the API's largest page). */
    static final int ALL = 100;
    /** How often the page asks again for the line a completion made, a second apart, before saying it is on its way. */
    static final int BILLING_ATTEMPTS = 15;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Chrome chrome, String base, String search, List<PatientRow> patients, int page,
                                            int totalPages, long totalItems, boolean mayWrite);

        static native TemplateInstance form(Chrome chrome, String base, Long patientId, PatientForm form, Map<String, String> errors,
                                            String problem);

        static native TemplateInstance patient(Chrome chrome, String base, Patient patient, String name, String allergies,
                                               String conditions, Odontogram chart,
                                               ToothHistory history, List<TreatmentRow> treatments, TreatmentPlanView plan,
                                               List<AppointmentRow> appointments, PatientBilling billing, TreatmentForm form,
                                               Map<String, String> errors, String problem, String notice, Completion completion,
                                               boolean mayWrite);

        static native TemplateInstance patient$billedLine(Completion completion);
    }

    public record PatientRow(long id, String name, String phone, String dateOfBirth) {
    }

    public record TreatmentRow(long id, String procedure, String tooth, String surfaces, String date, String fee, String status,
                               String statusLabel, boolean completable, PatientBilling.Line billed) {
    }

    public record TreatmentPlanView(List<TreatmentRow> treatments, int count, String totalEstimate) {
    }

    public record AppointmentRow(String when, String treatment, String chair, String status) {
    }

    /** The history of the tooth chosen on the chart. */
    public record ToothHistory(int fdi, String name, List<TreatmentRow> treatments) {
    }

    /** A treatment just completed, and the line its billing made (null until invoicing-service has it). */
    public record Completion(String base, long patientId, long treatmentId, String procedure, PatientBilling.Line line, int attempt,
                             boolean givenUp) {

        public int nextAttempt() {
            return attempt + 1;
        }

        /** Still waiting for invoicing-service to add the line: the fragment asks again. */
        public boolean polling() {
            return line == null && !givenUp;
        }
    }

    private final Gateway gateway;
    private final Visits visits;
    private final GatewayCalls calls;

    PatientResource(Gateway gateway, Visits visits, GatewayCalls calls) {
        this.gateway = gateway;
        this.visits = visits;
        this.calls = calls;
    }

    @GET
    public TemplateInstance list(@PathParam("slug") String slug, @RestQuery String search, @RestQuery @DefaultValue("1") int page,
                                 @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        int p = Math.max(1, page);
        String query = FormValues.text(search);
        var data = gateway.patients().listPatients(slug, false, p, query, PAGE_SIZE, visit.bearer()).getData();
        List<PatientRow> rows = (data.getItems() == null ? List.<Patient>of() : data.getItems()).stream()
                .map(i -> new PatientRow(i.getId(), name(i), Objects.toString(i.getPhone(), "—"), IndianFormats.date(i.getDateOfBirth())))
                .toList();
        return Templates.list(visit.chrome("Patients · " + visit.workspace().companyName()), visit.workspace().base(),
                query == null ? "" : query, rows, p, data.getTotalPages() == null ? 1 : Math.max(1, data.getTotalPages()),
                data.getTotalItems() == null ? 0 : data.getTotalItems(), visit.workspace().mayWrite());
    }

    // ---- register and edit

    @GET
    @Path("/new")
    public TemplateInstance newPatient(@PathParam("slug") String slug, @CookieParam(SessionCookie.NAME) String sessionId,
                                       @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        visit.requireWrite("register patients", "patients", "the patients");
        return Templates.form(visit.chrome("New patient · " + visit.workspace().companyName()), visit.workspace().base(), null,
                new PatientForm(), Map.of(), null);
    }

    @POST
    @Path("/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> create(@PathParam("slug") String slug, @BeanParam PatientForm form,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return savePatient(visit, null, form, "registered");
    }

    @GET
    @Path("/{id:\\d+}/edit")
    public TemplateInstance edit(@PathParam("slug") String slug, @PathParam("id") long id,
                                 @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        visit.requireWrite("change patients' details", "patients/" + id, "the patient");
        Patient patient = gateway.patients().getPatient(slug, id, visit.bearer()).getData();
        return Templates.form(visit.chrome("Edit " + name(patient) + " · " + visit.workspace().companyName()), visit.workspace().base(),
                id, PatientForm.of(patient), Map.of(), null);
    }

    @POST
    @Path("/{id:\\d+}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> update(@PathParam("slug") String slug, @PathParam("id") long id, @BeanParam PatientForm form,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return savePatient(visit, id, form, "saved");
    }

    private RestResponse<TemplateInstance> savePatient(Visit visit, Long id, PatientForm form, String done) throws ApiException {
        String slug = visit.tenant().getSlug();
        Map<String, String> errors = new HashMap<>();
        PatientRequest request = form.toRequest(errors);
        String problem = "Check the fields marked below.";
        int status = 400;
        if (errors.isEmpty()) {
            try {
                Patient saved = id == null ? gateway.patients().createPatient(slug, request, visit.bearer()).getData()
                        : gateway.patients().updatePatient(slug, id, request, visit.bearer()).getData();
                return RestResponse.seeOther(URI.create(visit.workspace().base() + "patients/" + saved.getId() + "?done=" + done));
            } catch (ApiException e) {
                GatewayError error = formRefusal(e);
                errors.putAll(error.fieldErrors());
                status = error.status();
                problem = error.fieldErrors().isEmpty() ? error.message() : problem;
            }
        }
        return PageErrors.withStatus(status, Templates.form(visit.chrome((id == null ? "New patient" : "Edit patient") + " · "
                + visit.workspace().companyName()), visit.workspace().base(), id, form, errors, problem));
    }

    // ---- a patient

    @GET
    @Path("/{id:\\d+}")
    public TemplateInstance patient(@PathParam("slug") String slug, @PathParam("id") long id, @RestQuery Integer tooth,
                                    @RestQuery String done, @RestQuery Long completed,
                                    @CookieParam(SessionCookie.NAME) String sessionId, @HeaderParam(HttpHeaders.HOST) String host)
            throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        return patientPage(visit, id, tooth, TreatmentForm.blank(tooth), Map.of(), null, notice(done), completed);
    }

    @POST
    @Path("/{id:\\d+}/treatments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> record(@PathParam("slug") String slug, @PathParam("id") long id, @BeanParam TreatmentForm form,
                                                 @CookieParam(SessionCookie.NAME) String sessionId,
                                                 @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        Map<String, String> errors = new HashMap<>();
        TreatmentRequest request = form.toRequest(id, errors);
        String problem = "Check the fields marked below.";
        int status = 400;
        if (errors.isEmpty()) {
            try {
                Treatment saved = gateway.treatments().createTreatment(slug, request, visit.bearer()).getData();
                String page = visit.workspace().base() + "patients/" + id + "?done=recorded";
                // A treatment recorded as done is billed at once: show its line as a completion does.
                return RestResponse.seeOther(URI.create("completed".equals(saved.getStatus())
                        ? page + "&completed=" + saved.getId() + "#completion" : page + "&tooth=" + Objects.toString(saved.getTooth(), "")
                        + "#treatments"));
            } catch (ApiException e) {
                GatewayError error = formRefusal(e);
                errors.putAll(error.fieldErrors());
                status = error.status();
                problem = error.fieldErrors().isEmpty() ? error.message() : problem;
            }
        }
        Integer tooth = FormValues.whole("tooth", form.tooth, new HashMap<>());
        return PageErrors.withStatus(status, patientPage(visit, id, tooth, form, errors, problem, null, null));
    }

    /** Completes the treatment, which bills the patient (dental-service's rule), and shows the line that billing makes. */
    @POST
    @Path("/{id:\\d+}/treatments/{treatment:\\d+}/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> complete(@PathParam("slug") String slug, @PathParam("id") long id,
                                                   @PathParam("treatment") long treatment,
                                                   @CookieParam(SessionCookie.NAME) String sessionId,
                                                   @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        try {
            gateway.treatments().completeTreatment(slug, treatment, visit.bearer());
        } catch (ApiException e) {
            GatewayError error = formRefusal(e);
            return PageErrors.withStatus(error.status(), patientPage(visit, id, null, TreatmentForm.blank(null), Map.of(), error.message(),
                    null, null));
        }
        return RestResponse.seeOther(URI.create(visit.workspace().base() + "patients/" + id + "?done=completed&completed=" + treatment
                + "#completion"));
    }

    /** The line a completion made, asked again by htmx a second apart until invoicing-service has added it. */
    @GET
    @Path("/{id:\\d+}/treatments/{treatment:\\d+}/billed")
    public TemplateInstance billed(@PathParam("slug") String slug, @PathParam("id") long id, @PathParam("treatment") long treatment,
                                   @RestQuery @DefaultValue("1") int attempt, @CookieParam(SessionCookie.NAME) String sessionId,
                                   @HeaderParam(HttpHeaders.HOST) String host) throws ApiException {
        Visit visit = visits.of(slug, sessionId, host);
        Treatment done = gateway.treatments().getTreatment(slug, treatment, visit.bearer()).getData();
        PatientBilling billing = billing(visit, id);
        return Templates.patient$billedLine(completion(visit, id, done, billing, attempt));
    }

    private TemplateInstance patientPage(Visit visit, long id, Integer tooth, TreatmentForm form, Map<String, String> errors,
                                         String problem, String notice, Long completed) throws ApiException {
        String slug = visit.tenant().getSlug();
        Map<String, String> bearer = visit.bearer();
        CompletableFuture<List<Treatment>> treatments = calls.start(() -> items(gateway.treatments()
                .listTreatments(slug, 1, id, ALL, null, bearer).getData().getItems()));
        CompletableFuture<TreatmentPlan> plan = calls.start(() -> gateway.treatments().getTreatmentPlan(slug, id, bearer).getData());
        CompletableFuture<List<Appointment>> appointments = calls.start(() -> items(gateway.appointments()
                .listAppointments(slug, null, null, null, 1, id, ALL, null, null, bearer).getData().getItems()));
        CompletableFuture<PatientBilling> billing = calls.start(() -> billing(visit, id));
        Patient patient = gateway.patients().getPatient(slug, id, bearer).getData();
        PatientBilling billed = GatewayCalls.await(billing);
        List<TreatmentRow> rows = GatewayCalls.await(treatments).stream().map(t -> row(t, billed, visit)).toList();
        TreatmentPlan p = GatewayCalls.await(plan);
        TreatmentPlanView planView = new TreatmentPlanView(items(p.getTreatments()).stream().map(t -> row(t, billed, visit)).toList(),
                p.getTreatmentCount() == null ? 0 : p.getTreatmentCount(), IndianFormats.rupees(p.getTotalEstimate()));
        List<AppointmentRow> visitsRows = GatewayCalls.await(appointments).stream()
                .map(a -> new AppointmentRow(when(a.getAppointmentDate()), Objects.toString(a.getTreatmentType(), "—"),
                        Objects.toString(a.getChair(), "—"), InvoiceResource.status(a.getStatus())))
                .toList();
        List<Treatment> all = GatewayCalls.await(treatments);
        Odontogram chart = Odontogram.of(all, tooth);
        ToothHistory history = tooth == null ? null : new ToothHistory(tooth, Odontogram.name(tooth),
                rows.stream().filter(r -> r.tooth().equals(tooth.toString())).toList());
        Completion completion = null;
        if (completed != null) {
            Treatment done = all.stream().filter(t -> completed.equals(t.getId())).findFirst().orElse(null);
            completion = done == null ? null : completion(visit, id, done, billed, 0);
        }
        return Templates.patient(visit.chrome(name(patient) + " · " + visit.workspace().companyName()), visit.workspace().base(), patient,
                name(patient), listed(patient.getAllergies()), listed(patient.getMedicalConditions()), chart, history, rows, planView, visitsRows, billed, form, errors, problem, notice, completion,
                visit.workspace().mayWrite());
    }

    private static Completion completion(Visit visit, long patientId, Treatment done, PatientBilling billing, int attempt) {
        PatientBilling.Line line = billing.lines().get(done.getId());
        return new Completion(visit.workspace().base(), patientId, done.getId(), procedure(done), line, attempt, line == null && attempt >= BILLING_ATTEMPTS);
    }

    /** The patient's invoices; a refusal (invoicing off for the tenant, say) leaves a sentence in their place, not a broken page. */
    private PatientBilling billing(Visit visit, long patientId) {
        try {
            List<InvoiceView> invoices = gateway.invoices().listInvoicesForParty(visit.tenant().getSlug(), PatientBilling.partyRef(patientId),
                    1, ALL, visit.bearer()).getData().getItems();
            return PatientBilling.of(items(invoices));
        } catch (ApiException e) {
            return PatientBilling.unavailable("What was billed cannot be shown now: " + GatewayError.of(e).message());
        }
    }

    private static TreatmentRow row(Treatment t, PatientBilling billing, Visit visit) {
        boolean planned = "planned".equals(t.getStatus());
        return new TreatmentRow(t.getId(), procedure(t), Objects.toString(t.getTooth(), ""), Objects.toString(t.getSurfaces(), ""),
                when(t.getTreatmentDate()), IndianFormats.rupees(t.getCost()), Objects.toString(t.getStatus(), ""),
                InvoiceResource.status(t.getStatus()), planned && visit.workspace().mayWrite(), billing.lines().get(t.getId()));
    }

    private static String procedure(Treatment t) {
        return Objects.toString(t.getTreatmentType(), "Treatment #" + t.getId());
    }

    /** "Penicillin, latex", or null for none. */
    private static String listed(List<String> values) {
        return values == null || values.isEmpty() ? null : FormValues.joined(values);
    }

    static String name(Patient p) {
        return (Objects.toString(p.getFirstName(), "") + " " + Objects.toString(p.getLastName(), "")).trim();
    }

    /** The API's clinic time ({@code 2024-01-15T10:00:00+05:30}) as India reads it. */
    static String when(String moment) {
        if (moment == null) {
            return "—";
        }
        try {
            return IndianFormats.dateTime(OffsetDateTime.parse(moment));
        } catch (DateTimeParseException e) {
            return moment;
        }
    }

    /** The API's list, or none when it sent none. */
    static <T> List<T> items(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static String notice(String done) {
        return done == null ? null : switch (done) {
            case "registered" -> "The patient is registered.";
            case "saved" -> "The patient's details are saved.";
            case "recorded" -> "The treatment is recorded.";
            case "completed" -> "The treatment is completed and billed to the patient.";
            default -> null;
        };
    }

    /** A refusal shown at the form (invalid, conflicting); any other is the page's, as elsewhere. */
    static GatewayError formRefusal(ApiException e) throws ApiException {
        GatewayError error = GatewayError.of(e);
        if (error.status() != 400 && error.status() != 409 && error.status() != 422) {
            throw e;
        }
        return error;
    }
}
