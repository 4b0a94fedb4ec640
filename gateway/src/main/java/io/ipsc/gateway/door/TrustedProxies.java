package io.ipsc.gateway.door;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Whose word the gateway takes for a client's address: a connection from one of
 * {@code ipsc.gateway.trusted-proxies} (IPs or CIDRs: the web app, an ingress controller) may name the
 * client in {@code X-Forwarded-For}; anyone else is the client. Only the credential throttle asks: the
 * rest of the gateway never decides anything by address. Quarkus' own proxy forwarding is not used for
 * this because it rewrites the whole request (host, scheme), which the Host checks must see as sent.
 */
@Singleton
public class TrustedProxies {

    private final List<Block> trusted;

    public TrustedProxies(@ConfigProperty(name = "ipsc.gateway.trusted-proxies") Optional<List<String>> trusted) {
        this.trusted = trusted.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).map(Block::parse).toList();
    }

    /** The client's address: the one the proxy appended last to X-Forwarded-For, or the connection's own. */
    public String clientOf(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (peer == null || forwarded == null || !isTrusted(peer)) {
            return peer;
        }
        // The last entry is the one the trusted proxy wrote; earlier ones are whatever the client claimed.
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        return last.isEmpty() ? peer : last;
    }

    boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(b -> b.contains(bytes));
    }

    /** An address written as digits (never a name: no DNS lookup on the hot path), or null. */
    private static byte[] literal(String address) {
        if (address.isEmpty() || !(Character.digit(address.charAt(0), 16) >= 0 || address.charAt(0) == ':' || address.charAt(0) == '[')) {
            return null;
        }
        try {
            return InetAddress.getByName(address.replace("[", "").replace("]", "")).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block: {@code 10.0.0.0/8}, or one address ({@code 127.0.0.1}, a /32). */
    private record Block(byte[] network, int prefix) {

        static Block parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("ipsc.gateway.trusted-proxies: not an IP address or CIDR block: " + text);
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("ipsc.gateway.trusted-proxies: bad prefix length in " + text);
            }
            return new Block(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
