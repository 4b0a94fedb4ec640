package io.ipsc.invoicing.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A payment received against an invoice. */
public record PaymentRequest(BigDecimal amount, String mode, String reference, LocalDate paidOn) {

    public static final List<String> MODES = List.of("cash", "upi", "card", "bank_transfer", "cheque");
}
