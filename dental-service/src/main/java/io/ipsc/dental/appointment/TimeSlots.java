package io.ipsc.dental.appointment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The time rules of booking, without a database: half-open intervals (an appointment ending at
 * 10:30 does not clash with one starting at 10:30, as the database's {@code '[)'} ranges agree) and
 * the free slots of a day.
 */
public final class TimeSlots {

    private TimeSlots() {
    }

    /** A half-open interval [start, end). */
    public record Interval(OffsetDateTime start, OffsetDateTime end) {
        public Interval {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("An interval must end after it starts: " + start + " – " + end);
            }
        }

        public boolean overlaps(Interval other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }
    }

    /**
     * The slots of {@code length} between opening and closing on {@code day} in {@code zone}, on a
     * grid of {@code length} from opening, that overlap none of {@code busy} and start no earlier than
     * {@code notBefore} (now: a slot that has begun can no longer be offered). The grid stays anchored at
     * opening, so at 11:10 a half-hour grid from 09:00 offers 11:30 next, the slot the calendar draws.
     * Wall-clock times are resolved in the zone, so a day with a clock change still gets the right instants.
     */
    public static List<Interval> freeSlots(LocalDate day, ZoneId zone, LocalTime opens, LocalTime closes,
                                           Duration length, List<Interval> busy, Instant notBefore) {
        if (length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("The slot length must be positive");
        }
        OffsetDateTime close = day.atTime(closes).atZone(zone).toOffsetDateTime();
        List<Interval> sorted = busy.stream().sorted(Comparator.comparing(Interval::start)).toList();
        List<Interval> free = new ArrayList<>();
        for (OffsetDateTime start = day.atTime(opens).atZone(zone).toOffsetDateTime();
             !start.plus(length).isAfter(close); start = start.plus(length)) {
            Interval slot = new Interval(start, start.plus(length));
            if (!start.toInstant().isBefore(notBefore) && sorted.stream().noneMatch(slot::overlaps)) {
                free.add(slot);
            }
        }
        return free;
    }
}
