package io.ipsc.web.catalog;

/** What a page says after the change the visitor just made ({@code ?done=} after the redirect). */
public final class Notices {

    private Notices() {
    }

    /** {@code what} names the thing: "The product", "The customer". */
    public static String of(String what, String done) {
        return done == null ? null : switch (done) {
            case "created" -> what + " is added.";
            case "saved" -> what + " is saved.";
            case "archived" -> what + " is archived.";
            case "recorded" -> what + " is recorded.";
            case "paid" -> "The payment is recorded.";
            default -> null;
        };
    }
}
