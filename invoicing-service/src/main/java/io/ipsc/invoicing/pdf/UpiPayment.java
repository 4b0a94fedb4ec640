package io.ipsc.invoicing.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The UPI deep link a payment QR code carries (NPCI's {@code upi://pay}): payee address and name,
 * the amount due in rupees with two decimals, the currency and the invoice number as the note, each
 * value percent-encoded (a space as {@code %20}, not '+', which some UPI apps show literally; the
 * '@' of the address kept, as a query allows).
 */
public final class UpiPayment {

    private UpiPayment() {
    }

    public static String uri(String payeeAddress, String payeeName, BigDecimal amount, String invoiceNumber) {
        return "upi://pay?pa=" + encode(payeeAddress) + "&pn=" + encode(payeeName) + "&am="
                + amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + "&cu=INR&tn=" + encode(invoiceNumber);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }
}
