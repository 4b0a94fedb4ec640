package io.ipsc.dental.treatment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A treatment request resolved against the clinic's settings (its date in the clinic's zone, its surfaces normalised). */
record TreatmentFields(long patientId, Long appointmentId, OffsetDateTime date, String type, Integer tooth, String surfaces,
                       BigDecimal cost, String notes, boolean complete) {
}
