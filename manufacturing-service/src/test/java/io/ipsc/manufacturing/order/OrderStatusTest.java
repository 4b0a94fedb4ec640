package io.ipsc.manufacturing.order;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderStatusTest {

    @Test
    void transitionsFollowTheLifeOfAnOrder() {
        assertTrue(OrderStatus.PLANNED.canMoveTo(OrderStatus.RELEASED));
        assertTrue(OrderStatus.RELEASED.canMoveTo(OrderStatus.IN_PROGRESS));
        assertTrue(OrderStatus.IN_PROGRESS.canMoveTo(OrderStatus.COMPLETED));
        assertTrue(OrderStatus.IN_PROGRESS.canMoveTo(OrderStatus.CANCELLED));
        assertFalse(OrderStatus.PLANNED.canMoveTo(OrderStatus.COMPLETED));
        assertFalse(OrderStatus.RELEASED.canMoveTo(OrderStatus.COMPLETED));
        assertFalse(OrderStatus.COMPLETED.canMoveTo(OrderStatus.CANCELLED));
        assertFalse(OrderStatus.COMPLETED.canMoveTo(OrderStatus.COMPLETED));
        assertFalse(OrderStatus.CANCELLED.canMoveTo(OrderStatus.RELEASED));
    }
}
