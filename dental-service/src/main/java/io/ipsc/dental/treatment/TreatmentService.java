package io.ipsc.dental.treatment;

import io.ipsc.dental.billing.BillingOutbox;
import io.ipsc.dental.clinic.ClinicSettings;
import io.ipsc.dental.clinic.ClinicTime;
import io.ipsc.dental.clinic.Sql;
import io.ipsc.dental.patient.Patient;
import io.ipsc.dental.patient.PatientRepository;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Treatments and their rules: FDI teeth, a completed treatment is billed once (its billable item is
 * queued in the same transaction as the completion) and no longer changes.
 */
@ApplicationScoped
public class TreatmentService {

    private final PatientRepository patients;
    private final BillingOutbox outbox;

    public TreatmentService(PatientRepository patients, BillingOutbox outbox) {
        this.patients = patients;
        this.outbox = outbox;
    }

    /** A treatment after a write, and whether that write queued a billable item. */
    public record Outcome(Treatment treatment, boolean billed) {
    }

    private record Fields(long patientId, Long appointmentId, OffsetDateTime date, String type, Integer tooth, String surfaces,
                          BigDecimal cost, String notes, boolean complete) {
    }

    public Uni<Outcome> create(Pool pool, String tenantSlug, TreatmentRequest request) {
        return ClinicSettings.load(pool).chain(settings -> {
            Fields f = resolve(request, settings);
            return pool.withTransaction(conn -> checkReferences(conn, f)
                    .chain(patient -> conn.preparedQuery("INSERT INTO treatments (patient_id, appointment_id, treatment_date, "
                                    + "treatment_type, tooth, surfaces, cost, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                            .execute(Sql.args(f.patientId(), f.appointmentId(), f.date(), f.type(), f.tooth(), f.surfaces(), f.cost(), f.notes()))
                            .map(rows -> rows.iterator().next().getLong("id"))
                            .chain(id -> finish(conn, tenantSlug, id, f.complete(), settings))));
        });
    }

    /** Changes a planned treatment; a completed one has been billed and is refused (409). */
    public Uni<Outcome> update(Pool pool, String tenantSlug, long id, TreatmentRequest request) {
        return ClinicSettings.load(pool).chain(settings -> {
            Fields f = resolve(request, settings);
            return pool.withTransaction(conn -> lockPlanned(conn, id)
                    .chain(() -> checkReferences(conn, f))
                    .chain(patient -> conn.preparedQuery("UPDATE treatments SET patient_id = $2, appointment_id = $3, treatment_date = $4, "
                                    + "treatment_type = $5, tooth = $6, surfaces = $7, cost = $8, notes = $9, updated_at = now() WHERE id = $1")
                            .execute(Sql.args(id, f.patientId(), f.appointmentId(), f.date(), f.type(), f.tooth(), f.surfaces(), f.cost(), f.notes())))
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
        return pool.withTransaction(conn -> lockPlanned(conn, id)
                .chain(() -> conn.preparedQuery("DELETE FROM treatments WHERE id = $1").execute(Sql.args(id)))
                .replaceWithVoid());
    }

    public Uni<Treatment> get(Pool pool, long id) {
        return ClinicSettings.load(pool).chain(settings -> read(pool, id, settings));
    }

    public Uni<Page<Treatment>> list(Pool pool, Long patientId, String status, PageRequest page) {
        if (status != null && !status.equals("planned") && !status.equals("completed")) {
            throw ApiException.badRequest("INVALID_FIELD", "status", "status must be planned or completed");
        }
        String where = " WHERE ($1::bigint IS NULL OR patient_id = $1) AND ($2::text IS NULL OR status = $2)";
        return ClinicSettings.load(pool).chain(settings -> PagedQuery.fetch(page,
                () -> pool.preparedQuery("SELECT " + Treatment.COLUMNS + " FROM treatments" + where
                                + " ORDER BY treatment_date DESC, id DESC LIMIT $3 OFFSET $4")
                        .execute(Sql.args(patientId, status, page.size(), page.offset())),
                row -> Treatment.from(row, settings.zone()),
                () -> pool.preparedQuery("SELECT count(*) FROM treatments" + where).execute(Sql.args(patientId, status))));
    }

    /** The patient's planned treatments, oldest first, with their total estimate. */
    public Uni<TreatmentPlan> plan(Pool pool, long patientId) {
        return ClinicSettings.load(pool).chain(settings -> patients.get(pool, patientId)
                .chain(patient -> pool.preparedQuery("SELECT " + Treatment.COLUMNS
                                + " FROM treatments WHERE patient_id = $1 AND status = 'planned' ORDER BY treatment_date, id")
                        .execute(Sql.args(patientId))
                        .map(rows -> {
                            List<Treatment> planned = Sql.list(rows, row -> Treatment.from(row, settings.zone()));
                            BigDecimal total = planned.stream().map(Treatment::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
                            return new TreatmentPlan(patientId, patient.fullName(), planned, planned.size(), total);
                        })));
    }

    private static Fields resolve(TreatmentRequest r, ClinicSettings settings) {
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
        return new Fields(r.patientId(), r.appointmentId(), date, r.treatmentType().trim(), r.tooth(), surfaces, r.cost(),
                r.notes(), "completed".equals(r.status()));
    }

    private Uni<Patient> checkReferences(SqlConnection conn, Fields f) {
        Uni<Patient> patient = patients.requireActive(conn, f.patientId());
        if (f.appointmentId() == null) {
            return patient;
        }
        return patient.call(() -> conn.preparedQuery("SELECT patient_id FROM appointments WHERE id = $1")
                .execute(Sql.args(f.appointmentId()))
                .invoke(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext() || it.next().getLong("patient_id") != f.patientId()) {
                        throw new ApiException(422, "UNKNOWN_APPOINTMENT", "Appointment " + f.appointmentId() + " is not one of patient "
                                + f.patientId() + "'s", List.of(new ErrorDetail("appointment_id", "not an appointment of this patient")), Map.of());
                    }
                }));
    }

    // Locks the row so that a completion cannot slip in between this check and the write.
    private static Uni<Void> lockPlanned(SqlConnection conn, long id) {
        return conn.preparedQuery("SELECT status FROM treatments WHERE id = $1 FOR UPDATE")
                .execute(Sql.args(id))
                .invoke(rows -> {
                    String status = Sql.single(rows, row -> row.getString("status"), "Treatment " + id);
                    if ("completed".equals(status)) {
                        throw ApiException.conflict("TREATMENT_COMPLETED", "Treatment " + id + " is completed and billed; it can no longer change");
                    }
                })
                .replaceWithVoid();
    }

    /** Marks the treatment completed when asked and it is not yet, queuing its billable item; then reads it. */
    private Uni<Outcome> finish(SqlConnection conn, String tenantSlug, long id, boolean complete, ClinicSettings settings) {
        if (!complete) {
            return read(conn, id, settings).map(t -> new Outcome(t, false));
        }
        return conn.preparedQuery("UPDATE treatments t SET status = 'completed', completed_at = now(), updated_at = now() "
                        + "FROM patients p WHERE t.id = $1 AND t.status = 'planned' AND p.id = t.patient_id "
                        + "RETURNING t.id, t.patient_id, t.treatment_type, t.tooth, t.surfaces, t.cost, t.completed_at, "
                        + "p.first_name, p.last_name, p.phone, p.email")
                .execute(Sql.args(id))
                .chain(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    var row = it.next();
                    String description = row.getString("treatment_type")
                            + (row.getInteger("tooth") == null ? "" : " (tooth " + row.getInteger("tooth")
                            + (row.getString("surfaces") == null ? "" : ", " + row.getString("surfaces")) + ")");
                    var completed = new BillingOutbox.CompletedTreatment(id, row.getLong("patient_id"),
                            row.getString("first_name") + " " + row.getString("last_name"), row.getString("phone"), row.getString("email"),
                            description, row.getBigDecimal("cost"), row.getOffsetDateTime("completed_at").toInstant());
                    return outbox.enqueue(conn, tenantSlug, completed);
                })
                .chain(billed -> read(conn, id, settings).map(t -> new Outcome(t, billed)));
    }

    private static Uni<Treatment> read(SqlClient client, long id, ClinicSettings settings) {
        return client.preparedQuery("SELECT " + Treatment.COLUMNS + " FROM treatments WHERE id = $1")
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, row -> Treatment.from(row, settings.zone()), "Treatment " + id));
    }
}
