package io.ipsc.dental.treatment;

import io.ipsc.dental.billing.BillingOutbox;
import io.ipsc.dental.clinic.ClinicSettings;
import io.ipsc.dental.clinic.ClinicTime;
import io.ipsc.dental.patient.Patient;
import io.ipsc.dental.patient.PatientRepository;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Treatments and their rules: FDI teeth, a completed treatment is billed once (its billable item is
 * queued in the same transaction as the completion) and no longer changes. Their SQL is {@link TreatmentRepository}'s.
 */
@ApplicationScoped
public class TreatmentService {

    private final TreatmentRepository treatments;
    private final PatientRepository patients;
    private final BillingOutbox outbox;

    public TreatmentService(TreatmentRepository treatments, PatientRepository patients, BillingOutbox outbox) {
        this.treatments = treatments;
        this.patients = patients;
        this.outbox = outbox;
    }

    /** A treatment after a write, and whether that write queued a billable item. */
    public record Outcome(Treatment treatment, boolean billed) {
    }

    public Uni<Outcome> create(Pool pool, String tenantSlug, TreatmentRequest request) {
        return ClinicSettings.load(pool).chain(settings -> {
            TreatmentFields f = resolve(request, settings);
            return pool.withTransaction(conn -> checkReferences(conn, f)
                    .chain(patient -> treatments.insert(conn, f))
                    .chain(id -> finish(conn, tenantSlug, id, f.complete(), settings)));
        });
    }

    /** Changes a planned treatment; a completed one has been billed and is refused (409). */
    public Uni<Outcome> update(Pool pool, String tenantSlug, long id, TreatmentRequest request) {
        return ClinicSettings.load(pool).chain(settings -> {
            TreatmentFields f = resolve(request, settings);
            return pool.withTransaction(conn -> lockPlanned(conn, id)
                    .chain(() -> checkReferences(conn, f))
                    .chain(patient -> treatments.update(conn, id, f))
                    .chain(() -> finish(conn, tenantSlug, id, f.complete(), settings)));
        });
    }

    /**
     * Completes a treatment and queues its billable item, in one transaction. Completing it again
     * changes nothing and queues nothing: the answer says it was already completed.
     */
    public Uni<Outcome> complete(Pool pool, String tenantSlug, long id) {
        return ClinicSettings.load(pool).chain(settings -> pool.withTransaction(conn -> finish(conn, tenantSlug, id, true, settings)));
    }

    /** Removes a planned treatment; a completed one is part of the patient's record and of an invoice. */
    public Uni<Void> delete(Pool pool, long id) {
        return pool.withTransaction(conn -> lockPlanned(conn, id).chain(() -> treatments.delete(conn, id)));
    }

    public Uni<Treatment> get(Pool pool, long id) {
        return ClinicSettings.load(pool).chain(settings -> treatments.get(pool, id, settings.zone()));
    }

    public Uni<Page<Treatment>> list(Pool pool, Long patientId, String status, PageRequest page) {
        if (status != null && !status.equals("planned") && !status.equals("completed")) {
            throw ApiException.badRequest("INVALID_FIELD", "status", "status must be planned or completed");
        }
        return ClinicSettings.load(pool).chain(settings -> treatments.list(pool, patientId, status, page, settings.zone()));
    }

    /** The patient's planned treatments, oldest first, with their total estimate. */
    public Uni<TreatmentPlan> plan(Pool pool, long patientId) {
        return ClinicSettings.load(pool).chain(settings -> patients.get(pool, patientId)
                .chain(patient -> treatments.planned(pool, patientId, settings.zone()).map(planned -> {
                    BigDecimal total = planned.stream().map(Treatment::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
                    return new TreatmentPlan(patientId, patient.fullName(), planned, planned.size(), total);
                })));
    }

    private static TreatmentFields resolve(TreatmentRequest r, ClinicSettings settings) {
        List<ErrorDetail> errors = new ArrayList<>();
        if (r.tooth() != null && !ToothNotation.isValidTooth(r.tooth())) {
            errors.add(new ErrorDetail("tooth", "must be an FDI tooth number: permanent 11-18, 21-28, 31-38, 41-48; "
                    + "primary 51-55, 61-65, 71-75, 81-85"));
        }
        String surfaces = null;
        if (r.surfaces() != null && !r.surfaces().isBlank()) {
            if (r.tooth() == null) {
                errors.add(new ErrorDetail("surfaces", "surfaces need a tooth"));
            } else {
                surfaces = ToothNotation.normalizeSurfaces(r.surfaces()).orElse(null);
                if (surfaces == null) {
                    errors.add(new ErrorDetail("surfaces", "must be distinct surface codes from " + ToothNotation.SURFACE_CODES + ", e.g. MOD"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        OffsetDateTime date = ClinicTime.parse(r.treatmentDate(), settings.zone(), "treatment_date");
        return new TreatmentFields(r.patientId(), r.appointmentId(), date, r.treatmentType().trim(), r.tooth(), surfaces, r.cost(),
                r.notes(), "completed".equals(r.status()));
    }

    private Uni<Patient> checkReferences(SqlConnection conn, TreatmentFields f) {
        Uni<Patient> patient = patients.requireActive(conn, f.patientId());
        if (f.appointmentId() == null) {
            return patient;
        }
        return patient.call(() -> treatments.appointmentPatient(conn, f.appointmentId()).invoke(owner -> {
            if (owner.isEmpty() || owner.get() != f.patientId()) {
                throw new ApiException(422, "UNKNOWN_APPOINTMENT", "Appointment " + f.appointmentId() + " is not one of patient "
                        + f.patientId() + "'s", List.of(new ErrorDetail("appointment_id", "not an appointment of this patient")), Map.of());
            }
        }));
    }

    // Locks the row so that a completion cannot slip in between this check and the write.
    private Uni<Void> lockPlanned(SqlConnection conn, long id) {
        return treatments.lockStatus(conn, id).invoke(status -> {
            if ("completed".equals(status)) {
                throw ApiException.conflict("TREATMENT_COMPLETED", "Treatment " + id + " is completed and billed; it can no longer change");
            }
        }).replaceWithVoid();
    }

    /** Marks the treatment completed when asked and it is not yet, queuing its billable item; then reads it. */
    private Uni<Outcome> finish(SqlConnection conn, String tenantSlug, long id, boolean complete, ClinicSettings settings) {
        Uni<Boolean> billed = !complete ? Uni.createFrom().item(false)
                : treatments.complete(conn, id).chain(done -> done.isEmpty() ? Uni.createFrom().item(false)
                        : outbox.enqueue(conn, tenantSlug, done.get()));
        return billed.chain(queued -> treatments.get(conn, id, settings.zone()).map(t -> new Outcome(t, queued)));
    }
}
