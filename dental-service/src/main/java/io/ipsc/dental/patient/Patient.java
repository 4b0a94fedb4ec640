package io.ipsc.dental.patient;

import io.vertx.mutiny.sqlclient.Row;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A patient as answered; {@code archived} patients keep their history but leave the default lists. */
public record Patient(long id, String firstName, String lastName, String phone, String email, LocalDate dateOfBirth,
                      String gender, String address, List<String> allergies, List<String> medicalConditions, String notes,
                      boolean archived, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static Patient from(Row row) {
        return new Patient(row.getLong("id"), row.getString("first_name"), row.getString("last_name"),
                row.getString("phone"), row.getString("email"), row.getLocalDate("date_of_birth"),
                row.getString("gender"), row.getString("address"),
                Arrays.asList(row.getArrayOfStrings("allergies")), Arrays.asList(row.getArrayOfStrings("medical_conditions")),
                row.getString("notes"), row.getOffsetDateTime("archived_at") != null,
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    public String fullName() {
        return firstName + " " + lastName;
    }
}
