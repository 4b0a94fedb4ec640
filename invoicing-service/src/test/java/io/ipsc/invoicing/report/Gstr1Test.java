package io.ipsc.invoicing.report;

import io.ipsc.invoicing.gst.B2clThresholds;
import io.ipsc.invoicing.gst.Uqc;
import io.ipsc.invoicing.report.Gstr1.B2csRow;
import io.ipsc.invoicing.report.Gstr1.DocumentSeries;
import io.ipsc.invoicing.report.Gstr1.HsnRow;
import io.ipsc.invoicing.report.Gstr1.Invoice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GSTR-1's rules on invoice lines whose amounts are worked out here, by hand (comments show the arithmetic), as
 * {@code GstCalculatorTest} does: the supplier is in Maharashtra (27); Karnataka is 29, Delhi 07, Gujarat 24.
 */
class Gstr1Test {

    private static final String SUPPLIER = "27AAPFU0939F1ZV";
    private static final String BUYER = "29AAGCB7383J1Z4";
    private static final B2clThresholds THRESHOLDS = new B2clThresholds(List.of("2017-07-01=250000", "2024-08-01=100000"));

    // ---------------------------------------------------------------- rule 1: HSN summary per HSN, rate and UQC

    @Test
    void theHsnSummaryHasARowPerHsnRateAndUnitQuantityCode() {
        List<SupplyLine> lines = List.of(
                // Invoice 1 to a Karnataka buyer, IGST: 10 pairs of shoes (6403) at ₹1,000 at 12 % = taxable 10,000, IGST 1,200.
                line(1, "INV/2425/00001", "2024-06-03", "11200.00", BUYER, "29", true, "6403", "pcs", "12", "10", "10000.00", "0", "0", "1200.00"),
                // Invoice 2, local and unregistered: 2 pairs (6403) at ₹1,500 at 18 % = taxable 3,000, CGST 270 + SGST 270,
                // and 4 "pieces" of 6403 at 12 % (₹500 each = 2,000; CGST 120 + SGST 120) — "pieces" is PCS, as "pcs" is.
                line(2, "INV/2425/00002", "2024-06-04", "5780.00", null, "27", false, "6403", "Pieces", "18", "2", "3000.00", "270.00", "270.00", "0"),
                line(2, "INV/2425/00002", "2024-06-04", "5780.00", null, "27", false, "6403", "PCS", "12", "4", "2000.00", "120.00", "120.00", "0"),
                // Invoice 3, local (1,050 + 336 + 2,360 = 3,746): 2.5 kg of 0910 (spices) at ₹400 at 5 % = taxable 1,000, CGST 25 + SGST 25; a line in
                // "syringe" (stored before units were checked) reports as OTH; a service (9983) reports NA with no quantity.
                line(3, "INV/2425/00003", "2024-06-05", "3746.00", null, "27", false, "0910", "kg", "5", "2.5", "1000.00", "25.00", "25.00", "0"),
                line(3, "INV/2425/00003", "2024-06-05", "3746.00", null, "27", false, "9018", "syringe", "12", "3", "300.00", "18.00", "18.00", "0"),
                line(3, "INV/2425/00003", "2024-06-05", "3746.00", null, "27", false, "9983", "hrs", "18", "2", "2000.00", "180.00", "180.00", "0"));
        Gstr1.Return r = build("2024-06", lines);

        assertFalse(r.hsnSplit(), "June 2024 is before the split");
        assertEquals(List.of(
                // 6403 at 12 %: 10 + 4 = 14 PCS; taxable 10,000 + 2,000 = 12,000; IGST 1,200; CGST 120, SGST 120.
                new HsnRow("6403", "shoes", "PCS", new BigDecimal("12"), new BigDecimal("14"), new BigDecimal("12000.00"),
                        new BigDecimal("120.00"), new BigDecimal("120.00"), new BigDecimal("1200.00")),
                // 6403 at 18 %: a row of its own, 2 PCS, 3,000, CGST 270, SGST 270.
                new HsnRow("6403", "shoes", "PCS", new BigDecimal("18"), new BigDecimal("2"), new BigDecimal("3000.00"),
                        new BigDecimal("270.00"), new BigDecimal("270.00"), new BigDecimal("0"))),
                r.hsn().stream().filter(h -> h.hsnSac().equals("6403")).map(Gstr1Test::comparable).toList());
        HsnRow spices = only(r.hsn(), "0910");
        assertEquals("KGS", spices.uqc());
        assertEquals(0, new BigDecimal("2.5").compareTo(spices.quantity()));
        assertEquals("OTH", only(r.hsn(), "9018").uqc());
        HsnRow service = only(r.hsn(), "9983");
        assertEquals("NA", service.uqc());
        assertEquals(0, service.quantity().signum(), "a service has no quantity in Table 12");
        // Total value of 6403 at 12 %: 12,000 + 120 + 120 + 1,200 = 13,440.
        assertEquals(0, new BigDecimal("13440.00").compareTo(r.hsn().stream()
                .filter(h -> h.hsnSac().equals("6403") && h.rate().compareTo(new BigDecimal("12")) == 0).findFirst().orElseThrow().total()));
    }

    @Test
    void fromMay2025TheHsnSummaryIsSplitIntoSuppliesToRegisteredAndUnregisteredBuyers() {
        List<SupplyLine> april = List.of(
                line(1, "INV/2526/00001", "2025-04-30", "1120.00", BUYER, "29", true, "6403", "nos", "12", "1", "1000.00", "0", "0", "120.00"),
                line(2, "INV/2526/00002", "2025-04-30", "1120.00", null, "27", false, "6403", "nos", "12", "1", "1000.00", "60.00", "60.00", "0"));
        Gstr1.Return before = build("2025-04", april);
        assertFalse(before.hsnSplit());
        // One row for both buyers: 2 NOS, taxable 2,000, IGST 120, CGST 60, SGST 60.
        assertEquals(1, before.hsn().size());
        assertEquals(0, new BigDecimal("2000.00").compareTo(before.hsn().get(0).taxable()));

        List<SupplyLine> may = List.of(
                line(1, "INV/2526/00003", "2025-05-01", "1120.00", BUYER, "29", true, "6403", "nos", "12", "1", "1000.00", "0", "0", "120.00"),
                line(2, "INV/2526/00004", "2025-05-02", "1120.00", null, "27", false, "6403", "nos", "12", "1", "1000.00", "60.00", "60.00", "0"));
        Gstr1.Return after = build("2025-05", may);
        assertTrue(after.hsnSplit());
        assertTrue(after.hsn().isEmpty());
        // B2B part: the registered buyer's 1,000 with IGST 120; B2C part: the walk-in's 1,000 with CGST 60 + SGST 60.
        assertEquals(1, after.hsnB2b().size());
        assertEquals(0, new BigDecimal("120.00").compareTo(after.hsnB2b().get(0).igst()));
        assertEquals(1, after.hsnB2c().size());
        assertEquals(0, new BigDecimal("60.00").compareTo(after.hsnB2c().get(0).cgst()));
        Map<String, Object> answer = Gstr1Answer.of(after);
        assertTrue(answer.containsKey("hsn_b2b") && answer.containsKey("hsn_b2c") && !answer.containsKey("hsn_summary"), answer.keySet().toString());
    }

    @Test
    void unitsAreMappedToGstnCodesAndUnknownOnesAreNot() {
        assertEquals("NOS", Uqc.of("nos").orElseThrow());
        assertEquals("NOS", Uqc.of("Numbers").orElseThrow());
        assertEquals("PCS", Uqc.of("pcs").orElseThrow());
        assertEquals("KGS", Uqc.of("Kg").orElseThrow());
        assertEquals("GMS", Uqc.of("grams").orElseThrow());
        assertEquals("LTR", Uqc.of("litre").orElseThrow());
        assertEquals("MTR", Uqc.of("m").orElseThrow());
        assertEquals("BOX", Uqc.of("box").orElseThrow());
        assertEquals("SQF", Uqc.of("sq  ft").orElseThrow());
        assertEquals("OTH", Uqc.of("hrs").orElseThrow());
        assertTrue(Uqc.of("syringe").isEmpty());
        assertTrue(Uqc.of("").isEmpty());
        assertEquals("KGS-KILOGRAMS", Uqc.withDescription("KGS"));
        assertEquals("NA", Uqc.reported("kg", "998314"), "a service code reports NA whatever its unit");
        assertEquals("OTH", Uqc.reported("syringe", "9018"));
    }

    // ---------------------------------------------------------------- rule 2: the B2CL threshold by invoice date

    @Test
    void b2cLargeIsAboveTheThresholdInForceOnTheInvoicesDate() {
        // Notification 12/2024-CT: ₹2,50,000 up to 31 July 2024, ₹1,00,000 from 1 August 2024; the value is the rounded total.
        assertEquals(0, new BigDecimal("250000").compareTo(THRESHOLDS.on(LocalDate.parse("2024-07-31"))));
        assertEquals(0, new BigDecimal("100000").compareTo(THRESHOLDS.on(LocalDate.parse("2024-08-01"))));
        assertEquals(0, new BigDecimal("250000").compareTo(THRESHOLDS.on(LocalDate.parse("2017-01-01"))), "before the table: its first");
        // Delhi walk-ins (inter-state, unregistered), each one line at 12 %: taxable 1,33,928.57 + IGST 16,071.43 = 1,50,000.
        Gstr1.Return july = build("2024-07", List.of(
                line(1, "INV/2425/00001", "2024-07-31", "150000.00", null, "07", true, "6403", "nos", "12", "1", "133928.57", "0", "0", "16071.43"),
                // ₹2,80,000 on 31 July (2,50,000 + IGST 30,000): above the threshold of the day.
                line(4, "INV/2425/00004", "2024-07-31", "280000.00", null, "07", true, "6403", "nos", "12", "1", "250000.00", "0", "0", "30000.00")));
        assertEquals(List.of("INV/2425/00004"), july.b2cl().stream().map(Invoice::number).toList(), "1,50,000 is not above 2,50,000");
        assertEquals(List.of(new B2csRow("OE", "07", true, new BigDecimal("12"), new BigDecimal("133928.57"), BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("16071.43"))), july.b2cs().stream().map(Gstr1Test::comparable).toList());

        Gstr1.Return august = build("2024-08", List.of(
                // The same 1,50,000 a day later is above ₹1,00,000.
                line(2, "INV/2425/00002", "2024-08-01", "150000.00", null, "07", true, "6403", "nos", "12", "1", "133928.57", "0", "0", "16071.43"),
                // Exactly ₹1,00,000 (89,285.71 + 10,714.29) is not above the threshold: B2CS.
                line(3, "INV/2425/00003", "2024-08-02", "100000.00", null, "07", true, "6403", "nos", "12", "1", "89285.71", "0", "0", "10714.29"),
                // A local walk-in buys ₹5,60,000 (5,00,000 + CGST 30,000 + SGST 30,000): intra-state is never B2CL.
                line(5, "INV/2425/00005", "2024-08-05", "560000.00", null, "27", false, "6403", "nos", "12", "1", "500000.00", "30000.00", "30000.00", "0"),
                // A registered buyer's ₹5,60,000 inter-state: B2B, whatever its value.
                line(6, "INV/2425/00006", "2024-08-05", "560000.00", BUYER, "29", true, "6403", "nos", "12", "1", "500000.00", "0", "0", "60000.00")));
        assertEquals(List.of("INV/2425/00002"), august.b2cl().stream().map(Invoice::number).toList());
        assertEquals(List.of("INV/2425/00006"), august.b2b().stream().map(Invoice::number).toList());
        assertEquals(List.of(
                new B2csRow("OE", "07", true, new BigDecimal("12"), new BigDecimal("89285.71"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("10714.29")),
                new B2csRow("OE", "27", false, new BigDecimal("12"), new BigDecimal("500000.00"), new BigDecimal("30000.00"), new BigDecimal("30000.00"),
                        BigDecimal.ZERO)), august.b2cs().stream().map(Gstr1Test::comparable).toList());

        // A quarterly filer's July–September return straddles the change: each invoice is judged by its own date.
        Gstr1.Return quarter = build("2024-07", List.of(
                line(1, "INV/2425/00001", "2024-07-31", "150000.00", null, "07", true, "6403", "nos", "12", "1", "133928.57", "0", "0", "16071.43"),
                line(2, "INV/2425/00002", "2024-08-01", "150000.00", null, "07", true, "6403", "nos", "12", "1", "133928.57", "0", "0", "16071.43")));
        assertEquals(List.of("INV/2425/00002"), quarter.b2cl().stream().map(Invoice::number).toList());
    }

    // ---------------------------------------------------------------- rule 3: B2CL and B2CS rows per rate

    @Test
    void b2cLargeAndSmallHaveARowPerRateAndB2csOnePerPlaceOfSupplyAndRate() {
        List<SupplyLine> lines = List.of(
                // A Gujarat walk-in's ₹3,42,000 (inter-state): 2,00,000 at 12 % (IGST 24,000) + 1,00,000 at 18 % (IGST 18,000).
                line(1, "INV/2425/00010", "2024-09-10", "342000.00", null, "24", true, "6403", "nos", "12", "1", "200000.00", "0", "0", "24000.00"),
                line(1, "INV/2425/00010", "2024-09-10", "342000.00", null, "24", true, "6404", "nos", "18", "1", "100000.00", "0", "0", "18000.00"),
                // Small sales: Karnataka 1,000 at 5 % (IGST 50) and 2,000 at 18 % (IGST 360); another Karnataka 500 at 5 % (IGST 25).
                line(2, "INV/2425/00011", "2024-09-11", "3410.00", null, "29", true, "0910", "kg", "5", "1", "1000.00", "0", "0", "50.00"),
                line(2, "INV/2425/00011", "2024-09-11", "3410.00", null, "29", true, "6404", "nos", "18", "1", "2000.00", "0", "0", "360.00"),
                line(3, "INV/2425/00012", "2024-09-12", "525.00", null, "29", true, "0910", "kg", "5", "1", "500.00", "0", "0", "25.00"),
                // A walk-in with no state known: the supplier's own state (27), CGST + SGST: 400 at 5 % = 10 + 10.
                line(4, "INV/2425/00013", "2024-09-12", "420.00", null, null, false, "0910", "kg", "5", "1", "400.00", "10.00", "10.00", "0"));
        Gstr1.Return r = build("2024-09", lines);
        Invoice large = r.b2cl().get(0);
        assertEquals("24", large.placeOfSupply());
        assertEquals(2, large.rates().size(), "one row per rate");
        assertEquals(0, new BigDecimal("24000.00").compareTo(large.rates().get(0).igst()));
        assertEquals(0, new BigDecimal("18").compareTo(large.rates().get(1).rate()));
        assertEquals(List.of(
                // Karnataka 5 %: 1,000 + 500 = 1,500, IGST 50 + 25 = 75; Karnataka 18 %: 2,000, IGST 360; Maharashtra 5 %: 400.
                new B2csRow("OE", "27", false, new BigDecimal("5"), new BigDecimal("400.00"), new BigDecimal("10.00"), new BigDecimal("10.00"), BigDecimal.ZERO),
                new B2csRow("OE", "29", true, new BigDecimal("5"), new BigDecimal("1500.00"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("75.00")),
                new B2csRow("OE", "29", true, new BigDecimal("18"), new BigDecimal("2000.00"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("360.00"))),
                r.b2cs().stream().map(Gstr1Test::comparable).toList());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> b2cs = (List<Map<String, Object>>) Gstr1Answer.of(r).get("b2c_small");
        assertEquals("29-Karnataka", b2cs.get(1).get("place_of_supply"));
        assertEquals("OE", b2cs.get(1).get("type"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> b2cl = (List<Map<String, Object>>) Gstr1Answer.of(r).get("b2c_large");
        assertEquals(2, b2cl.size());
        assertEquals("24-Gujarat", b2cl.get(0).get("place_of_supply"));
    }

    // ---------------------------------------------------------------- rule 4: document summary

    @Test
    void theDocumentSummaryGivesEachSeriesFromToTotalAndCancelled() {
        List<IssuedNumber> numbers = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            // INV/2425/00001 … 00012, the 4th and 9th cancelled; sorted as text 00010 would still come after 00009.
            numbers.add(new IssuedNumber(String.format("INV/2425/%05d", n), n == 4 || n == 9));
        }
        // The prefix changed mid-month: the year's numbering goes on in a series of its own.
        numbers.add(new IssuedNumber("SHOP/2425/00013", false));
        numbers.add(new IssuedNumber("SHOP/2425/00014", false));
        List<DocumentSeries> docs = Gstr1.documents(numbers);
        assertEquals(List.of(
                new DocumentSeries("Invoices for outward supply", "INV/2425", "INV/2425/00001", "INV/2425/00012", 12, 2),
                new DocumentSeries("Invoices for outward supply", "SHOP/2425", "SHOP/2425/00013", "SHOP/2425/00014", 2, 0)), docs);
        // Net issued: 12 − 2 = 10.
        assertEquals(10, docs.get(0).netIssued());
    }

    // ---------------------------------------------------------------- Table 9B: CDNR, CDNUR, B2CS adjusted

    @Test
    void anUnregisteredBuyersNoteIsInCdnurOnlyWhereItsInvoiceWasB2cLargeOnItsOwnDate() {
        // Three credit notes in August 2024 on Delhi (07) walk-ins' invoices, each ₹10,000 + IGST 18 % 1,800 = 11,800 back:
        // 1. on a ₹1,50,000 invoice of 10 Aug 2024: above the ₹1,00,000 in force then, B2CL, so the note is in CDNUR (B2CL);
        // 2. on a ₹1,50,000 invoice of 10 Jul 2024: under the ₹2,50,000 in force then, B2CS, so the note takes off B2CS 07 at 18 %;
        // 3. on a registered Karnataka buyer's invoice: CDNR, under its GSTIN.
        List<NoteLine> notes = List.of(
                note(1, "CN/2425/00001", "INV/2425/00010", "2024-08-10", null, "07"),
                note(2, "CN/2425/00002", "INV/2425/00003", "2024-07-10", null, "07"),
                note(3, "CN/2425/00003", "INV/2425/00011", "2024-08-10", BUYER, "29"));
        Gstr1.Return r = Gstr1.build(YearMonth.parse("2024-08"), SUPPLIER, "27", List.of(), List.of(),
                new Gstr1.NoteSupplies(notes, List.of(new IssuedNumber("CN/2425/00001", false), new IssuedNumber("CN/2425/00002", false),
                        new IssuedNumber("CN/2425/00003", false)), List.of()), THRESHOLDS);

        assertEquals(List.of("CN/2425/00001"), r.cdnur().stream().map(Gstr1.Note::number).toList());
        assertEquals(Gstr1.UR_B2CL, r.cdnur().get(0).urType());
        assertEquals(List.of("CN/2425/00003"), r.cdnr().stream().map(Gstr1.Note::number).toList());
        assertEquals(BUYER, r.cdnr().get(0).customerGstin());
        assertEquals("C", r.cdnr().get(0).noteType());
        assertEquals(0, new BigDecimal("1800.00").compareTo(r.cdnr().get(0).rates().get(0).igst()));
        // B2CS: only note 2, with the opposite sign: 07 at 18 %, −10,000 and IGST −1,800.
        assertEquals(List.of(new B2csRow("OE", "07", true, new BigDecimal("18"), new BigDecimal("-10000.00"), BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("-1800.00"))), r.b2cs().stream().map(Gstr1Test::comparable).toList());
        // Table 13: the credit notes' series, 3 numbers, none cancelled; no invoice numbered in the month.
        assertEquals(List.of(new DocumentSeries(Gstr1.CREDIT_NOTES, "CN/2425", "CN/2425/00001", "CN/2425/00003", 3, 0)), r.documents());
        // Table 12: 6403 PCS 18 %, the three notes' 1 pair each back: −3 pairs, −30,000, IGST −5,400.
        HsnRow shoes = only(r.hsn(), "6403");
        assertEquals(0, new BigDecimal("-3").compareTo(shoes.quantity()));
        assertEquals(0, new BigDecimal("-30000.00").compareTo(shoes.taxable()));
        assertEquals(0, new BigDecimal("-5400.00").compareTo(shoes.igst()));
    }

    /** A credit note of one pair back (₹10,000 at 18 %, IGST 1,800, value 11,800) on a ₹1,50,000 inter-state invoice. */
    private static NoteLine note(long id, String number, String invoiceNumber, String invoiceDate, String gstin, String pos) {
        return new NoteLine(id, NoteLine.CREDIT, number, LocalDate.parse("2024-08-20"), new BigDecimal("11800.00"), invoiceNumber,
                LocalDate.parse(invoiceDate), new BigDecimal("150000.00"), gstin, gstin == null ? "Walk-in" : "Buyer", pos, true, "shoes", "6403",
                "pcs", new BigDecimal("18"), BigDecimal.ONE, new BigDecimal("10000.00"), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1800.00"));
    }

    // ---------------------------------------------------------------- helpers

    private static Gstr1.Return build(String month, List<SupplyLine> lines) {
        List<IssuedNumber> numbers = lines.stream().map(SupplyLine::number).distinct().map(n -> new IssuedNumber(n, false)).toList();
        return Gstr1.build(YearMonth.parse(month), SUPPLIER, "27", lines, numbers, THRESHOLDS);
    }

    static SupplyLine line(long invoice, String number, String date, String value, String gstin, String pos, boolean inter, String hsn,
                           String unit, String rate, String quantity, String taxable, String cgst, String sgst, String igst) {
        return new SupplyLine(invoice, number, LocalDate.parse(date), new BigDecimal(value), gstin, gstin == null ? "Walk-in" : "Buyer",
                pos, inter, hsn.startsWith("64") ? "shoes" : "goods", hsn, unit, new BigDecimal(rate), new BigDecimal(quantity),
                new BigDecimal(taxable), new BigDecimal(cgst), new BigDecimal(sgst), new BigDecimal(igst));
    }

    private static HsnRow only(List<HsnRow> rows, String hsn) {
        List<HsnRow> matching = rows.stream().filter(h -> h.hsnSac().equals(hsn)).toList();
        assertEquals(1, matching.size(), rows.toString());
        return matching.get(0);
    }

    /** Amounts compared by value, not scale (12 and 12.00 are one rate). */
    private static HsnRow comparable(HsnRow h) {
        return new HsnRow(h.hsnSac(), h.description(), h.uqc(), strip(h.rate()), strip(h.quantity()), h.taxable().setScale(2),
                h.cgst().setScale(2), h.sgst().setScale(2), strip(h.igst()).signum() == 0 ? BigDecimal.ZERO : h.igst().setScale(2));
    }

    private static B2csRow comparable(B2csRow b) {
        return new B2csRow(b.type(), b.placeOfSupply(), b.interState(), strip(b.rate()), b.taxable().setScale(2), zeroOr(b.cgst()),
                zeroOr(b.sgst()), zeroOr(b.igst()));
    }

    private static BigDecimal zeroOr(BigDecimal amount) {
        return amount.signum() == 0 ? BigDecimal.ZERO : amount.setScale(2);
    }

    private static BigDecimal strip(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
