package io.ipsc.gateway.performance;

import io.ipsc.gateway.routing.Module;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * Each tenant's requests as the gateway answered them — count, errors and latency per module, for
 * the last hour by the minute — behind {@code GET /api/tenants/{slug}/performance}. Every request
 * of the suite passes here, so this is the suite's own measurement without asking any service.
 *
 * <p>Bounded like the tenant-labelled metrics: at most {@code ipsc.metrics.max-tenants} tenants are
 * followed at once, and a tenant quiet for an hour is forgotten. Figures are this gateway
 * instance's; with several replicas, each answers for the requests it served (Prometheus, which
 * scrapes them all, has the sum).
 */
@Singleton
public class TenantPerformance {

    private static final int[] WINDOWS_MINUTES = {5, 60};
    private static final long SWEEP_MILLIS = 60_000;

    private final Map<String, AtomicReferenceArray<RequestSeries>> tenants = new ConcurrentHashMap<>();
    private final int maxTenants;
    private final LongSupplier clockMillis;
    private final Vertx vertx;
    private final long sweepTimer;

    @Inject
    public TenantPerformance(Vertx vertx, @ConfigProperty(name = "ipsc.metrics.max-tenants", defaultValue = "1000") int maxTenants) {
        this(vertx, maxTenants, System::currentTimeMillis);
    }

    TenantPerformance(Vertx vertx, int maxTenants, LongSupplier clockMillis) {
        this.vertx = vertx;
        this.maxTenants = maxTenants;
        this.clockMillis = clockMillis;
        this.sweepTimer = vertx == null ? -1 : vertx.setPeriodic(SWEEP_MILLIS, id -> forgetQuietTenants());
    }

    /** Notes one answered request; {@code nanos} from its arrival to the answer's status line. */
    public void record(String tenant, Module module, int status, long nanos) {
        AtomicReferenceArray<RequestSeries> modules = tenants.get(tenant);
        if (modules == null) {
            if (tenants.size() >= maxTenants) {
                return;
            }
            modules = tenants.computeIfAbsent(tenant, t -> new AtomicReferenceArray<>(Module.values().length));
        }
        RequestSeries series = modules.get(module.ordinal());
        if (series == null) {
            modules.compareAndSet(module.ordinal(), null, new RequestSeries());
            series = modules.get(module.ordinal());
        }
        series.record(minuteNow(), status, nanos);
    }

    /**
     * For each window (last 5 and 60 minutes, the current minute included): the tenant's totals and
     * each module it used. Keys are snake_case for the envelope.
     */
    public Map<String, Object> figures(String tenant) {
        long now = minuteNow();
        AtomicReferenceArray<RequestSeries> modules = tenants.get(tenant);
        Map<String, Object> windows = new LinkedHashMap<>();
        for (int minutes : WINDOWS_MINUTES) {
            RequestSeries.Accumulator total = new RequestSeries.Accumulator();
            Map<String, WindowFigures> perModule = new LinkedHashMap<>();
            if (modules != null) {
                for (Module module : Module.values()) {
                    RequestSeries series = modules.get(module.ordinal());
                    if (series == null) {
                        continue;
                    }
                    RequestSeries.Accumulator one = new RequestSeries.Accumulator();
                    series.addTo(one, now, minutes);
                    WindowFigures figures = one.figures();
                    if (figures.requests() > 0) {
                        perModule.put(module.id(), figures);
                        total.add(one);
                    }
                }
            }
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("total", total.figures());
            window.put("modules", perModule);
            windows.put("last_" + minutes + "_minutes", window);
        }
        return windows;
    }

    void forgetQuietTenants() {
        long now = minuteNow();
        tenants.entrySet().removeIf(entry -> {
            AtomicReferenceArray<RequestSeries> modules = entry.getValue();
            for (int i = 0; i < modules.length(); i++) {
                RequestSeries series = modules.get(i);
                if (series != null && !series.staleAt(now)) {
                    return false;
                }
            }
            return true;
        });
    }

    int followedTenants() {
        return tenants.size();
    }

    private long minuteNow() {
        return clockMillis.getAsLong() / 60_000;
    }

    @PreDestroy
    void stop() {
        if (vertx != null && sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }
}
