package io.ipsc.tenancy;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tenant slugs: the only tenant identifiers that reach URLs, headers and database names, so they
 * are checked here once and every database name is built from a checked slug.
 */
public final class TenantSlug {

    private static final Pattern FORMAT = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$");

    /** Names that would collide with routes, hosts or infrastructure. */
    public static final Set<String> RESERVED = Set.of(
            "api", "www", "admin", "app", "auth", "login", "logout", "static", "assets", "cdn", "mail",
            "smtp", "ftp", "docs", "health", "metrics", "status", "system", "root", "default-admin",
            "gateway", "ipsc", "platform", "support", "help", "billing", "internal", "localhost",
            "postgres", "template0", "template1", "public", "tenants", "tenant", "security", "database");

    private TenantSlug() {
    }

    /** Null when {@code slug} is valid, else the reason it is not. */
    public static String problem(String slug) {
        if (slug == null || slug.isBlank()) {
            return "slug is required";
        }
        if (slug.length() < 3 || slug.length() > 63) {
            return "slug must be 3 to 63 characters long";
        }
        if (!FORMAT.matcher(slug).matches()) {
            return "slug may contain only lower-case letters, digits and inner hyphens";
        }
        if (slug.contains("--")) {
            return "slug may not contain two hyphens in a row";
        }
        if (RESERVED.contains(slug)) {
            return "slug '" + slug + "' is reserved";
        }
        return null;
    }

    public static boolean isValid(String slug) {
        return problem(slug) == null;
    }

    /** The longest service name that gets a database per tenant; slugs must leave room for it. */
    public static final String LONGEST_SERVICE = "manufacturing";

    /** The longest slug whose database names all fit PostgreSQL's 63-byte limit under {@code prefix}. */
    public static int maxLengthFor(String prefix) {
        return Math.min(63, 63 - prefix.length() - 1 - LONGEST_SERVICE.length());
    }

    /**
     * {@code <prefix><tenant>_<service>}, e.g. {@code tenant_smile_dental_invoicing}, for a valid
     * slug; PostgreSQL truncates names at 63 bytes, so longer names are refused rather than cut.
     */
    public static String databaseName(String prefix, String slug, String service) {
        if (!isValid(slug)) {
            throw new IllegalArgumentException("invalid tenant slug: " + slug);
        }
        String name = prefix + slug.replace('-', '_') + "_" + service;
        if (name.length() > 63 || !name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name would be invalid: " + name);
        }
        return name;
    }
}
