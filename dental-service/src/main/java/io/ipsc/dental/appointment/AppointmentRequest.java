package io.ipsc.dental.appointment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An appointment as sent on create and (in full) on update. {@code appointmentDate} is text so that
 * a local time means the clinic's time zone (see {@code ClinicTime}); {@code status} defaults to
 * scheduled, {@code durationMinutes} to 30.
 */
public record AppointmentRequest(
        @NotNull @Positive Long patientId,
        @NotBlank String appointmentDate,
        @NotBlank @Size(max = 200) String treatmentType,
        @Size(max = 2000) String notes,
        @Positive Long dentistId,
        @Size(max = 50) @Pattern(regexp = "^[A-Za-z0-9 _\\-]+$", message = "may hold letters, digits, spaces, '-' and '_'") String chair,
        @Min(5) @Max(480) Integer durationMinutes,
        @Pattern(regexp = "^(scheduled|confirmed|checked_in|completed|cancelled|no_show)$",
                message = "must be one of scheduled, confirmed, checked_in, completed, cancelled, no_show") String status) {

    public static final int DEFAULT_DURATION_MINUTES = 30;

    public int duration() {
        return durationMinutes == null ? DEFAULT_DURATION_MINUTES : durationMinutes;
    }
}
