package io.ipsc.web.factory;

import java.util.Map;

/**
 * A page's forms after a refusal: which form was refused ({@code where}: a form's name or a row's key), what was
 * typed there and the API's words, by field or for the whole form. Every other form on the page shows its own
 * values, not the refused one's.
 */
public record FormState(String where, Map<String, String> form, Map<String, String> errors, String problem) {

    static FormState none() {
        return new FormState(null, Map.of(), Map.of(), null);
    }

    public boolean isAt(String key) {
        return key.equals(where);
    }

    /** What the form shows in a field: what was typed when it was refused, else {@code shown} (a refused removal sent no fields). */
    public String value(String key, String field, String shown) {
        return isAt(key) && form.containsKey(field) ? form.get(field) : shown;
    }

    /** The API's word on a field of this form, if it was the one refused. */
    public String error(String key, String field) {
        return isAt(key) ? errors.get(field) : null;
    }

    /** The API's message when it named no field of this form. */
    public String problem(String key) {
        return isAt(key) && errors.isEmpty() ? problem : null;
    }
}
