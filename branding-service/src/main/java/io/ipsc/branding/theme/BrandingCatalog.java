package io.ipsc.branding.theme;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The defaults of each organisation type, the ready templates, and the fonts a tenant may choose.
 * Every palette here passes WCAG AA (a unit test holds it to that), so the suite's own looks never
 * warn.
 */
public final class BrandingCatalog {

    public static final String DENTAL = "dental_clinic";
    public static final String MANUFACTURING = "manufacturing";
    public static final String BUSINESS = "business";

    /** Fonts the front end bundles or every browser has; anything else would silently fall back. */
    public static final List<String> FONTS = List.of("Inter", "Roboto", "Noto Sans", "Poppins", "Open Sans", "system-ui");

    private static final Map<String, Palette> DEFAULTS = Map.of(
            DENTAL, new Palette("#005F73", "#0A9396", "#EE9B00", "#1F2933", "#FFFFFF", "Inter"),
            MANUFACTURING, new Palette("#263238", "#546E7A", "#FF8F00", "#1B1B1B", "#F5F5F5", "Roboto"),
            BUSINESS, new Palette("#0D47A1", "#1976D2", "#FFB300", "#1F2933", "#FFFFFF", "Inter"));

    private static final List<BrandingTemplate> TEMPLATES = List.of(
            new BrandingTemplate("dental-fresh", DENTAL, "Clean teal and mint, the calm of a modern clinic",
                    new Palette("#0B6E99", "#14A098", "#F2A541", "#1F2933", "#FFFFFF", "Inter")),
            new BrandingTemplate("dental-calm", DENTAL, "Soft navy with a warm coral accent",
                    new Palette("#2C5F8A", "#6FB7B7", "#E07A5F", "#22313F", "#F7FAFC", "Noto Sans")),
            new BrandingTemplate("industrial-steel", MANUFACTURING, "Slate greys with a safety-amber accent",
                    new Palette("#37474F", "#78909C", "#FF8F00", "#212121", "#FAFAFA", "Roboto")),
            new BrandingTemplate("factory-forge", MANUFACTURING, "Burnt orange and charcoal, a foundry's colours",
                    new Palette("#B23A00", "#455A64", "#FFC107", "#1B1B1B", "#FFFFFF", "Open Sans")),
            new BrandingTemplate("business-classic", BUSINESS, "Deep indigo with gold, formal and trusted",
                    new Palette("#1A237E", "#3949AB", "#FFB300", "#212121", "#FFFFFF", "Inter")),
            new BrandingTemplate("business-emerald", BUSINESS, "Emerald and orange, fresh and friendly",
                    new Palette("#00695C", "#4DB6AC", "#F57C00", "#263238", "#FFFFFF", "Poppins")));

    private BrandingCatalog() {
    }

    /** The default palette of an organisation type; an unknown type gets the general business look. */
    public static Palette defaultsFor(String organizationType) {
        return DEFAULTS.getOrDefault(organizationType, DEFAULTS.get(BUSINESS));
    }

    /** The branding of a tenant that has not set its own: the type's defaults and the tenant's name. */
    public static Branding defaultBranding(String organizationType, String tenantName) {
        return new Branding(defaultsFor(organizationType), null, null, tenantName, Branding.DEFAULT);
    }

    public static List<BrandingTemplate> templates() {
        return TEMPLATES;
    }

    public static Optional<BrandingTemplate> template(String name) {
        return TEMPLATES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static Set<String> organizationTypes() {
        return new TreeSet<>(DEFAULTS.keySet());
    }

    /** The font in its listed spelling, whatever the case it was sent in. */
    public static Optional<String> font(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return FONTS.stream().filter(f -> f.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
