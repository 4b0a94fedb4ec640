package io.ipsc.dental.treatment;

import io.ipsc.dental.billing.BillingOutbox;
import io.ipsc.dental.clinic.Sql;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The SQL of treatments, on whichever tenant database (or transaction) it is given; times read in the clinic's zone. */
@ApplicationScoped
public class TreatmentRepository {

    public Uni<Long> insert(SqlClient db, TreatmentFields f) {
        return db.preparedQuery("INSERT INTO treatments (patient_id, appointment_id, treatment_date, "
                        + "treatment_type, tooth, surfaces, cost, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                .execute(Sql.args(f.patientId(), f.appointmentId(), f.date(), f.type(), f.tooth(), f.surfaces(), f.cost(), f.notes()))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    public Uni<Void> update(SqlClient db, long id, TreatmentFields f) {
        return db.preparedQuery("UPDATE treatments SET patient_id = $2, appointment_id = $3, treatment_date = $4, "
                        + "treatment_type = $5, tooth = $6, surfaces = $7, cost = $8, notes = $9, updated_at = now() WHERE id = $1")
                .execute(Sql.args(id, f.patientId(), f.appointmentId(), f.date(), f.type(), f.tooth(), f.surfaces(), f.cost(), f.notes()))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient db, long id) {
        return db.preparedQuery("DELETE FROM treatments WHERE id = $1").execute(Sql.args(id)).replaceWithVoid();
    }

    /** The treatment's status, its row locked until the transaction ends; 404 when there is none. */
    public Uni<String> lockStatus(SqlClient db, long id) {
        return db.preparedQuery("SELECT status FROM treatments WHERE id = $1 FOR UPDATE")
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, row -> row.getString("status"), "Treatment " + id));
    }

    /** The patient an appointment is for, if the appointment exists. */
    public Uni<Optional<Long>> appointmentPatient(SqlClient db, long appointmentId) {
        return db.preparedQuery("SELECT patient_id FROM appointments WHERE id = $1").execute(Sql.args(appointmentId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(it.next().getLong("patient_id")) : Optional.empty();
                });
    }

    /**
     * Marks a planned treatment completed and answers what its bill needs (with the patient's name and contact);
     * empty when it was not planned (completed already).
     */
    public Uni<Optional<BillingOutbox.CompletedTreatment>> complete(SqlClient db, long id) {
        return db.preparedQuery("UPDATE treatments t SET status = 'completed', completed_at = now(), updated_at = now() "
                        + "FROM patients p WHERE t.id = $1 AND t.status = 'planned' AND p.id = t.patient_id "
                        + "RETURNING t.id, t.patient_id, t.treatment_type, t.tooth, t.surfaces, t.cost, t.completed_at, "
                        + "p.first_name, p.last_name, p.phone, p.email")
                .execute(Sql.args(id))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    var row = it.next();
                    String description = row.getString("treatment_type")
                            + (row.getInteger("tooth") == null ? "" : " (tooth " + row.getInteger("tooth")
                            + (row.getString("surfaces") == null ? "" : ", " + row.getString("surfaces")) + ")");
                    return Optional.of(new BillingOutbox.CompletedTreatment(id, row.getLong("patient_id"),
                            row.getString("first_name") + " " + row.getString("last_name"), row.getString("phone"), row.getString("email"),
                            description, row.getBigDecimal("cost"), row.getOffsetDateTime("completed_at").toInstant()));
                });
    }

    public Uni<Treatment> get(SqlClient db, long id, ZoneId zone) {
        return db.preparedQuery("SELECT " + Treatment.COLUMNS + " FROM treatments WHERE id = $1")
                .execute(Sql.args(id))
                .map(rows -> Sql.single(rows, row -> Treatment.from(row, zone), "Treatment " + id));
    }

    public Uni<Page<Treatment>> list(Pool pool, Long patientId, String status, PageRequest page, ZoneId zone) {
        String where = " WHERE ($1::bigint IS NULL OR patient_id = $1) AND ($2::text IS NULL OR status = $2)";
        return PagedQuery.fetch(page,
                () -> pool.preparedQuery("SELECT " + Treatment.COLUMNS + " FROM treatments" + where
                                + " ORDER BY treatment_date DESC, id DESC LIMIT $3 OFFSET $4")
                        .execute(Sql.args(patientId, status, page.size(), page.offset())),
                row -> Treatment.from(row, zone),
                () -> pool.preparedQuery("SELECT count(*) FROM treatments" + where).execute(Sql.args(patientId, status)));
    }

    /** A patient's planned treatments, oldest first. */
    public Uni<List<Treatment>> planned(SqlClient db, long patientId, ZoneId zone) {
        return db.preparedQuery("SELECT " + Treatment.COLUMNS
                        + " FROM treatments WHERE patient_id = $1 AND status = 'planned' ORDER BY treatment_date, id")
                .execute(Sql.args(patientId))
                .map(rows -> Sql.list(rows, row -> Treatment.from(row, zone)));
    }
}
