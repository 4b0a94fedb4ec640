package io.ipsc.manufacturing.order;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays an order's operations out day by day from its start date: one after another, each using its
 * work center's daily capacity, the next starting where the previous one ended.
 *
 * <p>This is infinite loading: other orders on the same work center are not pushed aside. The
 * load report then shows where a day is overloaded, and the planner decides which order moves —
 * a decision the scheduler has no business making on its own.
 */
public final class OperationScheduler {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private OperationScheduler() {
    }

    public record Step(int sequence, long workCenterId, BigDecimal capacityHoursPerDay, BigDecimal durationMinutes) {
    }

    /** Where a step landed: its first and last day, and the minutes it takes on each day. */
    public record Slot(Step step, LocalDate start, LocalDate end, Map<LocalDate, BigDecimal> minutesByDay) {
    }

    public static List<Slot> schedule(LocalDate startDate, List<Step> steps) {
        List<Slot> slots = new ArrayList<>();
        LocalDate day = startDate;
        BigDecimal usedToday = BigDecimal.ZERO;
        for (Step step : steps) {
            BigDecimal capacity = step.capacityHoursPerDay().multiply(SIXTY);
            BigDecimal used = usedToday.min(capacity);
            if (used.compareTo(capacity) >= 0 && step.durationMinutes().signum() > 0) {
                day = day.plusDays(1);
                used = BigDecimal.ZERO;
            }
            LocalDate start = day;
            BigDecimal remaining = step.durationMinutes();
            Map<LocalDate, BigDecimal> minutes = new LinkedHashMap<>();
            while (remaining.signum() > 0) {
                BigDecimal take = capacity.subtract(used).min(remaining);
                minutes.merge(day, take, BigDecimal::add);
                remaining = remaining.subtract(take);
                used = used.add(take);
                if (remaining.signum() > 0) {
                    day = day.plusDays(1);
                    used = BigDecimal.ZERO;
                }
            }
            slots.add(new Slot(step, start, day, minutes));
            usedToday = used;
        }
        return slots;
    }
}
