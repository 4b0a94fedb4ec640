package io.ipsc.dental.appointment;

import java.time.OffsetDateTime;

/** What a booking request asks for, resolved against the clinic's settings and members: the row to write. */
record Booking(long patientId, Long dentistId, String chair, OffsetDateTime start, OffsetDateTime end,
               int duration, String treatmentType, String notes, String status) {
}
