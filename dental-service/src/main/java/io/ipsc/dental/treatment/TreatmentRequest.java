package io.ipsc.dental.treatment;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A treatment as sent on create and (in full) on update; the seed sends the first five fields.
 * {@code tooth} is FDI notation and {@code status} defaults to planned.
 */
public record TreatmentRequest(
        @NotNull @Positive Long patientId,
        @NotBlank String treatmentDate,
        @NotBlank @Size(max = 200) String treatmentType,
        @NotNull @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal cost,
        @Size(max = 2000) String notes,
        @Positive Long appointmentId,
        Integer tooth,
        @Size(max = 8) String surfaces,
        @Pattern(regexp = "^(planned|completed)$", message = "must be planned or completed") String status) {
}
