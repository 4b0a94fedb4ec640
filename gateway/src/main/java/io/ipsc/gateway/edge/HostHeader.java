package io.ipsc.gateway.edge;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a request names one host. The tenant can come from the host's subdomain, so a request
 * that names two (two {@code Host} headers, or an absolute request URI with another host than its
 * {@code Host} header) is refused rather than resolved by whichever a component happens to read.
 */
public final class HostHeader {

    private HostHeader() {
    }

    /** Why the request's hosts disagree, or empty. {@code uri} is the request target as sent. */
    public static Optional<String> refusal(List<String> hostHeaders, String uri) {
        if (hostHeaders.size() > 1) {
            return Optional.of("The request has " + hostHeaders.size() + " Host headers; send one");
        }
        if (uri == null || !(uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8))) {
            return Optional.empty();
        }
        URI target;
        try {
            target = URI.create(uri);
        } catch (IllegalArgumentException e) {
            return Optional.of("The request URI cannot be read");
        }
        if (target.getHost() == null) {
            return Optional.of("The request URI names no host");
        }
        String scheme = target.getScheme().toLowerCase(Locale.ROOT);
        String named = authority(target.getHost(), target.getPort(), scheme);
        if (hostHeaders.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> header = hostOfHeader(hostHeaders.get(0), scheme);
        if (header.isEmpty() || !header.get().equals(named)) {
            return Optional.of("The request URI names host '" + target.getRawAuthority() + "' but the Host header names '"
                    + hostHeaders.get(0) + "'");
        }
        return Optional.empty();
    }

    private static Optional<String> hostOfHeader(String value, String scheme) {
        try {
            URI parsed = URI.create(scheme + "://" + value.trim());
            return parsed.getHost() == null ? Optional.empty() : Optional.of(authority(parsed.getHost(), parsed.getPort(), scheme));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** host:port in lower case, with the scheme's port when none is written. */
    private static String authority(String host, int port, String scheme) {
        int effective = port > 0 ? port : "https".equals(scheme) ? 443 : 80;
        return host.toLowerCase(Locale.ROOT) + ":" + effective;
    }
}
