package io.ipsc.web.settings;

import io.ipsc.client.model.BrandingRequest;
import io.ipsc.client.model.BrandingView;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The branding editor's fields under branding-service's names (so its field errors land at the
 * field). The same values make the live preview: {@link #asBranding()} is what the preview's
 * stylesheet is written from, without saving anything.
 */
public class BrandingForm {

    @RestForm("company_name") public String companyName = "";
    @RestForm("primary_color") public String primaryColor = "";
    @RestForm("secondary_color") public String secondaryColor = "";
    @RestForm("accent_color") public String accentColor = "";
    @RestForm("text_color") public String textColor = "";
    @RestForm("background_color") public String backgroundColor = "";
    @RestForm("font_family") public String fontFamily = "";
    @RestForm("logo_url") public String logoUrl = "";

    static BrandingForm of(BrandingView branding) {
        BrandingForm form = new BrandingForm();
        form.companyName = text(branding.getCompanyName());
        form.primaryColor = text(branding.getPrimaryColor());
        form.secondaryColor = text(branding.getSecondaryColor());
        form.accentColor = text(branding.getAccentColor());
        form.textColor = text(branding.getTextColor());
        form.backgroundColor = text(branding.getBackgroundColor());
        form.fontFamily = text(branding.getFontFamily());
        form.logoUrl = text(branding.getLogoUrl());
        return form;
    }

    /** The update to send: blank fields are left as they are (branding-service keeps the current value). */
    BrandingRequest toRequest() {
        return new BrandingRequest().companyName(ProfileForm.given(companyName)).primaryColor(ProfileForm.given(primaryColor))
                .secondaryColor(ProfileForm.given(secondaryColor)).accentColor(ProfileForm.given(accentColor))
                .textColor(ProfileForm.given(textColor)).backgroundColor(ProfileForm.given(backgroundColor))
                .fontFamily(ProfileForm.given(fontFamily)).logoUrl(ProfileForm.given(logoUrl));
    }

    /** The typed values as a branding, for the preview (the stylesheet writer drops what is not a colour or font). */
    BrandingView asBranding() {
        return new BrandingView().companyName(companyName).primaryColor(primaryColor).secondaryColor(secondaryColor)
                .accentColor(accentColor).textColor(textColor).backgroundColor(backgroundColor).fontFamily(fontFamily)
                .logoUrl(logoUrl);
    }

    /** The colours and font as a query string, for the preview's stylesheet address. */
    String styleQuery() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("primary_color", primaryColor);
        values.put("secondary_color", secondaryColor);
        values.put("accent_color", accentColor);
        values.put("text_color", textColor);
        values.put("background_color", backgroundColor);
        values.put("font_family", fontFamily);
        return values.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().trim(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The logo the preview shows: only an https address, as branding-service would accept and the CSP allows. */
    String previewLogo() {
        String url = ProfileForm.given(logoUrl);
        return url != null && url.startsWith("https://") ? url : null;
    }

    private static String text(String value) {
        return Objects.toString(value, "");
    }
}
