package io.ipsc.web.setup;

import io.ipsc.client.ApiException;
import io.ipsc.client.model.SignupSettings;
import io.ipsc.web.gateway.Gateway;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether tenant-service has self-service sign-up on ({@code IPSC_SELF_SERVICE_SIGNUP}): the web shows
 * the way to it only then. Asked at most once a minute: the answer is an operator's setting, and the
 * gateway counts {@code /api/signup} against the address's sign-in allowance (all of the web app's).
 */
@ApplicationScoped
public class SignUpAvailability {

    private static final Logger LOG = Logger.getLogger(SignUpAvailability.class);
    private static final Duration KEEP = Duration.ofMinutes(1);

    private final Gateway gateway;
    private volatile boolean open;
    private volatile Instant askedAt = Instant.EPOCH;

    SignUpAvailability(Gateway gateway) {
        this.gateway = gateway;
    }

    public boolean open() {
        if (Instant.now().isAfter(askedAt.plus(KEEP))) {
            try {
                SignupSettings settings = gateway.signUp().getSignupSettings(Gateway.anonymous()).getData();
                open = settings != null && Boolean.TRUE.equals(settings.getEnabled());
            } catch (ApiException e) {
                // Unknown is closed: a link to a refused form helps nobody. Asked again after a minute.
                LOG.debugf("self-service sign-up settings not read: the gateway answered %d", e.getCode());
                open = false;
            }
            askedAt = Instant.now();
        }
        return open;
    }
}
