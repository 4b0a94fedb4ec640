package io.ipsc.web.calendar;

import io.ipsc.client.model.AppointmentRequest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The booking form as typed: the slot clicked ({@code dentist}, {@code at} in the clinic's wall-clock time,
 * {@code duration}) and what the front desk adds. Sent to the API as it is; the API judges it.
 */
public record BookingForm(Long dentist, String at, Integer duration, Long patient, String treatment, String chair, String notes,
                          String search) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm", Locale.ENGLISH);

    AppointmentRequest toRequest() {
        return new AppointmentRequest().patientId(patient).appointmentDate(at).treatmentType(blankless(treatment))
                .dentistId(dentist).chair(blankless(chair)).notes(blankless(notes)).durationMinutes(duration);
    }

    /** The day of the slot (today when it cannot be read: the calendar then opens on today). */
    public LocalDate day() {
        LocalDateTime time = time();
        return time == null ? CalendarResource.parseDay(null) : time.toLocalDate();
    }

    public String when() {
        LocalDateTime time = time();
        return time == null ? "" : time.format(WHEN);
    }

    private LocalDateTime time() {
        try {
            return at == null ? null : LocalDateTime.parse(at.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
