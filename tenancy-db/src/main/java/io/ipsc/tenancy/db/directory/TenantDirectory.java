package io.ipsc.tenancy.db.directory;

import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every tenant this service has heard of, in memory, fed by the lifecycle events: the request guard
 * answers from here without a query, and the provisioner keeps it current.
 */
@Singleton
public class TenantDirectory {

    private final Map<String, TenantEntry> entries = new ConcurrentHashMap<>();

    public Optional<TenantEntry> find(String slug) {
        return Optional.ofNullable(entries.get(slug));
    }

    public void put(TenantEntry entry) {
        entries.put(entry.snapshot().slug(), entry);
    }

    /** Every tenant known here, in no particular order. */
    public java.util.Collection<TenantEntry> all() {
        return java.util.List.copyOf(entries.values());
    }

    public int size() {
        return entries.size();
    }

    public Map<TenantState, Integer> countsByState() {
        Map<TenantState, Integer> counts = new EnumMap<>(TenantState.class);
        entries.values().forEach(e -> counts.merge(e.state(), 1, Integer::sum));
        return counts;
    }
}
