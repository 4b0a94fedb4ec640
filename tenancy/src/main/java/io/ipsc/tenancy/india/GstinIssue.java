package io.ipsc.tenancy.india;

import java.util.Objects;

/** One finding about a GSTIN; {@link Type} tells callers what went wrong without parsing the message. */
public record GstinIssue(Type type, String message) {

    public enum Severity { ERROR, WARNING }

    public enum Type {
        /** Null or blank input. */
        MISSING(Severity.ERROR),
        /** Not 15 characters of the GSTIN pattern. */
        MALFORMED(Severity.ERROR),
        /** Well-formed, but the first two digits are no GST state code. */
        UNKNOWN_STATE(Severity.ERROR),
        /**
         * The 15th character disagrees with the computed one. Only a warning: seed and imported
         * data carry such GSTINs and the portal, not us, is the authority on what was issued.
         */
        CHECKSUM_MISMATCH(Severity.WARNING),
        /** The GSTIN's state differs from the state of the address it is filed with. */
        STATE_MISMATCH(Severity.WARNING);

        private final Severity severity;

        Type(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }
    }

    public GstinIssue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    public Severity severity() {
        return type.severity();
    }

    public boolean isError() {
        return type.severity() == Severity.ERROR;
    }
}
