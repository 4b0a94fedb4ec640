package io.ipsc.manufacturing.order;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OperationSchedulerTest {

    private static final LocalDate MONDAY = LocalDate.parse("2024-01-15");

    @Test
    void operationsFollowEachOtherAndFillEachDaysCapacity() {
        List<OperationScheduler.Slot> slots = OperationScheduler.schedule(MONDAY, List.of(
                new OperationScheduler.Step(10, 1, new BigDecimal("8"), new BigDecimal("600")),
                new OperationScheduler.Step(20, 2, new BigDecimal("8"), new BigDecimal("400"))));

        assertEquals(MONDAY, slots.get(0).start());
        assertEquals(MONDAY.plusDays(1), slots.get(0).end());
        assertEquals(Map.of(MONDAY, new BigDecimal("480"), MONDAY.plusDays(1), new BigDecimal("120")), slots.get(0).minutesByDay());
        assertEquals(MONDAY.plusDays(1), slots.get(1).start());
        assertEquals(MONDAY.plusDays(2), slots.get(1).end());
        assertEquals(Map.of(MONDAY.plusDays(1), new BigDecimal("360"), MONDAY.plusDays(2), new BigDecimal("40")), slots.get(1).minutesByDay());
    }

    @Test
    void aStepStartsNextDayWhenThePreviousFilledTheDay() {
        List<OperationScheduler.Slot> slots = OperationScheduler.schedule(MONDAY, List.of(
                new OperationScheduler.Step(10, 1, new BigDecimal("8"), new BigDecimal("480")),
                new OperationScheduler.Step(20, 1, new BigDecimal("8"), new BigDecimal("60"))));
        assertEquals(MONDAY.plusDays(1), slots.get(1).start());
        assertEquals(Map.of(MONDAY.plusDays(1), new BigDecimal("60")), slots.get(1).minutesByDay());
    }
}
