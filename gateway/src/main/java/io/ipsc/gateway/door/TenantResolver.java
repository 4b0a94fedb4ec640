package io.ipsc.gateway.door;

import io.ipsc.tenancy.TenantSlug;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the tenant a request is for (design §3), from an ordered list of sources: the URL path
 * ({@code /api/tenants/{slug}/…}), the {@code X-Tenant-ID} header, the host's subdomain
 * ({@code {slug}.localhost}, {@code {slug}.<IPSC_BASE_DOMAIN>}); with multi-tenancy off, always the
 * default tenant. Sources that name different tenants are a conflict, never a silent choice.
 */
@Singleton
public class TenantResolver {

    /** The outcome: a slug (and which source gave it), nothing, or a conflict to refuse. */
    public record Resolution(String slug, String source, String conflict) {

        static Resolution none() {
            return new Resolution(null, null, null);
        }

        public boolean isConflict() {
            return conflict != null;
        }

        public Optional<String> tenant() {
            return Optional.ofNullable(slug);
        }
    }

    private record Candidate(String source, String slug) {
    }

    private final boolean multiTenant;
    private final String defaultSlug;
    private final List<String> hostSuffixes;

    public TenantResolver(@ConfigProperty(name = "ipsc.multi-tenant-enabled", defaultValue = "true") boolean multiTenant,
                          @ConfigProperty(name = "ipsc.default-tenant-slug", defaultValue = "default") String defaultSlug,
                          @ConfigProperty(name = "ipsc.base-domain") Optional<String> baseDomain) {
        this.multiTenant = multiTenant;
        this.defaultSlug = defaultSlug;
        List<String> suffixes = new ArrayList<>();
        suffixes.add(".localhost");
        baseDomain.filter(d -> !d.isBlank()).ifPresent(d -> suffixes.add("." + d.trim().toLowerCase(Locale.ROOT)));
        this.hostSuffixes = List.copyOf(suffixes);
    }

    public boolean multiTenant() {
        return multiTenant;
    }

    public String defaultSlug() {
        return defaultSlug;
    }

    /** Every {@code X-Tenant-ID} the request carries counts: two that name different tenants are a mismatch. */
    public Resolution resolve(String pathTenant, List<String> headerTenants, String host) {
        List<Candidate> candidates = new ArrayList<>(3);
        if (pathTenant != null) {
            candidates.add(new Candidate("path", pathTenant));
        }
        for (String headerTenant : headerTenants) {
            if (headerTenant != null && !headerTenant.isBlank()) {
                candidates.add(new Candidate("X-Tenant-ID header", headerTenant.trim()));
            }
        }
        subdomain(host).ifPresent(slug -> candidates.add(new Candidate("subdomain", slug)));
        if (!multiTenant) {
            candidates.add(0, new Candidate("DEFAULT_TENANT_SLUG (multi-tenancy is off)", defaultSlug));
        }
        if (candidates.isEmpty()) {
            return Resolution.none();
        }
        Candidate first = candidates.get(0);
        for (Candidate other : candidates.subList(1, candidates.size())) {
            if (!other.slug().equals(first.slug())) {
                return new Resolution(null, null, "The " + first.source() + " names tenant '" + first.slug() + "' but the "
                        + other.source() + " names '" + other.slug() + "'");
            }
        }
        return new Resolution(first.slug(), first.source(), null);
    }

    /** {@code smile-dental.localhost:8000} → smile-dental; hosts without a tenant label give nothing. */
    Optional<String> subdomain(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        for (String suffix : hostSuffixes) {
            if (name.endsWith(suffix)) {
                String label = name.substring(0, name.length() - suffix.length());
                if (!label.contains(".") && TenantSlug.isValid(label)) {
                    return Optional.of(label);
                }
            }
        }
        return Optional.empty();
    }
}
