package io.ipsc.tenant.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * The lockout: {@code IPSC_SIGN_IN_MAX_FAILED_ATTEMPTS} wrong passwords in a row lock the account for
 * {@code IPSC_SIGN_IN_LOCK_DURATION} (ISO-8601), which slows guessing without letting anyone lock a
 * user out for long.
 */
@ConfigMapping(prefix = "ipsc.sign-in")
public interface SignInSettings {

    @WithName("max-failed-attempts")
    @WithDefault("5")
    int maxFailedAttempts();

    @WithName("lock-duration")
    @WithDefault("PT15M")
    Duration lockDuration();
}
