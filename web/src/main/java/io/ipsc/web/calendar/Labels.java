package io.ipsc.web.calendar;

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

    /** The patient's name when the page loaded it, else the API's number. */
    static String patient(Long id, Map<Long, String> names) {
        String name = id == null ? null : names.get(id);
        return name != null ? name : "Patient #" + id;
    }

    static String dentist(Long id, Map<Long, String> names) {
        if (id == null) {
            return "No dentist";
        }
        String name = names.get(id);
        return name != null ? name : "Dentist #" + id;
    }
}
