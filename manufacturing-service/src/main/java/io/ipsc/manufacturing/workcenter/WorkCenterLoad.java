package io.ipsc.manufacturing.workcenter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Scheduled hours against capacity, day by day, for one work center. */
public record WorkCenterLoad(long workCenterId, String name, BigDecimal capacityHours, LocalDate from, LocalDate to, List<Day> days) {

    /** {@code utilization} is scheduled / capacity in percent; above 100 the day is overloaded. */
    public record Day(LocalDate date, BigDecimal scheduledHours, BigDecimal capacityHours, BigDecimal utilization, boolean overloaded) {
    }
}
