package io.ipsc.branding.theme;

/**
 * A partial update of a tenant's branding: a null field is left as it is. {@code template} applies a
 * template's palette first, so fields sent with it override the template. An empty string clears
 * the optional fields ({@code text_color}, {@code background_color}, {@code logo_url},
 * {@code favicon_url}).
 */
public record BrandingRequest(String template, String primaryColor, String secondaryColor, String accentColor,
                              String textColor, String backgroundColor, String logoUrl, String faviconUrl,
                              String companyName, String fontFamily) {

    boolean touchesPalette() {
        return primaryColor != null || secondaryColor != null || accentColor != null || textColor != null
                || backgroundColor != null || fontFamily != null;
    }

    boolean isEmpty() {
        return template == null && !touchesPalette() && logoUrl == null && faviconUrl == null && companyName == null;
    }
}
