package io.ipsc.tenancy.error;

/** JSON field names as callers see them (snake_case), from Java names. */
final class Names {

    private Names() {
    }

    static String snakeCase(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
