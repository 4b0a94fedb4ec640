package io.ipsc.invoicing;

import io.ipsc.invoicing.gst.FinancialYear;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.gst.GstCalculator.InvoiceTax;
import io.ipsc.invoicing.gst.GstCalculator.LineInput;
import io.ipsc.invoicing.gst.GstCategory;
import io.ipsc.invoicing.gst.SupplyType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GstCalculatorTest {

    private static LineInput line(String qty, String price, String discount, String rate) {
        return new LineInput(new BigDecimal(qty), new BigDecimal(price), discount == null ? null : new BigDecimal(discount), new BigDecimal(rate));
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void intraStateSplitsIntoCgstAndSgst() {
        InvoiceTax tax = GstCalculator.compute(List.of(line("2", "500.00", null, "18")), "27", "27");
        assertFalse(tax.interState());
        assertEquals(d("1000.00"), tax.taxable());
        assertEquals(d("90.00"), tax.cgst());
        assertEquals(d("90.00"), tax.sgst());
        assertEquals(d("0.00"), tax.igst());
        assertEquals(d("1180.00"), tax.total());
    }

    @Test
    void anSezSupplyWithPaymentIsIgstEvenWithinTheState() {
        // SEZ unit in Maharashtra, supplier in Maharashtra: 2 × 500 = 1,000; IGST 18 % = 180 (Section 16 IGST Act), no CGST/SGST.
        InvoiceTax tax = GstCalculator.compute(List.of(line("2", "500.00", null, "18")), "27", "27", SupplyType.of(GstCategory.SEZ, true));
        assertTrue(tax.interState());
        assertEquals(d("180.00"), tax.igst());
        assertEquals(d("0.00"), tax.cgst().add(tax.sgst()));
        assertEquals(d("1180.00"), tax.total());
    }

    @Test
    void anExportUnderLutCarriesNilTaxOnEveryLine() {
        // 3 × 333.33 = 999.99 at 18 % and 1 × 100 less 10 % = 90.00 at 5 %: taxable 1,089.99, no tax; rounded to 1,090 (+0.01).
        InvoiceTax tax = GstCalculator.compute(List.of(line("3", "333.33", null, "18"), line("1", "100", "10", "5")), "27", "96",
                SupplyType.of(GstCategory.OVERSEAS, false));
        assertEquals(SupplyType.EXPWOP, SupplyType.of(GstCategory.OVERSEAS, false));
        assertEquals(d("1089.99"), tax.taxable());
        assertEquals(d("0.00"), tax.igst().add(tax.cgst()).add(tax.sgst()));
        assertEquals(d("90.00"), tax.lines().get(1).total());
        assertEquals(d("0.01"), tax.roundOff());
        assertEquals(d("1090.00"), tax.total());
    }

    @Test
    void aDeemedExportIsTaxedAsTheStatesSay() {
        // Deemed exports pay tax as any supply (the recipient claims the refund): within Maharashtra, 9 % + 9 % of 1,000.
        InvoiceTax tax = GstCalculator.compute(List.of(line("1", "1000", null, "18")), "27", "27", SupplyType.of(GstCategory.DEEMED_EXPORT, false));
        assertEquals(d("90.00"), tax.cgst());
        assertEquals(d("90.00"), tax.sgst());
        assertEquals(d("1180.00"), tax.total());
    }

    @Test
    void interStateIsIgstAtTheFullRate() {
        InvoiceTax tax = GstCalculator.compute(List.of(line("1", "1000", null, "18")), "27", "29");
        assertTrue(tax.interState());
        assertEquals(d("180.00"), tax.igst());
        assertEquals(d("0.00"), tax.cgst().add(tax.sgst()));
        assertEquals(d("1180.00"), tax.total());
    }

    @Test
    void mixedRatesDiscountsAndRoundingAtThePaisaAndTheRupee() {
        InvoiceTax tax = GstCalculator.compute(List.of(
                line("3", "33.33", "10", "5"),      // 99.99 less 10% = 89.991 → 89.99; 2.5% each = 2.24975 → 2.25
                line("1", "199.99", null, "12"),    // 6% each = 11.9994 → 12.00
                line("7", "0.99", null, "28")), "27", "27"); // 6.93; 14% each = 0.9702 → 0.97
        assertEquals(d("89.99"), tax.lines().get(0).taxable());
        assertEquals(d("2.25"), tax.lines().get(0).cgst());
        assertEquals(d("12.00"), tax.lines().get(1).sgst());
        assertEquals(d("0.97"), tax.lines().get(2).cgst());
        assertEquals(d("296.91"), tax.taxable());
        BigDecimal exact = d("296.91").add(d("2.25").add(d("12.00")).add(d("0.97")).multiply(d("2")));
        assertEquals(exact, tax.exactTotal());
        assertEquals(d("327.00"), tax.total());
        assertEquals(d("327.00").subtract(exact), tax.roundOff());
    }

    @Test
    void roundOffGoesBothWays() {
        assertEquals(d("-0.40"), GstCalculator.compute(List.of(line("1", "100.40", null, "0")), "27", "27").roundOff());
        assertEquals(d("0.50"), GstCalculator.compute(List.of(line("1", "100.50", null, "0")), "27", "27").roundOff());
        assertEquals(d("101.00"), GstCalculator.compute(List.of(line("1", "100.50", null, "0")), "27", "27").total());
    }

    @Test
    void aServiceLineAtEighteenPercent() {
        InvoiceTax tax = GstCalculator.compute(List.of(line("1", "2500", null, "18")), "29", "29");
        assertEquals(d("225.00"), tax.cgst());
        assertEquals(d("2950.00"), tax.total());
    }

    @Test
    void anUnregisteredCustomerWithoutAStateIsALocalSale() {
        InvoiceTax tax = GstCalculator.compute(List.of(line("1", "100", null, "5")), "07", null);
        assertFalse(tax.interState());
        assertEquals(d("2.50"), tax.cgst());
    }

    @Test
    void aQuarterPercentSlabHalvesExactly() {
        InvoiceTax tax = GstCalculator.compute(List.of(line("1", "10000", null, "0.25")), "24", "24");
        assertEquals(d("12.50"), tax.cgst());
        assertEquals(d("12.50"), tax.sgst());
    }

    @Test
    void financialYearsRunAprilToMarch() {
        assertEquals("2324", FinancialYear.of(LocalDate.of(2024, 3, 31)).code());
        assertEquals("2425", FinancialYear.of(LocalDate.of(2024, 4, 1)).code());
        assertEquals("2099-00", FinancialYear.of(LocalDate.of(2100, 1, 1)).label());
    }
}
