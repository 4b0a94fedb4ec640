package io.ipsc.web.calendar;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.MembershipView;
import io.ipsc.client.model.Patient;
import io.ipsc.web.gateway.Gateway;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who the calendar's pages name: the clinic's dentists (its members who may be booked: everyone but viewers;
 * dental-service accepts any member as {@code dentist_id}) and, for the booking form, the patients a search finds.
 * Appointments carry their patient's name, so the calendar itself never lists the clinic's patients.
 */
@ApplicationScoped
public class Clinic {

    /** The API's largest page: a clinic has a handful of dentists, far fewer than this. */
    static final int CHOICES = 100;
    /** Patients offered at once by the booking form's search; typing more narrows it. */
    static final int PATIENT_MATCHES = 20;

    private final Gateway gateway;

    Clinic(Gateway gateway) {
        this.gateway = gateway;
    }

    /** A patient as the booking form offers them. */
    public record PatientChoice(long id, String name, String phone) {
    }

    /** Dentists by id, in the API's order. */
    public Map<Long, String> dentists(String slug, Map<String, String> bearer) throws ApiException {
        List<MembershipView> members = gateway.memberships().listTenantMembers(slug, 1, CHOICES, bearer).getData().getItems();
        Map<Long, String> dentists = new LinkedHashMap<>();
        for (MembershipView m : members == null ? List.<MembershipView>of() : members) {
            if (m.getUserId() != null && !"viewer".equalsIgnoreCase(m.getRole())) {
                dentists.put(m.getUserId(), m.getFullName() == null || m.getFullName().isBlank() ? m.getEmail() : m.getFullName());
            }
        }
        return dentists;
    }

    /** The first {@value #PATIENT_MATCHES} patients the API's search (name in either order, or phone) finds; all when blank. */
    public List<PatientChoice> patients(String slug, Map<String, String> bearer, String search) throws ApiException {
        List<Patient> items = gateway.patients().listPatients(slug, false, 1, search == null || search.isBlank() ? null : search.trim(),
                PATIENT_MATCHES, bearer).getData().getItems();
        return items == null ? List.of() : items.stream().map(Clinic::choice).toList();
    }

    /** One patient by id, or null when the API does not know them. */
    public PatientChoice patient(String slug, Map<String, String> bearer, long id) throws ApiException {
        try {
            return choice(gateway.patients().getPatient(slug, id, bearer).getData());
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static PatientChoice choice(Patient p) {
        return new PatientChoice(p.getId(), name(p), p.getPhone());
    }

    static String name(Patient p) {
        return (Objects.toString(p.getFirstName(), "") + " " + Objects.toString(p.getLastName(), "")).trim();
    }
}
