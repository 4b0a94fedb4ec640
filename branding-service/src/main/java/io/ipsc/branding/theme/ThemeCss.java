package io.ipsc.branding.theme;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The branding as CSS custom properties for the web front end, and its strong ETag. Only values
 * that were validated reach the stylesheet (hex colours, listed fonts, https URLs without quotes
 * or spaces), so nothing a tenant types can break out of a declaration.
 */
public final class ThemeCss {

    private ThemeCss() {
    }

    public static String render(Branding branding) {
        Palette p = branding.palette();
        StringBuilder css = new StringBuilder(":root {\n");
        declare(css, "primary", p.primaryColor());
        declare(css, "on-primary", ContrastCheck.onPrimary(p));
        declare(css, "secondary", p.secondaryColor());
        declare(css, "accent", p.accentColor());
        if (p.textColor() != null) {
            declare(css, "text", p.textColor());
        }
        if (p.backgroundColor() != null) {
            declare(css, "background", p.backgroundColor());
        }
        declare(css, "font-family", fontStack(p.fontFamily()));
        if (branding.logoUrl() != null) {
            declare(css, "logo-url", "url(\"" + branding.logoUrl() + "\")");
        }
        if (branding.faviconUrl() != null) {
            declare(css, "favicon-url", "url(\"" + branding.faviconUrl() + "\")");
        }
        return css.append("}\n").toString();
    }

    /** A strong validator: the same bytes always give the same tag, and any change gives another. */
    public static String etag(String css) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * Whether an {@code If-None-Match} header names this tag. RFC 9110 has If-None-Match compare
     * weakly, so {@code W/"x"} matches {@code "x"}; {@code *} matches any current representation.
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String fontStack(String font) {
        return "system-ui".equals(font) ? "system-ui, sans-serif" : "\"" + font + "\", system-ui, sans-serif";
    }

    private static void declare(StringBuilder css, String name, String value) {
        css.append("  --ipsc-").append(name).append(": ").append(value).append(";\n");
    }
}
