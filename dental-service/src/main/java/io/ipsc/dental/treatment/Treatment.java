package io.ipsc.dental.treatment;

import io.ipsc.dental.clinic.ClinicTime;
import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** A treatment as answered, with its date in the clinic's zone. */
public record Treatment(long id, long patientId, Long appointmentId, String treatmentDate, String treatmentType,
                        Integer tooth, String surfaces, BigDecimal cost, String notes, String status, String completedAt,
                        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static final String COLUMNS = "id, patient_id, appointment_id, treatment_date, treatment_type, tooth, surfaces, cost, "
            + "notes, status, completed_at, created_at, updated_at";

    static Treatment from(Row row, ZoneId zone) {
        return new Treatment(row.getLong("id"), row.getLong("patient_id"), row.getLong("appointment_id"),
                ClinicTime.format(row.getOffsetDateTime("treatment_date"), zone), row.getString("treatment_type"),
                row.getInteger("tooth"), row.getString("surfaces"), row.getBigDecimal("cost"), row.getString("notes"),
                row.getString("status"), ClinicTime.format(row.getOffsetDateTime("completed_at"), zone),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    public boolean completed() {
        return "completed".equals(status);
    }
}
