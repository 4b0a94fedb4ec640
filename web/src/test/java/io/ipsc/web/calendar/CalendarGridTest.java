package io.ipsc.web.calendar;

import io.ipsc.client.model.Appointment;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Placing: an appointment covers the rows it lasts, free slots are the API's, odd times and late ones still show. */
class CalendarGridTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    private static Appointment at(long id, String start, String end, String status) {
        return new Appointment().id(id).patientId(1L).patientName("John Doe").dentistId(21L).appointmentDate(DAY + "T" + start + ":00+05:30")
                .endsAt(DAY + "T" + end + ":00+05:30").treatmentType("Check-up").status(status);
    }

    private static CalendarGrid grid(List<Appointment> appointments, List<String> free) {
        var column = new CalendarGrid.ColumnInput("Dr. Asha Rao", null, DAY, 21L, appointments,
                free.stream().map(t -> LocalDateTime.of(DAY, LocalTime.parse(t))).toList());
        return CalendarGrid.of(List.of(column), LocalTime.of(9, 0), LocalTime.of(11, 0), 30, DAY);
    }

    @Test
    void anHourLongAppointmentSpansTwoRowsAndTheRowsItCoversHaveNoCell() {
        CalendarGrid g = grid(List.of(at(1, "09:30", "10:30", "scheduled")), List.of("09:00", "10:30"));
        assertEquals(List.of("09:00", "09:30", "10:00", "10:30"), g.rows().stream().map(CalendarGrid.Row::time).toList());
        assertEquals("2026-12-01T09:00", g.rows().get(0).cells().get(0).freeAt());
        CalendarGrid.Cell busy = g.rows().get(1).cells().get(0);
        assertEquals(2, busy.rowspan());
        assertEquals("John Doe", busy.entries().get(0).patient());
        assertEquals("09:30–10:30", busy.entries().get(0).time());
        assertTrue(g.rows().get(2).cells().isEmpty());
        assertTrue(g.rows().get(3).cells().get(0).free());
        assertTrue(g.columns().get(0).today());
    }

    @Test
    void aRowWithoutAFreeSlotFromTheApiIsNotOfferedEvenWhenNothingIsBooked() {
        CalendarGrid g = grid(List.of(), List.of("10:00"));
        assertNull(g.rows().get(0).cells().get(0).freeAt());
        assertTrue(g.rows().get(2).cells().get(0).free());
    }

    @Test
    void cancelledAppointmentsAreNotDrawnAndOverlapsShareOneCell() {
        CalendarGrid g = grid(List.of(at(1, "09:00", "09:30", "cancelled"), at(2, "09:00", "09:45", "scheduled"),
                at(3, "09:40", "10:30", "scheduled")), List.of());
        CalendarGrid.Cell first = g.rows().get(0).cells().get(0);
        assertEquals(List.of(2L, 3L), first.entries().stream().map(CalendarGrid.Entry::id).toList());
        assertEquals(3, first.rowspan());
        assertTrue(g.rows().get(3).cells().get(0).entries().isEmpty());
    }

    @Test
    void anAppointmentOutsideTheClinicsHoursWidensTheDay() {
        CalendarGrid g = grid(List.of(at(1, "08:10", "08:40", "completed"), at(2, "11:15", "11:45", "scheduled")), List.of());
        assertEquals("08:00", g.rows().get(0).time());
        assertEquals("11:30", g.rows().get(g.rows().size() - 1).time());
        assertEquals(2, g.rows().get(0).cells().get(0).rowspan());
        // An appointment without its patient's name (an older answer) names the patient by number.
        assertEquals("Patient #9", CalendarGrid.entry(at(4, "09:00", "09:30", "scheduled").patientId(9L).patientName(null)).patient());
    }
}
