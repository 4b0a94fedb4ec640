package io.ipsc.dental.patient;

import io.ipsc.tenancy.india.constraint.ValidIndianPhone;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** A patient as sent on create and (in full) on update; the seed sends the first five fields. */
public record PatientRequest(
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @Size(max = 20) @ValidIndianPhone String phone,
        @Email @Size(max = 200) String email,
        @Past LocalDate dateOfBirth,
        @Pattern(regexp = "^(male|female|other)$", message = "must be male, female or other") String gender,
        @Size(max = 500) String address,
        List<@NotBlank @Size(max = 200) String> allergies,
        List<@NotBlank @Size(max = 200) String> medicalConditions,
        @Size(max = 2000) String notes) {
}
