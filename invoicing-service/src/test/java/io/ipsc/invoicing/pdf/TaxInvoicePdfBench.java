package io.ipsc.invoicing.pdf;

import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.invoice.InvoiceView;
import io.ipsc.invoicing.money.IndianAmounts;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The render time of a 50-line tax invoice, printed (not asserted: a shared 2-core machine says little),
 * and the PDF written to {@code target/bench-invoice.pdf} to look at. Run after the test build:
 * {@code java -cp "$(cat target/test.classpath):target/classes:target/test-classes" io.ipsc.invoicing.pdf.TaxInvoicePdfBench}.
 */
public final class TaxInvoicePdfBench {

    private TaxInvoicePdfBench() {
    }

    public static void main(String[] args) throws Exception {
        TaxInvoicePdf.Document document = fiftyLines();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        long[] millis = new long[runs];
        byte[] pdf = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            pdf = TaxInvoicePdf.render(document);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Files.write(Path.of("target/bench-invoice.pdf"), pdf);
        long first = millis[0];
        long[] warm = Arrays.copyOfRange(millis, Math.min(5, runs - 1), runs);
        Arrays.sort(warm);
        System.out.printf("50-line tax invoice: first render %d ms; warm p50 %d ms, p95 %d ms over %d renders; %d KiB%n", first,
                warm[warm.length / 2], warm[(int) Math.ceil(warm.length * 0.95) - 1], warm.length, pdf.length / 1024);
    }

    static TaxInvoicePdf.Document fiftyLines() {
        List<InvoiceView.LineView> lines = new ArrayList<>();
        List<GstCalculator.LineInput> inputs = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            inputs.add(new GstCalculator.LineInput(BigDecimal.valueOf(i), new BigDecimal("1249.50"), new BigDecimal("5"), new BigDecimal("18")));
        }
        GstCalculator.InvoiceTax tax = GstCalculator.compute(inputs, "27", "27");
        for (int i = 0; i < 50; i++) {
            GstCalculator.LineTax t = tax.lines().get(i);
            GstCalculator.LineInput in = inputs.get(i);
            lines.add(new InvoiceView.LineView(i + 1, null, "Stainless steel ball bearing, sealed, size " + (6200 + i), "84821011", "nos",
                    in.quantity(), in.unitPrice(), in.discountPercent(), in.gstRate(), t.taxable(), t.cgst(), t.sgst(), t.igst(), t.total(), null));
        }
        InvoiceView invoice = new InvoiceView(1, "INV/2425/00042", "issued", 1, LocalDate.of(2024, 7, 15), LocalDate.of(2024, 8, 14), "27", "Maharashtra", false,
                tax.taxable(), tax.cgst(), tax.sgst(), tax.igst(), tax.roundOff(), tax.total(), IndianAmounts.inWords(tax.total()), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, tax.total(), "9f2c4e8a1b7d3f6e0a5c9b2d8e4f1a7c3b6d0e9f2a5c8b1d4e7f0a3c6b9d2e5f", null, null, lines,
                "B2B", false, null, null, null, null, null);
        TaxInvoicePdf.Party supplier = new TaxInvoicePdf.Party("Precision Bearings Pvt Ltd", "27AAPFU0939F1ZV",
                List.of("Plot 12, MIDC Bhosari", "Pune 411026"), "Maharashtra (27)");
        TaxInvoicePdf.Party recipient = new TaxInvoicePdf.Party("Deccan Motors", "27AABCD1234E1Z5", List.of("14 FC Road", "Pune 411004"),
                "Maharashtra (27)");
        return new TaxInvoicePdf.Document(invoice, supplier, recipient, "Maharashtra (27)", "#0B6E4F",
                UpiPayment.uri("pune.shop@okhdfcbank", "Precision Bearings", tax.total(), invoice.number()), null, null);
    }
}
