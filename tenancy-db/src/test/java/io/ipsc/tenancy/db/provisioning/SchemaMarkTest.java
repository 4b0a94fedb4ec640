package io.ipsc.tenancy.db.provisioning;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a database's mark lets a start-up skip connecting to it, and when it does not. */
class SchemaMarkTest {

    private static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    void aMarkOfTheTemplatesVersionWrittenThisMonthOrLastIsCurrent() {
        assertTrue(SchemaMark.current(SchemaMark.of("7", NOW), "7", NOW));
        assertTrue(SchemaMark.current(SchemaMark.of("7", NOW.minusMonths(1)), "7", NOW));
    }

    @Test
    void anOlderVersionAnOlderTrailAnOldCheckOrNoMarkAtAllMeansTheDatabaseIsRead() {
        assertFalse(SchemaMark.current(SchemaMark.of("6", NOW), "7", NOW), "another schema version");
        assertFalse(SchemaMark.current(SchemaMark.of("7", NOW).replace("audit trail v", "audit trail v0"), "7", NOW),
                "another audit trail");
        // Two months on, the audit partitions ensured at the check may be running out: read it, which ensures them.
        assertFalse(SchemaMark.current(SchemaMark.of("7", NOW.minusMonths(2)), "7", NOW));
        assertFalse(SchemaMark.current(SchemaMark.of("7", NOW.plusMonths(1)), "7", NOW), "a check from the future");
        assertFalse(SchemaMark.current(null, "7", NOW));
        assertFalse(SchemaMark.current("a comment an operator wrote", "7", NOW));
        assertFalse(SchemaMark.current(SchemaMark.of("7", NOW), null, NOW));
    }
}
