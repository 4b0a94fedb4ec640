package io.ipsc.web.page;

import io.ipsc.client.ApiException;
import io.ipsc.web.gateway.GatewayCalls;
import io.ipsc.web.gateway.GatewayError;
import io.quarkus.qute.TemplateInstance;
import org.jboss.resteasy.reactive.RestResponse;

import java.math.BigDecimal;
import java.net.URI;

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

    /** The page a refused form shows again, with the API's refusal (it may ask the API for its choices again). */
    @FunctionalInterface
    public interface Refused {
        TemplateInstance page(GatewayError error) throws ApiException;
    }

    /** Where a done change leads, from what the API answered (the new thing's id, say). */
    @FunctionalInterface
    public interface Then<T> {
        String address(T answer);
    }

    /**
     * A form's post: {@code change} made, then 303 to {@code then}'s address; or its refusal (see {@link #refusal}) shown
     * on the {@code refused} page with the API's status.
     */
    public static <T> RestResponse<TemplateInstance> submit(GatewayCalls.Call<T> change, Then<T> then, Refused refused)
            throws ApiException {
        T answer;
        try {
            answer = change.get();
        } catch (ApiException e) {
            GatewayError error = refusal(e);
            return PageErrors.withStatus(error.status(), refused.page(error));
        }
        return RestResponse.seeOther(URI.create(then.address(answer)));
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
