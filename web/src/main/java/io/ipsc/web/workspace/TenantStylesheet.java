package io.ipsc.web.workspace;

import io.ipsc.client.model.BrandingView;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A tenant's colours and font as CSS custom properties, which the app's own stylesheet reads
 * ({@code var(--ipsc-primary)}). branding-service validates them already; they are checked again
 * here because they are written into CSS, where one stray character would end a declaration.
 * (branding-service's own theme.css is not used: the generated client parses every answer as JSON.)
 */
public final class TenantStylesheet {

    private static final Pattern HEX_COLOUR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final Pattern FONT_NAME = Pattern.compile("[A-Za-z0-9 -]{1,64}");

    private TenantStylesheet() {
    }

    public static String render(BrandingView branding) {
        return render(branding, ":root");
    }

    /** A short digest of the stylesheet, its ETag: equal CSS, equal tag. */
    public static String fingerprint(String css) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The same properties on {@code selector} only (the settings' live preview scopes them to its own box). */
    public static String render(BrandingView branding, String selector) {
        StringBuilder css = new StringBuilder(selector).append(" {\n");
        colour(css, "primary", branding.getPrimaryColor());
        colour(css, "secondary", branding.getSecondaryColor());
        colour(css, "accent", branding.getAccentColor());
        colour(css, "text", branding.getTextColor());
        colour(css, "background", branding.getBackgroundColor());
        String font = branding.getFontFamily();
        if (font != null && FONT_NAME.matcher(font).matches() && !"system-ui".equals(font)) {
            css.append("  --ipsc-font-family: \"").append(font).append("\", system-ui, sans-serif;\n");
        }
        return css.append("}\n").toString();
    }

    private static void colour(StringBuilder css, String name, String value) {
        if (value != null && HEX_COLOUR.matcher(value).matches()) {
            css.append("  --ipsc-").append(name).append(": ").append(value).append(";\n");
        }
    }
}
