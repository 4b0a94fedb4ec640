package io.ipsc.web.clinic;

import io.ipsc.client.model.TreatmentRequest;
import org.jboss.resteasy.reactive.RestForm;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Recording a treatment on the patient's page: procedure, tooth (FDI), surfaces, fee, when, and whether it is
 * planned or already done. The tooth's validity is the API's (its 400 names the valid numbers, shown at the field).
 */
public class TreatmentForm {

    private static final ZoneId CLINIC = ZoneId.of("Asia/Kolkata");

    @RestForm("treatment_type") public String treatmentType = "";
    @RestForm public String tooth = "";
    @RestForm public String surfaces = "";
    @RestForm public String cost = "";
    @RestForm("treatment_date") public String treatmentDate = "";
    @RestForm public String status = "planned";
    @RestForm public String notes = "";

    /** A blank form for now, in clinic time (the API reads a date-time without offset as the clinic's), on a tooth if one is chosen. */
    static TreatmentForm blank(Integer tooth) {
        TreatmentForm form = new TreatmentForm();
        form.treatmentDate = LocalDateTime.now(CLINIC).truncatedTo(ChronoUnit.MINUTES).toString();
        form.tooth = tooth == null ? "" : tooth.toString();
        return form;
    }

    TreatmentRequest toRequest(long patientId, Map<String, String> errors) {
        return new TreatmentRequest().patientId(patientId).treatmentType(FormValues.text(treatmentType))
                .tooth(FormValues.whole("tooth", tooth, errors)).surfaces(FormValues.text(surfaces))
                .cost(FormValues.decimal("cost", cost, errors)).treatmentDate(FormValues.text(treatmentDate))
                .status(FormValues.text(status)).notes(FormValues.text(notes));
    }
}
