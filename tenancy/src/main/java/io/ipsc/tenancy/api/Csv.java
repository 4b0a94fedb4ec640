package io.ipsc.tenancy.api;

import java.util.regex.Pattern;

/**
 * One line of a CSV file the suite hands to a person (GSTR-1 sections, an auditor's trail): RFC 4180 quoting, and the
 * formula-injection guard. A text cell starting with = + - @, a tab or a carriage return would run as a formula when the
 * file is opened in a spreadsheet (a customer named {@code =HYPERLINK(...)}); OWASP's "CSV Injection" advice is to
 * prefix it with a single quote, which the spreadsheet shows as text. A number, negative ones included, stays a number.
 */
public final class Csv {

    private static final Pattern NUMBER = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?$");

    private Csv() {
    }

    /** The cells as one line, without its line break; a null cell is empty. */
    public static String line(Object... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = cell(cells[i] == null ? "" : cells[i].toString());
            boolean quoted = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
            line.append(quoted ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        return line.toString();
    }

    /** The cell guarded against formula injection (before any quoting). */
    public static String cell(String value) {
        if (value.isEmpty() || NUMBER.matcher(value).matches() || "=+-@\t\r".indexOf(value.charAt(0)) < 0) {
            return value;
        }
        return "'" + value;
    }
}
