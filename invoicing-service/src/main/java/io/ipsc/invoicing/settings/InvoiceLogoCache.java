package io.ipsc.invoicing.settings;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each tenant's logo in its print form, held in memory so that a PDF neither decodes the image nor reads
 * its bytes from the database again. An entry is kept with the ETag it was read under and used only for
 * that ETag: a logo changed through another instance of the service is read afresh, and a change here
 * drops the entry at once. At most {@link #MAX_TENANTS} tenants (least recently used out), each entry
 * a few hundred KB at most.
 */
@ApplicationScoped
public class InvoiceLogoCache {

    static final int MAX_TENANTS = 128;

    private record Entry(String etag, LogoImage.Print print) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_TENANTS;
        }
    };

    /** The tenant's logo as printed under this ETag, or null when not held. */
    public synchronized LogoImage.Print get(String tenant, String etag) {
        Entry entry = entries.get(tenant);
        return entry != null && entry.etag().equals(etag) ? entry.print() : null;
    }

    public synchronized void put(String tenant, String etag, LogoImage.Print print) {
        entries.put(tenant, new Entry(etag, print));
    }

    public synchronized void forget(String tenant) {
        entries.remove(tenant);
    }
}
