package io.ipsc.manufacturing.bom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** How long an operation takes: setup once, then each unit, slowed by the work center's efficiency. */
public final class OperationTime {

    private OperationTime() {
    }

    /** Minutes = setup + quantity × minutes per unit / efficiency, rounded to hundredths of a minute. */
    public static BigDecimal minutes(BigDecimal setupMinutes, BigDecimal quantity, BigDecimal minutesPerUnit, BigDecimal efficiency) {
        BigDecimal running = quantity.multiply(minutesPerUnit).divide(efficiency, MathContext.DECIMAL64);
        return setupMinutes.add(running).setScale(2, RoundingMode.HALF_UP);
    }
}
