package io.ipsc.tenancy.db.provisioning;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a tenant's convergence spends its time, step by step ({@code copy}: the database from the template,
 * {@code identity}: the first connection to the copy and its {@code ipsc_tenant} row, {@code migrate}: Flyway,
 * {@code report}: the report until the broker acknowledged it): a timer per step,
 * {@code ipsc_provisioning_step_seconds{step}} (no tenant tag: the instance-wide picture is what a bench or an
 * operator compares), and one debug line per tenant. {@code ./ipsc bench provisioning} prints each step's mean from
 * the services' {@code /q/metrics}.
 */
@Singleton
public class ProvisioningSteps {

    public static final String STEP_SECONDS = "ipsc_provisioning_step_seconds";
    private static final Logger LOG = Logger.getLogger(ProvisioningSteps.class);

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public ProvisioningSteps(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Starts timing one convergence of {@code tenant}'s database. */
    public Laps start(String tenant) {
        return new Laps(tenant);
    }

    private Timer timer(String step) {
        return timers.computeIfAbsent(step, s -> Timer.builder(STEP_SECONDS)
                .description("Time a step of converging a tenant's database took (copy, identity, migrate, report)")
                .tag("step", s)
                .register(registry));
    }

    /** One convergence: each {@link #lap} records the time since the previous one under its step. */
    public final class Laps {

        private final String tenant;
        private final long started = System.nanoTime();
        private final StringBuilder line = new StringBuilder();
        private long last = started;

        private Laps(String tenant) {
            this.tenant = tenant;
        }

        /** Records the time since the last lap (or the start) as {@code step}. */
        public void lap(String step) {
            long now = System.nanoTime();
            timer(step).record(now - last, TimeUnit.NANOSECONDS);
            line.append(' ').append(step).append(' ').append(TimeUnit.NANOSECONDS.toMillis(now - last)).append(" ms,");
            last = now;
        }

        /** Logs the steps at debug, once the convergence is done. */
        public void done() {
            if (LOG.isDebugEnabled()) {
                LOG.debugf("Converged %s in %d ms:%s", tenant, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        line.length() == 0 ? " nothing to do" : line.substring(0, line.length() - 1));
            }
        }
    }
}
