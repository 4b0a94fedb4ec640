package io.ipsc.web.factory;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.WorkCenter;
import io.ipsc.web.gateway.Gateway;
import io.ipsc.web.gateway.GatewayError;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the factory's forms share: reading typed fields (a blank or unreadable one is sent as absent, and the
 * API names it at its field), telling a form's refusal from a page's, and the tenant's work centers by id.
 */
final class FactoryForms {

    /** The pickers offer the first hundred products, BOMs and work centers (the API's largest page). */
    static final int CHOICES = 100;

    private FactoryForms() {
    }

    static BigDecimal number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim().replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long id(String text) {
        BigDecimal n = number(text);
        return n == null ? null : n.longValue();
    }

    static Integer whole(String text) {
        BigDecimal n = number(text);
        return n == null ? null : n.intValue();
    }

    static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** A quantity or figure as typed by a person: 2.50 → 2.5, none → "—". */
    static String plain(BigDecimal value) {
        return value == null ? "—" : value.stripTrailingZeros().toPlainString();
    }

    /** {@code in_progress} → "In progress". */
    static String label(String status) {
        if (status == null || status.isBlank()) {
            return "—";
        }
        String words = status.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * A refusal shown at the form that was sent: invalid (400), unknown (404: a product or work center gone
     * meanwhile), conflicting (409) or refused by a rule (422, a cycle). Any other is the page's, as elsewhere.
     */
    static GatewayError formRefusal(ApiException e) throws ApiException {
        GatewayError error = GatewayError.of(e);
        if (error.status() != 400 && error.status() != 404 && error.status() != 409 && error.status() != 422) {
            throw e;
        }
        return error;
    }

    /** The tenant's work centers by id, named (the first hundred). */
    static Map<Long, String> workCenters(Gateway gateway, String slug, Map<String, String> bearer) throws ApiException {
        List<WorkCenter> items = gateway.workCenters().listWorkCenters(slug, 1, CHOICES, bearer).getData().getItems();
        Map<Long, String> names = new LinkedHashMap<>();
        for (WorkCenter w : items == null ? List.<WorkCenter>of() : items) {
            names.put(w.getId(), Objects.toString(w.getName(), "#" + w.getId()));
        }
        return names;
    }

    /** What was typed, by field, to show again beside the API's refusal. */
    static Map<String, String> typed(String... namesAndValues) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            typed.put(namesAndValues[i], Objects.toString(namesAndValues[i + 1], ""));
        }
        return typed;
    }
}
