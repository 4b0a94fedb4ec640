package io.ipsc.dental.patient;

import io.ipsc.dental.clinic.Sql;
import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.api.Page;
import io.ipsc.tenancy.api.PageRequest;
import io.ipsc.tenancy.db.query.PagedQuery;
import io.ipsc.tenancy.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of patients, on the tenant's own database. */
@ApplicationScoped
public class PatientRepository {

    private static final String COLUMNS = "id, first_name, last_name, phone, email, date_of_birth, gender, address, "
            + "allergies, medical_conditions, notes, archived_at, created_at, updated_at";
    // Search by name (either order, or the full name) or phone; archived patients only on request.
    private static final String FILTER = " WHERE ($1 OR archived_at IS NULL) AND ($2::text IS NULL"
            + " OR lower(first_name || ' ' || last_name) LIKE $2 OR lower(last_name || ' ' || first_name) LIKE $2"
            + " OR replace(replace(coalesce(phone, ''), '-', ''), ' ', '') LIKE replace(replace($2, '-', ''), ' ', ''))";

    public Uni<Patient> insert(Pool pool, PatientRequest r) {
        return pool.preparedQuery("INSERT INTO patients (first_name, last_name, phone, email, date_of_birth, gender, address, "
                        + "allergies, medical_conditions, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING " + COLUMNS)
                .execute(Sql.args(r.firstName().trim(), r.lastName().trim(), r.phone(), r.email(), r.dateOfBirth(), r.gender(),
                        r.address(), strings(r.allergies()), strings(r.medicalConditions()), r.notes()))
                .map(rows -> Sql.single(rows, Patient::from, "Patient"));
    }

    public Uni<Patient> update(Pool pool, long id, PatientRequest r) {
        return pool.preparedQuery("UPDATE patients SET first_name = $2, last_name = $3, phone = $4, email = $5, date_of_birth = $6, "
                        + "gender = $7, address = $8, allergies = $9, medical_conditions = $10, notes = $11, updated_at = now() "
                        + "WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Sql.args(id, r.firstName().trim(), r.lastName().trim(), r.phone(), r.email(), r.dateOfBirth(), r.gender(),
                        r.address(), strings(r.allergies()), strings(r.medicalConditions()), r.notes()))
                .map(rows -> Sql.single(rows, Patient::from, "Patient " + id));
    }

    public Uni<Optional<Patient>> find(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM patients WHERE id = $1")
                .execute(Sql.args(id))
                .map(rows -> Sql.list(rows, Patient::from).stream().findFirst());
    }

    public Uni<Patient> get(SqlClient client, long id) {
        return find(client, id).map(found -> found.orElseThrow(() -> ApiException.notFound("Patient " + id)));
    }

    /**
     * The patient a new appointment or treatment refers to: it must exist (422 otherwise, as the
     * request is well formed but names nothing) and not be archived.
     */
    public Uni<Patient> requireActive(SqlClient client, long id) {
        return find(client, id).map(found -> {
            if (found.isEmpty()) {
                throw new ApiException(422, "UNKNOWN_PATIENT", "Patient " + id + " does not exist",
                        List.of(new ErrorDetail("patient_id", "no such patient")), Map.of());
            }
            if (found.get().archived()) {
                throw new ApiException(422, "PATIENT_ARCHIVED", "Patient " + id + " is archived",
                        List.of(new ErrorDetail("patient_id", "is archived")), Map.of());
            }
            return found.get();
        });
    }

    public Uni<Page<Patient>> search(Pool pool, String term, boolean includeArchived, PageRequest page) {
        String pattern = term == null || term.isBlank() ? null : Sql.containsPattern(term);
        return PagedQuery.fetch(page,
                () -> pool.preparedQuery("SELECT " + COLUMNS + " FROM patients" + FILTER
                                + " ORDER BY lower(last_name), lower(first_name), id LIMIT $3 OFFSET $4")
                        .execute(Sql.args(includeArchived, pattern, page.size(), page.offset())),
                Patient::from,
                () -> pool.preparedQuery("SELECT count(*) FROM patients" + FILTER).execute(Sql.args(includeArchived, pattern)));
    }

    /**
     * Deletes a patient without history, or archives one with appointments or treatments (their
     * records must stay). Answers true when archived.
     */
    public Uni<Boolean> deleteOrArchive(Pool pool, long id) {
        return pool.withTransaction(conn -> get(conn, id)
                .chain(() -> conn.preparedQuery("SELECT EXISTS (SELECT 1 FROM appointments WHERE patient_id = $1) "
                                + "OR EXISTS (SELECT 1 FROM treatments WHERE patient_id = $1) AS has_history")
                        .execute(Sql.args(id)))
                .chain(rows -> {
                    boolean history = rows.iterator().next().getBoolean("has_history");
                    String sql = history
                            ? "UPDATE patients SET archived_at = coalesce(archived_at, now()), updated_at = now() WHERE id = $1"
                            : "DELETE FROM patients WHERE id = $1";
                    return conn.preparedQuery(sql).execute(Sql.args(id)).map(done -> history);
                }));
    }

    private static String[] strings(List<String> values) {
        return values == null ? new String[0] : values.stream().map(String::trim).toArray(String[]::new);
    }
}
