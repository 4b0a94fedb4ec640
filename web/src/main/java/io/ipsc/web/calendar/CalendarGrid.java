package io.ipsc.web.calendar;

import io.ipsc.client.model.Appointment;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The calendar as a table: one row per step of the day (the availability's slot length), one column per
 * dentist (day view) or per day (week view). An appointment takes the rows it lasts (a {@code rowspan});
 * a free slot is exactly one the API's availability answered, never one worked out here. Only placing is
 * done here: which row a time falls in.
 */
public record CalendarGrid(List<Column> columns, List<Row> rows, int stepMinutes) {

    /** Statuses that hold their time; cancelled and no-show ones are not drawn (the API frees their time). */
    static final Set<String> HOLDING = Set.of("scheduled", "confirmed", "checked_in", "completed");

    /** What one column shows: its heading, its day, its dentist (null: appointments without one), and what is in it. */
    public record ColumnInput(String heading, String subheading, LocalDate day, Long dentistId, List<Appointment> appointments,
                              List<LocalDateTime> freeStarts) {
    }

    public record Column(String heading, String subheading, boolean today) {
    }

    public record Row(String time, List<Cell> cells) {
    }

    /** An appointment as a calendar entry shows it. */
    public record Entry(long id, String time, String patient, String treatment, String status, String chair) {

        public String statusLabel() {
            return Labels.status(status);
        }
    }

    /** A cell: appointments ({@code entries}), a free slot (a dentist and its start), or nothing. */
    public record Cell(int rowspan, List<Entry> entries, Long dentistId, String freeAt) {

        public boolean free() {
            return freeAt != null;
        }

        public boolean busy() {
            return !entries.isEmpty();
        }
    }

    public static CalendarGrid of(List<ColumnInput> inputs, LocalTime opens, LocalTime closes, int stepMinutes,
                                  LocalDate today) {
        int step = Math.max(5, stepMinutes);
        LocalTime first = opens;
        LocalTime last = closes;
        for (ColumnInput in : inputs) {
            for (Appointment a : holding(in.appointments())) {
                LocalTime start = start(a).toLocalTime();
                LocalTime end = end(a).toLocalDate().isAfter(start(a).toLocalDate()) ? LocalTime.MAX : end(a).toLocalTime();
                first = start.isBefore(first) ? start : first;
                last = end.isAfter(last) ? end : last;
            }
        }
        LocalTime top = floor(first, step);
        int rowCount = (int) Math.max(1, ceilDiv(Duration.between(top, last).toMinutes(), step));
        List<Cell[]> byColumn = new ArrayList<>();
        for (ColumnInput in : inputs) {
            byColumn.add(column(in, top, step, rowCount));
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            List<Cell> cells = new ArrayList<>();
            for (Cell[] column : byColumn) {
                if (column[r] != null) {
                    cells.add(column[r]);
                }
            }
            rows.add(new Row(top.plusMinutes((long) r * step).toString(), cells));
        }
        List<Column> columns = inputs.stream().map(in -> new Column(in.heading(), in.subheading(), in.day().equals(today))).toList();
        return new CalendarGrid(columns, rows, step);
    }

    /** One column's cells by row: a cell where it starts, null in the rows an appointment above covers. */
    private static Cell[] column(ColumnInput in, LocalTime top, int step, int rowCount) {
        Cell[] cells = new Cell[rowCount];
        boolean[] covered = new boolean[rowCount];
        int openStart = -1;
        int openEnd = -1;
        List<Entry> open = null;
        for (Appointment a : holding(in.appointments())) {
            int r = Math.min(rowCount - 1, row(start(a).toLocalTime(), top, step));
            LocalDateTime endTime = end(a);
            int end = endTime.toLocalDate().isAfter(in.day()) ? rowCount
                    : (int) Math.min(rowCount, Math.max(r + 1, ceilDiv(Duration.between(top, endTime.toLocalTime()).toMinutes(), step)));
            Entry entry = entry(a);
            if (open != null && r < openEnd) {
                // Overlapping in this column (only possible without a dentist): one cell holds both.
                open.add(entry);
                openEnd = Math.max(openEnd, end);
            } else {
                if (open != null) {
                    cells[openStart] = new Cell(openEnd - openStart, List.copyOf(open), in.dentistId(), null);
                }
                open = new ArrayList<>(List.of(entry));
                openStart = r;
                openEnd = end;
            }
        }
        if (open != null) {
            cells[openStart] = new Cell(openEnd - openStart, List.copyOf(open), in.dentistId(), null);
        }
        for (int r = 0; r < rowCount; r++) {
            if (cells[r] != null) {
                for (int k = r + 1; k < r + cells[r].rowspan(); k++) {
                    covered[k] = true;
                }
            }
        }
        for (LocalDateTime free : in.freeStarts()) {
            int r = row(free.toLocalTime(), top, step);
            if (r >= 0 && r < rowCount && cells[r] == null && !covered[r]) {
                cells[r] = new Cell(1, List.of(), in.dentistId(), free.toString());
            }
        }
        for (int r = 0; r < rowCount; r++) {
            if (cells[r] == null && !covered[r]) {
                cells[r] = new Cell(1, List.of(), in.dentistId(), null);
            }
        }
        return cells;
    }

    private static List<Appointment> holding(List<Appointment> appointments) {
        return appointments.stream().filter(a -> HOLDING.contains(Objects.toString(a.getStatus(), "scheduled")))
                .filter(a -> a.getAppointmentDate() != null)
                .sorted(Comparator.comparing(CalendarGrid::start)).toList();
    }

    static Entry entry(Appointment a) {
        String time = start(a).toLocalTime() + "–" + end(a).toLocalTime();
        return new Entry(a.getId(), time, Labels.patient(a), Objects.toString(a.getTreatmentType(), ""),
                Objects.toString(a.getStatus(), "scheduled"), a.getChair());
    }

    /** The clinic's wall-clock time the API wrote (with its offset). */
    static LocalDateTime start(Appointment a) {
        return OffsetDateTime.parse(a.getAppointmentDate()).toLocalDateTime();
    }

    static LocalDateTime end(Appointment a) {
        return a.getEndsAt() != null ? OffsetDateTime.parse(a.getEndsAt()).toLocalDateTime()
                : start(a).plusMinutes(a.getDurationMinutes() == null ? 30 : a.getDurationMinutes());
    }

    private static int row(LocalTime time, LocalTime top, int step) {
        return (int) Math.floorDiv(Duration.between(top, time).toMinutes(), step);
    }

    private static LocalTime floor(LocalTime time, int step) {
        int minutes = time.toSecondOfDay() / 60;
        return LocalTime.ofSecondOfDay((long) (minutes - minutes % step) * 60);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
