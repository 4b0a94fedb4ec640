package io.ipsc.web.format;

import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Money and dates as Indian readers write them, for templates ({@code {fmt:rupees(amount)}},
 * {@code {fmt:date(day)}}, {@code {fmt:dateTime(moment)}}, {@code {fmt:count(n)}}, {@code {fmt:number(n)}}; an unknown value
 * shows as a dash): rupees with lakh and crore grouping (₹1,00,000.00: the last three digits,
 * then pairs) and dates as day-month-year (15-01-2024), times in IST.
 */
@TemplateExtension(namespace = "fmt")
public final class IndianFormats {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    private IndianFormats() {
    }

    public static String rupees(BigDecimal amount) {
        if (amount == null) {
            return "—";
        }
        BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
        String plain = rounded.abs().toPlainString();
        int dot = plain.indexOf('.');
        return (rounded.signum() < 0 ? "-₹" : "₹") + grouped(plain.substring(0, dot)) + plain.substring(dot);
    }

    public static String count(Long count) {
        return count == null ? "—" : count.toString();
    }

    /** A whole number with lakh and crore grouping, as counts are read in India: 1,23,45,678. */
    public static String number(Long number) {
        if (number == null) {
            return "—";
        }
        String digits = Long.toString(Math.abs(number));
        return (number < 0 ? "-" : "") + grouped(digits);
    }

    private static String grouped(String whole) {
        StringBuilder grouped = new StringBuilder();
        int head = whole.length() - 3;
        if (head <= 0) {
            return whole;
        }
        // Above the last three digits, groups of two: 12,34,56,789.
        String lead = whole.substring(0, head);
        for (int i = 0; i < lead.length(); i++) {
            if (i > 0 && (lead.length() - i) % 2 == 0) {
                grouped.append(',');
            }
            grouped.append(lead.charAt(i));
        }
        return grouped.append(',').append(whole, head, whole.length()).toString();
    }

    public static String date(LocalDate date) {
        return date == null ? "—" : DATE.format(date);
    }

    /** A moment shown in India's time, whatever zone it was written in. */
    public static String dateTime(OffsetDateTime moment) {
        return moment == null ? "—" : DATE_TIME.format(moment.atZoneSameInstant(IST));
    }
}
