package io.ipsc.web.cashflow;

import java.util.List;
import java.util.Optional;

/**
 * Invoicing's ageing buckets: the key of each in {@code GET /cashflow}'s {@code receivables} and
 * {@code payables}, the value of the lists' {@code ageing} filter, and the words the page shows.
 */
public record Ageing(String key, String filter, String label) {

    public static final List<Ageing> BUCKETS = List.of(
            new Ageing("days_0_30", "0-30", "0–30 days"),
            new Ageing("days_31_60", "31-60", "31–60 days"),
            new Ageing("days_61_90", "61-90", "61–90 days"),
            new Ageing("days_over_90", "90+", "Over 90 days"));

    /** The bucket a list was asked for; empty for none, or one invoicing does not know. */
    public static Optional<Ageing> byFilter(String filter) {
        // "90+" typed into an address arrives as "90 " (a '+' in a query is a space).
        String wanted = filter == null ? null : filter.replace(' ', '+').trim();
        return BUCKETS.stream().filter(b -> b.filter().equals(wanted)).findFirst();
    }
}
