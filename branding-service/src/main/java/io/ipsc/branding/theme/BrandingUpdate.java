package io.ipsc.branding.theme;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies a {@link BrandingRequest} to the current branding: every invalid field is named in one
 * 400, and a valid palette with poor contrast comes back with warnings rather than a refusal.
 */
public final class BrandingUpdate {

    public static final int MAX_URL_LENGTH = 500;
    public static final int MAX_COMPANY_NAME_LENGTH = 200;

    /** The branding to store and the contrast warnings to show the admin who saved it. */
    public record Result(Branding branding, List<String> warnings) {
    }

    private BrandingUpdate() {
    }

    public static Result apply(Branding current, BrandingRequest r) {
        if (r == null || r.isEmpty()) {
            throw new ApiException(400, "EMPTY_UPDATE", "Send at least one branding field or a template");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        Palette base = current.palette();
        if (r.template() != null) {
            var template = BrandingCatalog.template(r.template());
            if (template.isPresent()) {
                base = template.get().palette();
            } else {
                errors.add(new ErrorDetail("template", "Unknown template '" + r.template() + "'; see GET /api/branding/templates"));
            }
        }
        Palette palette = new Palette(
                color(errors, "primary_color", r.primaryColor(), base.primaryColor(), false),
                color(errors, "secondary_color", r.secondaryColor(), base.secondaryColor(), false),
                color(errors, "accent_color", r.accentColor(), base.accentColor(), false),
                color(errors, "text_color", r.textColor(), base.textColor(), true),
                color(errors, "background_color", r.backgroundColor(), base.backgroundColor(), true),
                font(errors, r.fontFamily(), base.fontFamily()));
        String logo = url(errors, "logo_url", r.logoUrl(), current.logoUrl());
        String favicon = url(errors, "favicon_url", r.faviconUrl(), current.faviconUrl());
        String company = companyName(errors, r.companyName(), current.companyName());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        Branding updated = new Branding(palette, logo, favicon, company, source(current, r));
        return new Result(updated, ContrastCheck.warnings(palette));
    }

    /**
     * A template keeps its name until the tenant changes a colour or the font; a logo or a name
     * alone does not make a template's look custom, but does make the defaults custom.
     */
    private static String source(Branding current, BrandingRequest r) {
        if (r.touchesPalette()) {
            return Branding.CUSTOM;
        }
        if (r.template() != null) {
            return Branding.templateSource(r.template());
        }
        return Branding.DEFAULT.equals(current.source()) ? Branding.CUSTOM : current.source();
    }

    private static String color(List<ErrorDetail> errors, String field, String value, String current, boolean clearable) {
        if (value == null) {
            return current;
        }
        if (clearable && value.isEmpty()) {
            return null;
        }
        return Colors.parse(value.trim()).orElseGet(() -> {
            errors.add(new ErrorDetail(field, "must be a colour written #RRGGBB, e.g. #2E86AB"));
            return current;
        });
    }

    private static String font(List<ErrorDetail> errors, String value, String current) {
        if (value == null) {
            return current;
        }
        return BrandingCatalog.font(value).orElseGet(() -> {
            errors.add(new ErrorDetail("font_family", "must be one of " + String.join(", ", BrandingCatalog.FONTS)));
            return current;
        });
    }

    private static String url(List<ErrorDetail> errors, String field, String value, String current) {
        if (value == null) {
            return current;
        }
        String url = value.trim();
        if (url.isEmpty()) {
            return null;
        }
        if (url.length() > MAX_URL_LENGTH) {
            errors.add(new ErrorDetail(field, "must be at most " + MAX_URL_LENGTH + " characters"));
            return current;
        }
        // java.net.URI refuses spaces, quotes and backslashes, which keeps the URL safe inside url("...") in the CSS.
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
                errors.add(new ErrorDetail(field, "must be an https:// URL with a host"));
                return current;
            }
            return url;
        } catch (URISyntaxException e) {
            errors.add(new ErrorDetail(field, "is not a valid URL: " + e.getReason()));
            return current;
        }
    }

    private static String companyName(List<ErrorDetail> errors, String value, String current) {
        if (value == null) {
            return current;
        }
        String name = value.trim();
        if (name.isEmpty() || name.length() > MAX_COMPANY_NAME_LENGTH) {
            errors.add(new ErrorDetail("company_name", "must be 1 to " + MAX_COMPANY_NAME_LENGTH + " characters"));
            return current;
        }
        return name;
    }
}
