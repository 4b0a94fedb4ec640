package io.ipsc.dental.appointment;

import io.ipsc.dental.appointment.TimeSlots.Interval;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
                List.of(interval(9, 30, 10, 15)));
        assertEquals(List.of(interval(9, 0, 9, 30), interval(10, 30, 11, 0)), free);
    }

    @Test
    void aDayWithoutBookingsIsAllFreeAndTheLastSlotEndsAtClosing() {
        List<Interval> free = TimeSlots.freeSlots(DAY, KOLKATA, LocalTime.of(9, 0), LocalTime.of(18, 0), Duration.ofMinutes(30), List.of());
        assertEquals(18, free.size());
        assertEquals(at(17, 30), free.get(free.size() - 1).start());
        assertEquals("+05:30", free.get(0).start().getOffset().getId());
    }

    @Test
    void aSlotLongerThanTheDayLeavesNothing() {
        assertTrue(TimeSlots.freeSlots(DAY, KOLKATA, LocalTime.of(9, 0), LocalTime.of(10, 0), Duration.ofMinutes(90), List.of()).isEmpty());
    }
}
