package io.ipsc.branding.theme;

/**
 * A tenant's branding. {@code source} says where the look comes from: {@code default} (its
 * organisation type's defaults), {@code template:<name>} or {@code custom}.
 */
public record Branding(Palette palette, String logoUrl, String faviconUrl, String companyName, String source) {

    public static final String DEFAULT = "default";
    public static final String CUSTOM = "custom";
    public static final String TEMPLATE_PREFIX = "template:";

    public static String templateSource(String templateName) {
        return TEMPLATE_PREFIX + templateName;
    }

    public Branding withPalette(Palette newPalette, String newSource) {
        return new Branding(newPalette, logoUrl, faviconUrl, companyName, newSource);
    }
}
