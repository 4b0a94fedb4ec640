package io.ipsc.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TenantSlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"smile-dental", "precision-mfg", "abc-trading", "a1b", "abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefgh"})
    void acceptsTheSeedsSlugs(String slug) {
        assertNull(TenantSlug.problem(slug));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Smile", "-smile", "smile-", "smi--le", "smile_dental", "smile dental", "api", "www", "admin",
            "ünïcode", "a'; drop database x; --"})
    void refusesAnythingElse(String slug) {
        assertNotNull(TenantSlug.problem(slug));
    }

    @Test
    void refusesSlugsLongerThan63() {
        assertNotNull(TenantSlug.problem("a".repeat(64)));
    }

    @Test
    void buildsDatabaseNamesOnlyFromValidSlugs() {
        assertEquals("tenant_smile_dental_invoicing", TenantSlug.databaseName("tenant_", "smile-dental", "invoicing"));
        assertThrows(IllegalArgumentException.class, () -> TenantSlug.databaseName("tenant_", "Bad\"Slug", "invoicing"));
        // PostgreSQL would silently truncate past 63 bytes; two tenants could then share a name.
        assertThrows(IllegalArgumentException.class, () -> TenantSlug.databaseName("tenant_", "a".repeat(60), "manufacturing"));
    }
}
