package io.ipsc.web.calendar;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.MembershipView;
import io.ipsc.client.model.Patient;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayCalls;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Who the calendar's pages name: the clinic's dentists (its members who may be booked: everyone but
 * viewers; dental-service accepts any member as {@code dentist_id}) and its patients' names, both asked
 * for at once. The API's largest page (100) of each: beyond that a patient is shown by number.
 */
@ApplicationScoped
public class Clinic {

    static final int CHOICES = 100;

    private final Gateway gateway;
    private final GatewayCalls calls;

    Clinic(Gateway gateway, GatewayCalls calls) {
        this.gateway = gateway;
        this.calls = calls;
    }

    /** Dentists by id (in the API's order) and patients' names by id. */
    public record People(Map<Long, String> dentists, Map<Long, String> patients) {
    }

    public People people(String slug, Map<String, String> bearer, String patientSearch) throws ApiException {
        CompletableFuture<List<Patient>> patients = calls.start(() -> patients(slug, bearer, patientSearch));
        List<MembershipView> members = gateway.memberships().listTenantMembers(slug, 1, CHOICES, bearer).getData().getItems();
        Map<Long, String> dentists = new LinkedHashMap<>();
        for (MembershipView m : members == null ? List.<MembershipView>of() : members) {
            if (m.getUserId() != null && !"viewer".equalsIgnoreCase(m.getRole())) {
                dentists.put(m.getUserId(), m.getFullName() == null || m.getFullName().isBlank() ? m.getEmail() : m.getFullName());
            }
        }
        Map<Long, String> names = new LinkedHashMap<>();
        for (Patient p : GatewayCalls.await(patients)) {
            names.put(p.getId(), name(p));
        }
        return new People(dentists, names);
    }

    private List<Patient> patients(String slug, Map<String, String> bearer, String search) throws ApiException {
        List<Patient> items = gateway.patients().listPatients(slug, false, 1, search == null || search.isBlank() ? null : search.trim(),
                CHOICES, bearer).getData().getItems();
        return items == null ? List.of() : items;
    }

    static String name(Patient p) {
        return (Objects.toString(p.getFirstName(), "") + " " + Objects.toString(p.getLastName(), "")).trim();
    }
}
