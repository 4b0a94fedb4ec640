package io.ipsc.tenancy.event;

import java.util.Locale;
import java.util.Optional;

/** The kinds of organisation IPSC serves; each brings default features. */
public enum OrganizationType {
    DENTAL_CLINIC, MANUFACTURING, BUSINESS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OrganizationType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (OrganizationType type : values()) {
            if (type.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
