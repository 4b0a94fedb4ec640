package io.ipsc.web.factory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.client.model.ScheduledOperation;
import io.ipsc.web.format.IndianFormats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An order's operations on a Gantt-style chart, one bar per operation from its planned first day to its last,
 * grouped by work center: drawn by {@code static/factory.js} from the {@code data-gantt} attribute. The days are
 * manufacturing-service's schedule (set when the order is released); here they only become offsets from the
 * first day, so the bars line up. {@code rows} is the same schedule as a table for reading without the chart.
 */
public record Gantt(List<String> days, List<Bar> bars) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: where (work center), what, from which day to which (offsets into {@code days}), how long. */
    public record Bar(String workCenter, String operation, int from, int to, String start, String end, String minutes) {
    }

    static Gantt of(List<ScheduledOperation> operations, Map<Long, String> workCenters) {
        List<ScheduledOperation> planned = (operations == null ? List.<ScheduledOperation>of() : operations).stream()
                .filter(o -> o.getPlannedStart() != null && o.getPlannedEnd() != null)
                .sorted(Comparator.comparing((ScheduledOperation o) -> workCenterName(o, workCenters))
                        .thenComparing(o -> o.getSequence() == null ? 0 : o.getSequence()))
                .toList();
        if (planned.isEmpty()) {
            return new Gantt(List.of(), List.of());
        }
        LocalDate first = planned.stream().map(ScheduledOperation::getPlannedStart).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = planned.stream().map(ScheduledOperation::getPlannedEnd).max(Comparator.naturalOrder()).orElseThrow();
        List<String> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(IndianFormats.date(d));
        }
        List<Bar> bars = planned.stream().map(o -> new Bar(workCenterName(o, workCenters),
                Objects.toString(o.getSequence(), "") + " " + Objects.toString(o.getName(), ""),
                (int) ChronoUnit.DAYS.between(first, o.getPlannedStart()), (int) ChronoUnit.DAYS.between(first, o.getPlannedEnd()),
                IndianFormats.date(o.getPlannedStart()), IndianFormats.date(o.getPlannedEnd()), FactoryForms.plain(o.getDurationMinutes())))
                .toList();
        return new Gantt(List.copyOf(days), bars);
    }

    public boolean empty() {
        return bars.isEmpty();
    }

    /** The first and last planned day (ISO), for the work centers' load over the same days. */
    static String[] span(List<ScheduledOperation> operations) {
        LocalDate from = null;
        LocalDate to = null;
        for (ScheduledOperation o : operations == null ? List.<ScheduledOperation>of() : operations) {
            if (o.getPlannedStart() != null && (from == null || o.getPlannedStart().isBefore(from))) {
                from = o.getPlannedStart();
            }
            if (o.getPlannedEnd() != null && (to == null || o.getPlannedEnd().isAfter(to))) {
                to = o.getPlannedEnd();
            }
        }
        return from == null || to == null ? null : new String[] {from.toString(), to.toString()};
    }

    /** The {@code data-gantt} attribute: {"days": [...], "bars": [{"label", "from", "to", "minutes"}]}. */
    public String json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Bar b : bars) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", b.workCenter() + " · " + b.operation());
            row.put("from", b.from());
            row.put("to", b.to());
            row.put("minutes", b.minutes());
            rows.add(row);
        }
        try {
            return JSON.writeValueAsString(Map.of("days", days, "bars", rows));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and numbers are always JSON", e);
        }
    }

    private static String workCenterName(ScheduledOperation o, Map<Long, String> workCenters) {
        return o.getWorkCenterId() == null ? "—" : workCenters.getOrDefault(o.getWorkCenterId(), "Work center #" + o.getWorkCenterId());
    }
}
