package io.ipsc.tenancy.india;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Result of {@link Gstin#check(String)}.
 *
 * @param normalized    input stripped and upper-cased; empty for null input
 * @param wellFormed    matches the 15-character GSTIN pattern
 * @param state         the state of a well-formed GSTIN with a known code
 * @param checksumValid the 15th character is the computed check character (false if malformed)
 * @param expectedCheckChar the computed check character of a well-formed GSTIN
 * @param issues        errors and warnings, in the order found
 */
public record GstinCheck(
        String normalized,
        boolean wellFormed,
        Optional<IndianState> state,
        boolean checksumValid,
        Optional<Character> expectedCheckChar,
        List<GstinIssue> issues) {

    public GstinCheck {
        Objects.requireNonNull(normalized, "normalized");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expectedCheckChar, "expectedCheckChar");
        issues = List.copyOf(issues);
    }

    /** True when there is no error; warnings such as a wrong check character are allowed. */
    public boolean isAcceptable() {
        return issues.stream().noneMatch(GstinIssue::isError);
    }

    /** True when there is neither error nor warning. */
    public boolean isFullyValid() {
        return issues.isEmpty();
    }

    public List<GstinIssue> errors() {
        return issues.stream().filter(GstinIssue::isError).toList();
    }

    public List<GstinIssue> warnings() {
        return issues.stream().filter(i -> !i.isError()).toList();
    }

    public boolean has(GstinIssue.Type type) {
        return issues.stream().anyMatch(i -> i.type() == type);
    }

    /** The PAN embedded in characters 3–12 of a well-formed GSTIN. */
    public Optional<String> pan() {
        return wellFormed ? Optional.of(normalized.substring(2, 12)) : Optional.empty();
    }
}
