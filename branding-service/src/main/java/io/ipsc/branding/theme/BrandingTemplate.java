package io.ipsc.branding.theme;

/** A ready palette that a tenant of {@code organizationType} can apply by name. */
public record BrandingTemplate(String name, String organizationType, String description, Palette palette) {
}
