package io.ipsc.web.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipsc.web.format.IndianFormats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How the console writes the operator's figures: sizes, ratios, durations and counts read from the API's JSON. */
final class Figures {

    private static final String[] SIZE_UNITS = {"bytes", "kB", "MB", "GB", "TB"};

    private Figures() {
    }

    /** A size as PostgreSQL's pg_size_pretty writes it (1024 per step): 7.9 MB. */
    static String bytes(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return "—";
        }
        double size = value.asDouble();
        int unit = 0;
        while (size >= 1024 && unit < SIZE_UNITS.length - 1) {
            size /= 1024;
            unit++;
        }
        return unit == 0 ? IndianFormats.number(value.asLong()) + " bytes" : String.format(Locale.ROOT, "%.1f %s", size, SIZE_UNITS[unit]);
    }

    /** A ratio of 0..1 as a percentage with one decimal: 0.9876 is 98.8 %. */
    static String ratio(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return "—";
        }
        return value.decimalValue().movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    /** A percentage the API already computed (12.5). */
    static String percent(JsonNode value) {
        return value == null || !value.isNumber() ? "—" : value.decimalValue().setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    static String millis(BigDecimal value) {
        return value == null ? "—" : value.setScale(1, RoundingMode.HALF_UP).toPlainString() + " ms";
    }

    static String count(JsonNode value) {
        return value == null || !value.isNumber() ? "—" : IndianFormats.number(value.asLong());
    }

    /** A moment the API wrote as ISO-8601 text; anything else is unknown rather than a failed page. */
    static OffsetDateTime moment(JsonNode value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Text of a JSON value, or null when absent or null (templates show a dash). */
    static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
