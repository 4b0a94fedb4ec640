package io.ipsc.invoicing.gst;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * When an inter-state supply to an unregistered buyer is "B2C large" (GSTR-1 Table 5, invoice by invoice) rather
 * than B2C small: its invoice value (the rounded total) above the threshold in force on the invoice's date. CGST
 * Rule 59(4)(a) said ₹2,50,000; Notification 12/2024-Central Tax (10 July 2024) lowered it to ₹1,00,000 from
 * 1 August 2024. {@code ipsc.invoicing.b2cl-thresholds} is the table, {@code <first day>=<rupees>} entries, so a
 * later change is a line of configuration, and a month straddling a change judges each invoice by its own date.
 */
@Singleton
public class B2clThresholds {

    private final NavigableMap<LocalDate, BigDecimal> fromDate = new TreeMap<>();

    public B2clThresholds(@ConfigProperty(name = "ipsc.invoicing.b2cl-thresholds", defaultValue = "2017-07-01=250000,2024-08-01=100000")
                          List<String> entries) {
        for (String entry : entries) {
            String[] parts = entry.trim().split("=");
            if (parts.length != 2) {
                throw new IllegalArgumentException("ipsc.invoicing.b2cl-thresholds entries look like 2024-08-01=100000, not '" + entry + "'");
            }
            fromDate.put(LocalDate.parse(parts[0].trim()), new BigDecimal(parts[1].trim()));
        }
        if (fromDate.isEmpty()) {
            throw new IllegalArgumentException("ipsc.invoicing.b2cl-thresholds needs at least one entry");
        }
    }

    public static B2clThresholds of(Map<LocalDate, BigDecimal> table) {
        return new B2clThresholds(table.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toPlainString()).toList());
    }

    /** The threshold in force on {@code date}; before the table's first date (GST began 1 July 2017), its first. */
    public BigDecimal on(LocalDate date) {
        Map.Entry<LocalDate, BigDecimal> entry = fromDate.floorEntry(date);
        return entry == null ? fromDate.firstEntry().getValue() : entry.getValue();
    }

    /** Whether an invoice of this value on this date is above the threshold (equal to it is still B2C small). */
    public boolean large(LocalDate invoiceDate, BigDecimal invoiceValue) {
        return invoiceValue.compareTo(on(invoiceDate)) > 0;
    }
}
