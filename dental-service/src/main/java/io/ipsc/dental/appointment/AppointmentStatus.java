package io.ipsc.dental.appointment;

import java.util.Locale;
import java.util.Optional;

/** Where an appointment stands; cancelled and no-show ones free their time for other bookings. */
public enum AppointmentStatus {
    SCHEDULED, CONFIRMED, CHECKED_IN, COMPLETED, CANCELLED, NO_SHOW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean holdsTime() {
        return this != CANCELLED && this != NO_SHOW;
    }

    public static Optional<AppointmentStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (AppointmentStatus status : values()) {
            if (status.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
