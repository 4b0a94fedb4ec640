package io.ipsc.dental.appointment;

import io.ipsc.dental.appointment.TimeSlots.Interval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeSlotsTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
    private static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");

    private static OffsetDateTime at(int hour, int minute) {
        return DAY.atTime(hour, minute).atZone(KOLKATA).toOffsetDateTime();
    }

    private static Interval interval(int h1, int m1, int h2, int m2) {
        return new Interval(at(h1, m1), at(h2, m2));
    }

    @Test
    void intervalsThatShareTimeOverlap() {
        assertTrue(interval(10, 0, 10, 30).overlaps(interval(10, 15, 10, 45)));
        assertTrue(interval(10, 0, 11, 0).overlaps(interval(10, 15, 10, 30)));
        assertTrue(interval(10, 15, 10, 30).overlaps(interval(10, 0, 11, 0)));
        assertTrue(interval(10, 0, 10, 30).overlaps(interval(10, 0, 10, 30)));
    }

    @Test
    void backToBackIntervalsDoNotOverlap() {
        assertFalse(interval(10, 0, 10, 30).overlaps(interval(10, 30, 11, 0)));
        assertFalse(interval(10, 30, 11, 0).overlaps(interval(10, 0, 10, 30)));
        assertFalse(interval(9, 0, 9, 30).overlaps(interval(14, 0, 14, 30)));
    }

    @Test
    void theSameInstantInAnotherZoneOverlaps() {
        Interval utc = new Interval(OffsetDateTime.parse("2024-01-15T04:30:00Z"), OffsetDateTime.parse("2024-01-15T05:00:00Z"));
        assertTrue(utc.overlaps(interval(10, 0, 10, 30)));
    }

    @Test
    void anIntervalMustEndAfterItStarts() {
        assertThrows(IllegalArgumentException.class, () -> interval(10, 0, 10, 0));
    }

    @Test
    void freeSlotsSkipBusyTimeWithinOpeningHours() {
        List<Interval> free = TimeSlots.freeSlots(DAY, KOLKATA, LocalTime.of(9, 0), LocalTime.of(11, 0), Duration.ofMinutes(30),
                List.of(interval(9, 30, 10, 15)), LONG_AGO);
        assertEquals(List.of(interval(9, 0, 9, 30), interval(10, 30, 11, 0)), free);
    }

    @Test
    void aDayWithoutBookingsIsAllFreeAndTheLastSlotEndsAtClosing() {
        List<Interval> free = TimeSlots.freeSlots(DAY, KOLKATA, LocalTime.of(9, 0), LocalTime.of(18, 0), Duration.ofMinutes(30), List.of(), LONG_AGO);
        assertEquals(18, free.size());
        assertEquals(at(17, 30), free.get(free.size() - 1).start());
        assertEquals("+05:30", free.get(0).start().getOffset().getId());
    }

    @Test
    void aSlotLongerThanTheDayLeavesNothing() {
        assertTrue(TimeSlots.freeSlots(DAY, KOLKATA, LocalTime.of(9, 0), LocalTime.of(10, 0), Duration.ofMinutes(90), List.of(), LONG_AGO).isEmpty());
    }

    @Test
    void slotsThatStartBeforeNowAreNotOfferedAndTheGridStaysAnchoredAtOpening() {
        // Now is 11:10: the 11:00 slot has begun, so 11:30 is the first offered (not 11:10: the grid is the calendar's).
        List<Interval> free = TimeSlots.freeSlots(DAY, KOLKATA, LocalTime.of(9, 0), LocalTime.of(13, 0), Duration.ofMinutes(30),
                List.of(interval(12, 0, 12, 30)), at(11, 10).toInstant());
        assertEquals(List.of(interval(11, 30, 12, 0), interval(12, 30, 13, 0)), free);
        // A slot starting exactly now is still offered.
        assertEquals(at(11, 0), TimeSlots.freeSlots(DAY, KOLKATA, LocalTime.of(9, 0), LocalTime.of(13, 0), Duration.ofMinutes(30),
                List.of(), at(11, 0).toInstant()).get(0).start());
        // After closing, the day has nothing left.
        assertTrue(TimeSlots.freeSlots(DAY, KOLKATA, LocalTime.of(9, 0), LocalTime.of(13, 0), Duration.ofMinutes(30),
                List.of(), at(13, 0).toInstant()).isEmpty());
    }
}
