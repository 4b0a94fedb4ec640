package io.ipsc.web.clinic;

import io.ipsc.client.model.Patient;
import io.ipsc.client.model.PatientRequest;
import org.jboss.resteasy.reactive.RestForm;

import java.util.Map;
import java.util.Objects;

/** A patient's form, as typed (kept when the API refuses it), and the request it makes. */
public class PatientForm {

    @RestForm("first_name") public String firstName = "";
    @RestForm("last_name") public String lastName = "";
    @RestForm public String phone = "";
    @RestForm public String email = "";
    @RestForm("date_of_birth") public String dateOfBirth = "";
    @RestForm public String gender = "";
    @RestForm public String address = "";
    @RestForm public String allergies = "";
    @RestForm("medical_conditions") public String medicalConditions = "";
    @RestForm public String notes = "";

    static PatientForm of(Patient p) {
        PatientForm form = new PatientForm();
        form.firstName = Objects.toString(p.getFirstName(), "");
        form.lastName = Objects.toString(p.getLastName(), "");
        form.phone = Objects.toString(p.getPhone(), "");
        form.email = Objects.toString(p.getEmail(), "");
        form.dateOfBirth = Objects.toString(p.getDateOfBirth(), "");
        form.gender = Objects.toString(p.getGender(), "");
        form.address = Objects.toString(p.getAddress(), "");
        form.allergies = FormValues.joined(p.getAllergies());
        form.medicalConditions = FormValues.joined(p.getMedicalConditions());
        form.notes = Objects.toString(p.getNotes(), "");
        return form;
    }

    /** The request; a field that is not even a date is put in {@code errors} instead. */
    PatientRequest toRequest(Map<String, String> errors) {
        return new PatientRequest().firstName(FormValues.text(firstName)).lastName(FormValues.text(lastName))
                .phone(FormValues.text(phone)).email(FormValues.text(email))
                .dateOfBirth(FormValues.date("date_of_birth", dateOfBirth, errors)).gender(FormValues.text(gender))
                .address(FormValues.text(address)).allergies(FormValues.list(allergies))
                .medicalConditions(FormValues.list(medicalConditions)).notes(FormValues.text(notes));
    }
}
