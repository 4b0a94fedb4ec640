package io.ipsc.tenancy.india.constraint;

/** Bean Validation reads {@code {…}} and {@code ${…}} in a message as expressions; a message built from input must not be. */
final class Messages {

    private Messages() {
    }

    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
