package io.ipsc.branding.theme;

/**
 * The colours and font of a look, as stored and served: colours are {@code #RRGGBB} in upper case;
 * text and background colours may be null (the front end then keeps its own).
 */
public record Palette(String primaryColor, String secondaryColor, String accentColor, String textColor,
                      String backgroundColor, String fontFamily) {
}
