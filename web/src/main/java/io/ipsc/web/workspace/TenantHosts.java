package io.ipsc.web.workspace;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which tenant's workspace a host names: {@code <slug>.localhost} always, {@code <slug>.<IPSC_BASE_DOMAIN>}
 * when a public domain is set, as the gateway reads hosts. Only one label before the domain counts;
 * the gateway decides whether that tenant exists and whether the visitor may see it.
 */
@ApplicationScoped
public class TenantHosts {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final String baseDomain;

    TenantHosts(@ConfigProperty(name = "ipsc.web.base-domain") Optional<String> baseDomain) {
        this.baseDomain = baseDomain.map(d -> d.trim().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).orElse(null);
    }

    /** The slug a {@code Host} header (with or without port) names, if any. */
    public Optional<String> tenantOf(String hostHeader) {
        if (hostHeader == null) {
            return Optional.empty();
        }
        String lower = hostHeader.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        String host = colon > 0 && !lower.endsWith("]") ? lower.substring(0, colon) : lower;
        return labelBefore(host, "localhost").or(() -> baseDomain == null ? Optional.empty() : labelBefore(host, baseDomain));
    }

    /** Where the workspace of {@code slug} lives, seen from a page served on {@code hostHeader}. */
    public String workspaceUrl(String slug, String scheme, String hostHeader) {
        String host = hostHeader == null ? "" : hostHeader.toLowerCase(Locale.ROOT);
        if (tenantOf(host).isEmpty() && (host.equals("localhost") || host.startsWith("localhost:"))) {
            return scheme + "://" + slug + "." + host + "/";
        }
        return "/t/" + slug + "/";
    }

    private static Optional<String> labelBefore(String host, String domain) {
        if (!host.endsWith("." + domain)) {
            return Optional.empty();
        }
        String label = host.substring(0, host.length() - domain.length() - 1);
        return LABEL.matcher(label).matches() ? Optional.of(label) : Optional.empty();
    }
}
