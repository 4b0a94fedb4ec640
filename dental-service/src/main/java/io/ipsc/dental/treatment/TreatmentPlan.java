package io.ipsc.dental.treatment;

import java.math.BigDecimal;
import java.util.List;

/** A patient's planned (not yet completed) treatments and what they are estimated to cost together. */
public record TreatmentPlan(long patientId, String patientName, List<Treatment> treatments, int treatmentCount,
                            BigDecimal totalEstimate) {
}
