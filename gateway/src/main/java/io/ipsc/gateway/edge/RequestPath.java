package io.ipsc.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Whether a request path is one the gateway can route, check and forward as it stands. The gateway
 * decides on the path as sent; a service behind it decodes and normalises it. A segment that
 * decodes to {@code .} or {@code ..}, or to something holding a separator, NUL or another
 * {@code %} (double encoding), would make the service see another path than the one the gateway
 * checked ({@code /api/tenants/a/products/%2e%2e/%2e%2e/q/metrics} is invoicing's
 * {@code /q/metrics} once normalised), so such paths are refused before anything else looks at them.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /** Why {@code rawPath} (as received, not decoded) is refused, or empty when it is fine. */
    public static Optional<String> refusal(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("The path must start with '/'");
        }
        if (plain(rawPath)) {
            // Nothing encoded, no dot, no backslash: no segment can decode to anything the checks below refuse.
            return Optional.empty();
        }
        for (String segment : rawPath.substring(1).split("/", -1)) {
            Optional<String> decoded = decodeOnce(segment);
            if (decoded.isEmpty()) {
                return Optional.of("The path has a malformed percent-encoding");
            }
            String value = decoded.get();
            // Matrix parameters (";x=1") are cut off by some servers before dot segments are resolved.
            String bare = value.contains(";") ? value.substring(0, value.indexOf(';')) : value;
            if (bare.equals(".") || bare.equals("..")) {
                return Optional.of("The path may not contain '.' or '..' segments, encoded or not");
            }
            if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('\0') >= 0) {
                return Optional.of("A path segment may not contain an encoded '/', '\\' or NUL");
            }
            if (value.indexOf('%') >= 0) {
                return Optional.of("The path may not be percent-encoded twice");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether routing by {@code rawPath} as it stands and by the router's normalised path (percent-decoded, dot
     * segments resolved) can differ in nothing: nothing encoded, no dot, no backslash, no empty segment.
     */
    public static boolean normalised(String rawPath) {
        return plain(rawPath) && !rawPath.contains("//");
    }

    private static boolean plain(String rawPath) {
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' || c == '.' || c == '\\' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    /** Percent-decodes one segment as UTF-8 ('+' stays '+': it is a space only in queries); empty when malformed. */
    static Optional<String> decodeOnce(String segment) {
        if (segment.indexOf('%') < 0) {
            return Optional.of(segment);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= segment.length()) {
                return Optional.empty();
            }
            int high = Character.digit(segment.charAt(i + 1), 16);
            int low = Character.digit(segment.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
