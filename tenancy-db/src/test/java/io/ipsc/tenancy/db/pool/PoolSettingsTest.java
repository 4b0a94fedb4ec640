package io.ipsc.tenancy.db.pool;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoolSettingsTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 100)).build();
    }

    @Test
    void defaultsMatchTheLocalStack() {
        PoolSettings settings = PoolSettings.from(config(Map.of()));

        assertEquals(new PoolSettings("127.0.0.1", 15432, "postgres", "postgres", 8, 20, Duration.ofSeconds(60)),
                settings);
        assertEquals(160, settings.maxConnections());
    }

    @Test
    void readsEveryKey() {
        PoolSettings settings = PoolSettings.from(config(Map.of(
                "ipsc.pg.host", "db.internal",
                "ipsc.pg.port", "5433",
                "ipsc.pg.user", "invoicing",
                "ipsc.pg.password", "s3cret",
                "ipsc.pool.max-size-per-tenant", "2",
                "ipsc.pool.max-open-pools", "50",
                "ipsc.pool.idle-timeout", "PT2M")));

        assertEquals(new PoolSettings("db.internal", 5433, "invoicing", "s3cret", 2, 50, Duration.ofMinutes(2)),
                settings);
    }

    @Test
    void acceptsTheShortDurationFormsQuarkusUsersWrite() {
        assertEquals(Duration.ofSeconds(30), PoolSettings.parseDuration("30s"));
        assertEquals(Duration.ofMillis(500), PoolSettings.parseDuration("500ms"));
        assertEquals(Duration.ofMinutes(5), PoolSettings.parseDuration("5m"));
        assertEquals(Duration.ofSeconds(45), PoolSettings.parseDuration("45"));
        assertEquals(Duration.ofSeconds(60), PoolSettings.parseDuration("PT60S"));
        assertThrows(IllegalArgumentException.class, () -> PoolSettings.parseDuration("soon"));
    }

    @Test
    void refusesSettingsThatCannotBoundConnections() {
        assertThrows(IllegalArgumentException.class,
                () -> new PoolSettings("h", 5432, "u", "p", 0, 20, Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class,
                () -> new PoolSettings("h", 5432, "u", "p", 4, 0, Duration.ofSeconds(60)));
        assertThrows(IllegalArgumentException.class,
                () -> new PoolSettings("h", 5432, "u", "p", 4, 20, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new PoolSettings("h", 0, "u", "p", 4, 20, Duration.ofSeconds(60)));
    }

    @Test
    void toStringLeavesThePasswordOut() {
        PoolSettings settings = new PoolSettings("h", 5432, "u", "hunter2", 4, 20, Duration.ofSeconds(60));

        assertFalse(settings.toString().contains("hunter2"));
    }
}
