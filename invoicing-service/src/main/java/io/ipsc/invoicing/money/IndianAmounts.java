package io.ipsc.invoicing.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rupee amounts as an Indian invoice writes them: in figures with lakh and crore grouping
 * ({@code 1,20,500.50}: the last three digits, then pairs) and in words in the Indian system
 * ("Rupees One Lakh Twenty Thousand Five Hundred and Fifty Paise Only"), as CGST Rule 46 asks
 * for the invoice total.
 */
public final class IndianAmounts {

    private static final String[] UNITS = {"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
            "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
    private static final String[] TENS = {"", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"};
    private static final long CRORE = 10_000_000L;
    private static final long LAKH = 100_000L;
    private static final long THOUSAND = 1_000L;

    private IndianAmounts() {
    }

    /** "Rupees One Lakh Twenty Thousand Five Hundred and Fifty Paise Only"; "Rupees Zero Only" for nothing. */
    public static String inWords(BigDecimal amount) {
        BigDecimal paisa = amount.setScale(2, RoundingMode.HALF_UP).abs();
        long rupees = paisa.longValue();
        int paise = paisa.remainder(BigDecimal.ONE).movePointRight(2).intValue();
        StringBuilder words = new StringBuilder(amount.signum() < 0 ? "Minus Rupees " : "Rupees ");
        if (rupees > 0 || paise == 0) {
            words.append(number(rupees));
        }
        if (paise > 0) {
            words.append(rupees > 0 ? " and " : "").append(number(paise)).append(" Paise");
        }
        return words.append(" Only").toString();
    }

    /** A whole number in the Indian system: crores (themselves in words, so 1,234 crore reads out), lakhs, thousands, hundreds. */
    static String number(long n) {
        if (n < 20) {
            return UNITS[(int) n];
        }
        StringBuilder out = new StringBuilder();
        append(out, n / CRORE, "Crore");
        append(out, n % CRORE / LAKH, "Lakh");
        append(out, n % LAKH / THOUSAND, "Thousand");
        append(out, n % THOUSAND / 100, "Hundred");
        long rest = n % 100;
        if (rest > 0) {
            out.append(out.isEmpty() ? "" : " ").append(belowHundred((int) rest));
        }
        return out.toString();
    }

    private static void append(StringBuilder out, long count, String scale) {
        if (count > 0) {
            out.append(out.isEmpty() ? "" : " ").append(number(count)).append(' ').append(scale);
        }
    }

    private static String belowHundred(int n) {
        if (n < 20) {
            return UNITS[n];
        }
        return TENS[n / 10] + (n % 10 == 0 ? "" : " " + UNITS[n % 10]);
    }

    /** {@code 1,20,500.50}: two decimals, the last three digits of the rupees grouped, then pairs. */
    public static String inFigures(BigDecimal amount) {
        BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
        String digits = rounded.abs().toPlainString();
        int point = digits.indexOf('.');
        StringBuilder grouped = new StringBuilder(digits.substring(point));
        int end = point;
        int group = 3;
        while (end > 0) {
            int start = Math.max(0, end - group);
            grouped.insert(0, digits.substring(start, end));
            if (start > 0) {
                grouped.insert(0, ',');
            }
            end = start;
            group = 2;
        }
        return (rounded.signum() < 0 ? "-" : "") + grouped;
    }
}
