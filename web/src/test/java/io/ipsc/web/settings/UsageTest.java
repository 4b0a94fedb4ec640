package io.ipsc.web.settings;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The usage answer of tenant-service read into bars, as the usage page shows them. */
class UsageTest {

    private static Map<String, Object> measure(Object used, Object limit, Object percent) {
        Map<String, Object> m = new HashMap<>();
        m.put("used", used);
        m.put("limit", limit);
        m.put("percent", percent);
        return m;
    }

    @Test
    void eachMeasuredFigureIsABarAgainstItsLimitWithTheWarningAt80Percent() {
        Map<String, Object> data = new HashMap<>();
        data.put("plan", "basic");
        data.put("month", "2024-01");
        data.put("users", measure(4, 5, new BigDecimal("80.0")));
        data.put("products", measure(10, 100, new BigDecimal("10.0")));
        data.put("transactions_this_month", measure(7, null, null));
        data.put("databases", Map.of("invoicing", Map.of("size_bytes", 8_000_000), "total_bytes", 9_437_184L));

        Usage usage = Usage.of(data, List.of("users: 4 of 5 (80.0 % of the plan's limit)"));

        assertEquals("basic", usage.plan());
        assertEquals(List.of("users", "products", "transactions_this_month"), usage.bars().stream().map(Usage.Bar::key).toList());
        Usage.Bar users = usage.bars().get(0);
        assertEquals("4 of 5", users.text());
        assertTrue(users.warn(), "80 % is a warning");
        assertFalse(users.full());
        assertEquals(5, users.max());
        assertEquals(4.0, users.high());
        Usage.Bar products = usage.bars().get(1);
        assertFalse(products.warn());
        Usage.Bar transactions = usage.bars().get(2);
        assertEquals("7 (no limit)", transactions.text());
        assertFalse(transactions.warn(), "no limit, no warning");
        assertEquals("9.0 MB", usage.storage());
        assertEquals(1, usage.warnings().size());
    }

    @Test
    void aFigureTheApiCouldNotMeasureIsLeftOutAndAFullOneIsMarked() {
        Map<String, Object> data = new HashMap<>();
        data.put("users", measure(5, 5, null));
        data.put("products", measure(null, 100, null));

        Usage usage = Usage.of(data, null);

        assertEquals(1, usage.bars().size(), "products were not measured (invoicing did not answer)");
        Usage.Bar users = usage.bars().get(0);
        assertEquals(100.0, users.percent(), "computed when the API sends no percent");
        assertTrue(users.full() && users.warn());
        assertNull(usage.storage());
        assertTrue(usage.warnings().isEmpty());
    }

    @Test
    void sizesReadAsPeopleReadThem() {
        assertEquals("512 bytes", Usage.bytes(512));
        assertEquals("1.0 KB", Usage.bytes(1024));
        assertEquals("1.5 GB", Usage.bytes(1024L * 1024 * 1024 * 3 / 2));
    }
}
