package io.ipsc.tenancy.db.pool;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the tenant databases live and how many connections one service instance may hold to them:
 * at most {@code maxOpenPools × maxSizePerTenant}, however many tenants there are.
 *
 * @param host PostgreSQL host of the tenant databases
 * @param port its port
 * @param user the role every tenant pool connects as
 * @param password that role's password
 * @param maxSizePerTenant connections in one tenant's pool
 * @param maxOpenPools tenant pools open at once in this instance
 * @param idleTimeout how long a pool (and a connection inside one) may sit unused before it is closed
 */
public record PoolSettings(String host, int port, String user, String password,
                           int maxSizePerTenant, int maxOpenPools, Duration idleTimeout) {

    public static final String HOST = "ipsc.pg.host";
    public static final String PORT = "ipsc.pg.port";
    public static final String USER = "ipsc.pg.user";
    public static final String PASSWORD = "ipsc.pg.password";
    public static final String MAX_SIZE_PER_TENANT = "ipsc.pool.max-size-per-tenant";
    public static final String MAX_OPEN_POOLS = "ipsc.pool.max-open-pools";
    public static final String IDLE_TIMEOUT = "ipsc.pool.idle-timeout";
    /**
     * 8, not 4: with 4, one tenant's 32 concurrent requests queued for a connection while PostgreSQL sat idle between
     * round trips (issue 19: the list straight to invoicing did 12,100 req/s with 4, 14,000 with 8; BENCHMARKS.md).
     * A Kubernetes deployment sets its own, sized against its clusters' {@code max_connections}.
     */
    static final int DEFAULT_MAX_SIZE_PER_TENANT = 8;

    public PoolSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException(HOST + " must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PORT + " must be between 1 and 65535, not " + port);
        }
        if (maxSizePerTenant < 1) {
            throw new IllegalArgumentException(MAX_SIZE_PER_TENANT + " must be at least 1, not " + maxSizePerTenant);
        }
        if (maxOpenPools < 1) {
            throw new IllegalArgumentException(MAX_OPEN_POOLS + " must be at least 1, not " + maxOpenPools);
        }
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException(IDLE_TIMEOUT + " must be positive, not " + idleTimeout);
        }
    }

    /**
     * Reads the settings from MicroProfile Config. Plain keys rather than a {@code @ConfigMapping}:
     * a service may already map the {@code ipsc} prefix, and two mappings of one prefix clash.
     */
    public static PoolSettings fromConfig() {
        return from(ConfigProvider.getConfig());
    }

    static PoolSettings from(Config config) {
        return new PoolSettings(
                config.getOptionalValue(HOST, String.class).orElse("127.0.0.1"),
                config.getOptionalValue(PORT, Integer.class).orElse(15432),
                config.getOptionalValue(USER, String.class).orElse("postgres"),
                config.getOptionalValue(PASSWORD, String.class).orElse("postgres"),
                config.getOptionalValue(MAX_SIZE_PER_TENANT, Integer.class).orElse(DEFAULT_MAX_SIZE_PER_TENANT),
                config.getOptionalValue(MAX_OPEN_POOLS, Integer.class).orElse(20),
                config.getOptionalValue(IDLE_TIMEOUT, String.class).map(PoolSettings::parseDuration)
                        .orElse(Duration.ofSeconds(60)));
    }

    /** The most connections this instance may hold to the tenant databases. */
    public int maxConnections() {
        return maxOpenPools * maxSizePerTenant;
    }

    /**
     * Accepts ISO-8601 ({@code PT60S}) as well as the shorter forms Quarkus users write elsewhere
     * ({@code 60s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds), since plain
     * MicroProfile Config knows only the former.
     */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value);
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            return Duration.parse("PT" + value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(IDLE_TIMEOUT + " is not a duration such as PT60S or 60s: " + text);
        }
    }

    /** Keeps the password out of logs and exception messages. */
    @Override
    public String toString() {
        return "PoolSettings[host=" + host + ", port=" + port + ", user=" + user
                + ", maxSizePerTenant=" + maxSizePerTenant + ", maxOpenPools=" + maxOpenPools
                + ", idleTimeout=" + idleTimeout + "]";
    }
}
