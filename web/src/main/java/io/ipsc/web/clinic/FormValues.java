package io.ipsc.web.clinic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reading the clinic's form fields into the API's types. Only the shape is judged here (is it a number, a date);
 * what the values may be (a tooth's FDI number, a fee's range) is the API's to say, at the same field.
 */
final class FormValues {

    private FormValues() {
    }

    /** Blank is absent. */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static BigDecimal decimal(String field, String value, Map<String, String> errors) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.replace(",", ""));
        } catch (NumberFormatException e) {
            errors.put(field, "Write a number, such as 5000 or 12.5");
            return null;
        }
    }

    static Integer whole(String field, String value, Map<String, String> errors) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            errors.put(field, "Write a whole number");
            return null;
        }
    }

    static LocalDate date(String field, String value, Map<String, String> errors) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.put(field, "Write the date as YYYY-MM-DD, such as 1985-05-20");
            return null;
        }
    }

    /** "Penicillin, latex" → [Penicillin, latex]; blank is absent. */
    static List<String> list(String value) {
        String text = text(value);
        return text == null ? null : Arrays.stream(text.split("[,\\n]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String joined(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }
}
