package io.ipsc.dental.appointment;

import java.time.LocalDate;
import java.util.List;

/**
 * A dentist's free slots on the days asked for ({@code from} to {@code to}; one day when asked with {@code date},
 * which is then {@code date}), in the clinic's time zone. {@code freeSlots} holds every free slot of those days in
 * time order (for one day exactly what the single-day answer always held); {@code days} the same slots day by day,
 * with the days the clinic is closed marked.
 */
public record Availability(long dentistId, LocalDate date, LocalDate from, LocalDate to, String timeZone, String clinicOpens,
                           String clinicCloses, int slotMinutes, List<Slot> freeSlots, List<AvailabilityDay> days) {

    public record Slot(String start, String end) {
    }

    /** One day's free slots; none on a day the clinic is closed ({@code closed}). */
    public record AvailabilityDay(LocalDate date, boolean closed, List<Slot> freeSlots) {
    }
}
