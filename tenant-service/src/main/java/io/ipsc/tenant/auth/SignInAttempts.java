package io.ipsc.tenant.auth;

import io.ipsc.tenancy.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * The lockout's bookkeeping on {@code users}. An attempt is counted, and the lock decided, in one
 * statement that holds the user's row, before any password is compared: of any number of parallel
 * attempts at most {@link SignInSettings#maxFailedAttempts()} get to compare a password, the one that
 * reaches the threshold sets the lock, and the others are refused without a comparison.
 */
@ApplicationScoped
public class SignInAttempts {

    /**
     * {@code $1} picks the user; {@code $2} now, {@code $3} the threshold, {@code $4} the end of a
     * new lock. A lock that has run out starts the count afresh. A refused attempt still advances
     * {@code sign_in_attempts}, so that it, too, keeps a concurrent success from clearing the count.
     */
    private static final String RESERVE = """
            WITH attempt AS (
                SELECT id, locked_until IS NOT NULL AND locked_until > $2 AS refused,
                       CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END AS failures
                FROM users WHERE %s FOR UPDATE
            )
            UPDATE users u SET sign_in_attempts = u.sign_in_attempts + 1,
                failed_logins = CASE WHEN a.refused THEN u.failed_logins ELSE a.failures END,
                locked_until = CASE WHEN a.refused THEN u.locked_until WHEN a.failures >= $3 THEN $4 ELSE NULL END
            FROM attempt a WHERE u.id = a.id
            RETURNING u.id, a.refused, u.sign_in_attempts, u.locked_until, u.password_hash, u.active, u.email""";
    private static final String RESERVE_BY_EMAIL = RESERVE.formatted("lower(email) = $1");
    private static final String RESERVE_BY_ID = RESERVE.formatted("id = $1");

    /**
     * One counted or refused attempt. {@code passwordHash} is what to compare against; {@code sequence}
     * is this attempt's place among all attempts on the account.
     */
    public record Attempt(long userId, String email, boolean refused, long sequence, Instant lockedUntil,
                          String passwordHash, boolean active) {
    }

    private final Pool pool;
    private final SignInSettings settings;

    public SignInAttempts(Pool pool, SignInSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /** Empty when no account has this e-mail. */
    public Uni<Optional<Attempt>> reserve(String email) {
        return reserve(RESERVE_BY_EMAIL, email.trim().toLowerCase(Locale.ROOT));
    }

    public Uni<Optional<Attempt>> reserve(long userId) {
        return reserve(RESERVE_BY_ID, userId);
    }

    private Uni<Optional<Attempt>> reserve(String sql, Object user) {
        Instant now = Timestamps.now();
        return pool.preparedQuery(sql)
                .execute(Tuple.of(user, utc(now), settings.maxFailedAttempts(), utc(now.plus(settings.lockDuration()))))
                .map(SignInAttempts::attempt);
    }

    /**
     * After a correct password: the failures and any lock are cleared, unless another attempt came
     * after this one (a burst in progress keeps what it counted).
     */
    public Uni<Void> clearAfter(Attempt attempt) {
        return pool.preparedQuery("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND sign_in_attempts = $2")
                .execute(Tuple.of(attempt.userId(), attempt.sequence())).replaceWithVoid();
    }

    private static Optional<Attempt> attempt(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        OffsetDateTime lockedUntil = row.getOffsetDateTime("locked_until");
        return Optional.of(new Attempt(row.getLong("id"), row.getString("email"), row.getBoolean("refused"),
                row.getLong("sign_in_attempts"), lockedUntil == null ? null : lockedUntil.toInstant(),
                row.getString("password_hash"), row.getBoolean("active")));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
