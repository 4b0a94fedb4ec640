package io.ipsc.web.calendar;

import io.ipsc.client.model.Appointment;

import java.util.Map;

/** How the calendar's pages name statuses, patients and dentists the API gives as codes and ids. */
final class Labels {

    private Labels() {
    }

    /** {@code checked_in} → "Checked in". */
    static String status(String status) {
        if (status == null || status.isBlank()) {
            return "—";
        }
        String words = status.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The patient's name as the appointment carries it, else the API's number. */
    static String patient(Appointment a) {
        String name = a.getPatientName();
        return name != null && !name.isBlank() ? name : "Patient #" + a.getPatientId();
    }

    static String dentist(Long id, Map<Long, String> names) {
        if (id == null) {
            return "No dentist";
        }
        String name = names.get(id);
        return name != null ? name : "Dentist #" + id;
    }
}
