package io.ipsc.branding.tenant;

import io.ipsc.branding.theme.Branding;
import io.ipsc.branding.theme.Palette;

/** A tenant's branding as the API shows it, with where it comes from. */
public record BrandingView(String primaryColor, String secondaryColor, String accentColor, String textColor,
                           String backgroundColor, String fontFamily, String logoUrl, String faviconUrl,
                           String companyName, String source) {

    public static BrandingView of(Branding b) {
        Palette p = b.palette();
        return new BrandingView(p.primaryColor(), p.secondaryColor(), p.accentColor(), p.textColor(), p.backgroundColor(),
                p.fontFamily(), b.logoUrl(), b.faviconUrl(), b.companyName(), b.source());
    }
}
