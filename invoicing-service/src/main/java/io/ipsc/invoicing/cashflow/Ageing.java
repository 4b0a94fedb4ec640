package io.ipsc.invoicing.cashflow;

import io.ipsc.tenancy.error.ApiException;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * The ageing buckets of {@code GET /api/cashflow} as a list filter ({@code ?ageing=31-60}), so that a bar of
 * the cash-flow chart can open exactly the invoices or purchases it adds up. Days are counted as the cash
 * flow counts them: today (India) minus the due date, or the document's date when it has none; a document
 * not yet due is in {@code 0-30}.
 */
public enum Ageing {
    DAYS_0_30("0-30", null, 30),
    DAYS_31_60("31-60", 31, 60),
    DAYS_61_90("61-90", 61, 90),
    DAYS_OVER_90("90+", 91, null);

    public static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    private final String label;
    private final Integer minDays;
    private final Integer maxDays;

    Ageing(String label, Integer minDays, Integer maxDays) {
        this.label = label;
        this.minDays = minDays;
        this.maxDays = maxDays;
    }

    /** {@code null} for no filter; an unknown value is refused as {@code INVALID_FILTER} on the field {@code ageing}. */
    public static Ageing parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        // A '+' in a query string arrives as a space when the client did not encode it.
        String wanted = text.replace(' ', '+').trim();
        return Arrays.stream(values()).filter(a -> a.label.equals(wanted)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("INVALID_FILTER", "ageing",
                        "ageing must be one of " + String.join(", ", Arrays.stream(values()).map(a -> a.label).toList())));
    }

    /**
     * The SQL condition on a document's age with its three parameters ({@code $first} the date today,
     * {@code $first+1} the least and {@code $first+2} the most days, either null for no bound);
     * {@code dateColumn} is the document's own date, used when it has no due date.
     */
    public static String condition(String dateColumn, int first) {
        String age = "($" + first + "::date - coalesce(due_date, " + dateColumn + "))";
        return "($" + (first + 1) + "::int IS NULL OR " + age + " >= $" + (first + 1) + ") AND ($" + (first + 2) + "::int IS NULL OR "
                + age + " <= $" + (first + 2) + ")";
    }

    /** The three parameters of {@link #condition}: today, least and most days (no bounds without a bucket). */
    public static List<Object> parameters(Ageing bucket) {
        return Arrays.asList(LocalDate.now(INDIA), bucket == null ? null : bucket.minDays, bucket == null ? null : bucket.maxDays);
    }
}
