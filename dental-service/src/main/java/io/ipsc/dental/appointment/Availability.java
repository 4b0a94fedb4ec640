package io.ipsc.dental.appointment;

import java.time.LocalDate;
import java.util.List;

/** A dentist's free slots on one day, in the clinic's time zone. */
public record Availability(long dentistId, LocalDate date, String timeZone, String clinicOpens, String clinicCloses,
                           int slotMinutes, List<Slot> freeSlots) {

    public record Slot(String start, String end) {
    }
}
