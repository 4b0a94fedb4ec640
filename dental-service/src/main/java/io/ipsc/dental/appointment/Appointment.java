package io.ipsc.dental.appointment;

import io.ipsc.dental.clinic.ClinicTime;
import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * An appointment as answered: times in the clinic's zone, with their offset; {@code checkedInAt} is null until check-in;
 * {@code patientName} the patient's first and last name as they are now.
 */
public record Appointment(long id, long patientId, String patientName, Long dentistId, String chair, String appointmentDate, String endsAt,
                          int durationMinutes, String treatmentType, String notes, String status, String checkedInAt,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static Appointment from(Row row, ZoneId zone) {
        OffsetDateTime checkedIn = row.getOffsetDateTime("checked_in_at");
        return new Appointment(row.getLong("id"), row.getLong("patient_id"), row.getString("patient_name"), row.getLong("dentist_id"), row.getString("chair"),
                ClinicTime.format(row.getOffsetDateTime("starts_at"), zone), ClinicTime.format(row.getOffsetDateTime("ends_at"), zone),
                row.getInteger("duration_minutes"), row.getString("treatment_type"), row.getString("notes"), row.getString("status"),
                checkedIn == null ? null : ClinicTime.format(checkedIn, zone),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
