package io.ipsc.branding.status;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which look each tenant uses, as far as this process has seen: every read or write of a tenant's
 * branding records its source here. The tenant directory has no listing, and asking every tenant
 * database at once would open a pool per tenant, so the status endpoint counts from this summary;
 * each tenant's own database stays the record.
 */
@ApplicationScoped
public class BrandingUsage {

    private final Map<String, String> sourceByTenant = new ConcurrentHashMap<>();

    public void record(String slug, String source) {
        sourceByTenant.put(slug, source);
    }

    public int seen() {
        return sourceByTenant.size();
    }

    /** How many seen tenants use each source ({@code default}, {@code custom}, {@code template:<name>}). */
    public Map<String, Integer> countsBySource() {
        Map<String, Integer> counts = new TreeMap<>();
        sourceByTenant.values().forEach(source -> counts.merge(source, 1, Integer::sum));
        return counts;
    }
}
