package io.ipsc.dental;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clinic's clock in this module's tests, in place of the wall clock: it stands still at {@link #DEFAULT} (before the
 * 2024 dates the tests book, so their slots are all still to come) until a test sets it, and a test that sets it puts
 * it back with {@link #reset()}.
 */
@Singleton
public class SettableClock extends Clock {

    public static final Instant DEFAULT = Instant.parse("2024-01-01T00:00:00Z");

    private volatile Instant now = DEFAULT;

    public void set(Instant instant) {
        now = instant;
    }

    public void reset() {
        now = DEFAULT;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same settable instant seen in {@code zone} (the clinic's rules take their zone from its settings, not from here). */
    @Override
    public Clock withZone(ZoneId zone) {
        SettableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
