package io.ipsc.manufacturing.order;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A production order's life: planned → released → in_progress → completed, or cancelled before completion. */
public enum OrderStatus {
    PLANNED, RELEASED, IN_PROGRESS, COMPLETED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderStatus parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** The statuses this one may move to; completed and cancelled are final. */
    public Set<OrderStatus> next() {
        return switch (this) {
            case PLANNED -> EnumSet.of(RELEASED, CANCELLED);
            case RELEASED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canMoveTo(OrderStatus target) {
        return next().contains(target);
    }
}
