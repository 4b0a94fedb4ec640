package io.ipsc.web.page;

import io.ipsc.client.ApiException;
import io.ipsc.web.gateway.GatewayError;

import java.math.BigDecimal;

/** What every form page does alike with what was typed and with the API's refusal of it. */
public final class Forms {

    private Forms() {
    }

    /**
     * A refusal shown at the form: invalid, conflicting, or over the plan's quota (429); any other (403, 404, the
     * gateway down) is rethrown for {@link PageErrors} to answer with its page.
     */
    public static GatewayError refusal(ApiException e) throws ApiException {
        GatewayError error = GatewayError.of(e);
        boolean formProblem = error.status() == 400 || error.status() == 409 || error.status() == 422
                || (error.status() == 429 && "QUOTA_EXCEEDED".equals(error.code()));
        if (!formProblem) {
            throw e;
        }
        return error;
    }

    /** What a refused form says at its top: the API's message, or (when it named fields) where to look. */
    public static String problem(GatewayError error) {
        return error.fieldErrors().isEmpty() ? error.message() : "Check the fields marked below.";
    }

    /** A typed number, or null when blank or not a number (the API then says what it needs). */
    public static BigDecimal number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim().replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A typed whole number (an id from a select), or null. */
    public static Long id(String text) {
        BigDecimal n = number(text);
        return n == null ? null : n.longValue();
    }

    /** Blank is sent as absent: the API then keeps its value (or says the field is required). */
    public static String text(String typed) {
        return typed == null || typed.isBlank() ? null : typed.trim();
    }

    /** What was typed, for showing again ("" for nothing). */
    public static String shown(Object value) {
        return value == null ? "" : value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
    }
}
