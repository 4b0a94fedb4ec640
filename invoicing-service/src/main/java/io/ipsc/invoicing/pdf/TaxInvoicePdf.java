package io.ipsc.invoicing.pdf;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.ipsc.invoicing.gst.GstCalculator;
import io.ipsc.invoicing.gst.SupplyType;
import io.ipsc.invoicing.invoice.InvoiceView;
import io.ipsc.invoicing.money.IndianAmounts;
import io.ipsc.invoicing.settings.LogoImage;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tax invoice as an A4 PDF with everything CGST Rule 46 asks for: the supplier's name, address and
 * GSTIN; number and date; the recipient's name, address and GSTIN (or "Unregistered"); the place of
 * supply with its state name and code; per line HSN/SAC, quantity and unit, value, discount, taxable
 * value, and the rate and amount of each tax; the total in figures and in words; reverse charge; the
 * signature line. The IRN when there is one, a UPI payment QR code when asked for, the tenant's brand
 * colour, DRAFT or CANCELLED across a document that is not (or no longer) a valid invoice.
 *
 * <p>The text is set in DejaVu Sans (regular and bold), read from the classpath and embedded as a
 * subset: it has the rupee sign, which PDFBox's bundled Liberation Sans lacks. Rendering is CPU work
 * and blocking I/O on a byte array: call it from a worker thread, never the event loop.
 */
public final class TaxInvoicePdf {

    /** A party as the invoice prints it; {@code state} as "Maharashtra (27)". */
    public record Party(String name, String gstin, List<String> address, String state) {
    }

    /**
     * Everything printed: the invoice, both parties, the place of supply ("Karnataka (29)"), the brand
     * colour (#RRGGBB), the UPI payment address to draw as a QR code (null: none) and the tenant's logo
     * in its print form (null: none, and the header is as it was before logos); the tenant's LUT/bond reference,
     * printed under a zero-rated supply's declaration when it goes without payment of tax (null: none set).
     */
    public record Document(InvoiceView invoice, Party supplier, Party recipient, String placeOfSupply, String brandColor, String upiUri,
                           LogoImage.Print logo, String lutReference) {
    }

    private static final String FONT_DIR = "net/sf/jasperreports/fonts/dejavu/";
    private static final byte[] REGULAR = withoutGlyphSubstitution(fontBytes("DejaVuSansCondensed.ttf"));
    private static final byte[] BOLD = withoutGlyphSubstitution(fontBytes("DejaVuSansCondensed-Bold.ttf"));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final float MARGIN = 36;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
    /** Room kept under the last row of a page for its footer. */
    private static final float BOTTOM = MARGIN + 24;
    private static final float TABLE_SIZE = 7.5f;
    private static final float TABLE_LEADING = 9.5f;
    private static final float QR_SIZE = 96;
    private static final float CELL_PADDING = 3;
    /** The box the logo is fitted into, top-left of the header, keeping its aspect ratio. */
    static final float LOGO_BOX_WIDTH = 160;
    static final float LOGO_BOX_HEIGHT = 56;

    private TaxInvoicePdf() {
    }

    public static byte[] render(Document d) {
        try (PDDocument pdf = new PDDocument()) {
            new Writer(pdf, d).write();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] fontBytes(String file) {
        try (InputStream in = TaxInvoicePdf.class.getClassLoader().getResourceAsStream(FONT_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("Font " + FONT_DIR + file + " is not on the classpath (jasperreports-fonts)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The font with its GSUB table renamed out of the way. PDFBox 3 runs every shown string through the
     * font's glyph substitutions (ligatures, Indic shaping) with regular expressions, about half a
     * millisecond a string with DejaVu's large table: most of the time of a 50-line invoice. The invoice
     * is Latin text, digits and the rupee sign, which need no substitution.
     */
    static byte[] withoutGlyphSubstitution(byte[] ttf) {
        byte[] copy = ttf.clone();
        int tables = (copy[4] & 0xFF) << 8 | copy[5] & 0xFF;
        for (int i = 0; i < tables; i++) {
            int record = 12 + 16 * i;
            if (copy[record] == 'G' && copy[record + 1] == 'S' && copy[record + 2] == 'U' && copy[record + 3] == 'B') {
                copy[record] = 'g';
                copy[record + 1] = 's';
                copy[record + 2] = 'u';
                copy[record + 3] = 'b';
            }
        }
        return copy;
    }

    /** A font for one document, with its character map (to leave out what it cannot draw) and its glyph widths. */
    private record Face(PDType0Font font, TrueTypeFont ttf, CmapLookup cmap, float unitsPerEm, Map<Integer, Float> widths) {

        static Face load(PDDocument pdf, byte[] bytes) throws IOException {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
            return new Face(PDType0Font.load(pdf, ttf, true), ttf, ttf.getUnicodeCmapLookup(), ttf.getUnitsPerEm(), new HashMap<>());
        }

        /** The text with every character the font has no glyph for (and every control character) as '?'. */
        String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp) || cmap.getGlyphId(cp) == 0) {
                    out.append(Character.isWhitespace(cp) ? ' ' : '?');
                } else {
                    out.appendCodePoint(cp);
                }
            });
            return out.toString();
        }

        /** From the font's own metrics: PDFBox's getStringWidth looks each glyph up afresh, slowly. */
        float width(String text, float size) throws IOException {
            float units = 0;
            for (int cp : printable(text).codePoints().toArray()) {
                Float width = widths.get(cp);
                if (width == null) {
                    width = (float) ttf.getAdvanceWidth(cmap.getGlyphId(cp));
                    widths.put(cp, width);
                }
                units += width;
            }
            return units / unitsPerEm * size;
        }
    }

    private record Column(String header, float width, boolean right, Function<InvoiceView.LineView, String> value) {
    }

    /** One document being written: the current page and where on it the next thing goes. */
    private static final class Writer {

        private final PDDocument pdf;
        private final Document d;
        private final InvoiceView inv;
        private final Face regular;
        private final Face bold;
        private final float[] brand;
        private final List<Column> columns;
        private final String watermark;
        private PDPageContentStream out;
        private float y;

        Writer(PDDocument pdf, Document d) throws IOException {
            this.pdf = pdf;
            this.d = d;
            this.inv = d.invoice();
            this.regular = Face.load(pdf, REGULAR);
            this.bold = Face.load(pdf, BOLD);
            this.brand = rgb(d.brandColor());
            this.columns = columns(inv.interState());
            this.watermark = switch (inv.status()) {
                case "draft" -> "DRAFT";
                case "cancelled" -> "CANCELLED";
                default -> null;
            };
        }

        void write() throws IOException {
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle("Tax invoice " + numberOrDraft());
            info.setAuthor(d.supplier().name());
            newPage();
            header();
            parties();
            tableHeader();
            for (InvoiceView.LineView line : inv.lines()) {
                row(line);
            }
            totals();
            out.close();
            pageNumbers();
        }

        private String numberOrDraft() {
            return inv.number() != null ? inv.number() : "draft " + inv.id();
        }

        // ---- pages

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            out = new PDPageContentStream(pdf, page);
            y = TOP;
            if (watermark != null) {
                drawWatermark();
            }
        }

        private void drawWatermark() throws IOException {
            PDExtendedGraphicsState faint = new PDExtendedGraphicsState();
            faint.setNonStrokingAlphaConstant(0.12f);
            out.saveGraphicsState();
            out.setGraphicsStateParameters(faint);
            out.setNonStrokingColor(0.6f, 0.1f, 0.1f);
            out.beginText();
            out.setFont(bold.font(), 96);
            out.setTextMatrix(Matrix.getRotateInstance(Math.toRadians(40), 120, 250));
            out.showText(watermark);
            out.endText();
            out.restoreGraphicsState();
        }

        /** A page after the first: the table continues under a one-line reminder of whose invoice it is. */
        private void continuationPage() throws IOException {
            newPage();
            text(bold, 10, MARGIN, y - 10, d.supplier().name() + " · Tax invoice " + numberOrDraft() + " (continued)", brand);
            y -= 22;
        }

        private void pageNumbers() throws IOException {
            int count = pdf.getNumberOfPages();
            for (int i = 0; i < count; i++) {
                try (PDPageContentStream footer = new PDPageContentStream(pdf, pdf.getPage(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
                    out = footer;
                    String page = "Page " + (i + 1) + " of " + count;
                    text(regular, 7.5f, MARGIN + WIDTH - regular.width(page, 7.5f), MARGIN, page, null);
                    text(regular, 7.5f, MARGIN, MARGIN, "This is a computer-generated tax invoice. " + numberOrDraft(), null);
                }
            }
        }

        // ---- blocks

        private void header() throws IOException {
            if (d.logo() != null) {
                logo(d.logo());
            }
            float band = 30;
            fill(MARGIN, y - band, WIDTH, band, brand);
            text(bold, 15, MARGIN + 8, y - 20, "TAX INVOICE", WHITE);
            String right = inv.number() != null ? inv.number() : "DRAFT (not numbered)";
            text(bold, 11, MARGIN + WIDTH - 8 - bold.width(right, 11), y - 19, right, WHITE);
            y -= band + 16;

            float top = y;
            text(bold, 12, MARGIN, y, d.supplier().name(), brand);
            y -= 13;
            y = partyLines(d.supplier(), MARGIN, y, 260);

            float x = MARGIN + 300;
            float ry = top;
            ry = field(x, ry, "Invoice No.", inv.number() != null ? inv.number() : "— (draft)");
            ry = field(x, ry, "Invoice Date", DATE.format(inv.invoiceDate()));
            if (inv.dueDate() != null) {
                ry = field(x, ry, "Due Date", DATE.format(inv.dueDate()));
            }
            ry = field(x, ry, "Place of Supply", d.placeOfSupply());
            ry = field(x, ry, "Reverse Charge", inv.reverseCharge() ? "Yes" : "No");
            if (watermark != null) {
                ry = field(x, ry, "Status", "draft".equals(inv.status()) ? "DRAFT — not valid as a tax invoice" : "CANCELLED (credit note issued)");
            }
            y = Math.min(y, ry) - 6;
            supplyDeclaration();
            if (inv.irn() != null) {
                text(regular, 7, MARGIN, y, "IRN: " + inv.irn(), null);
                y -= 12;
            }
        }

        /**
         * An SEZ supply's, an export's or a deemed export's declaration (Rule 46(i) asks an export invoice to say so;
         * Rule 96A the LUT it goes under without payment of IGST).
         */
        private void supplyDeclaration() throws IOException {
            SupplyType type = SupplyType.valueOf(inv.supplyType());
            if (type.declaration() == null) {
                return;
            }
            text(bold, 8.5f, MARGIN, y, type.declaration(), brand);
            y -= 12;
            if (type.withoutTax() && d.lutReference() != null) {
                text(regular, 8, MARGIN, y, "LUT/bond reference: " + d.lutReference(), null);
                y -= 12;
            }
        }

        /** The logo over the band, top-left, as large as its box allows without distorting it. */
        private void logo(LogoImage.Print logo) throws IOException {
            PDImageXObject image = new PDImageXObject(pdf, new ByteArrayInputStream(logo.rgb()), COSName.FLATE_DECODE,
                    logo.width(), logo.height(), 8, PDDeviceRGB.INSTANCE);
            if (logo.alpha() != null) {
                PDImageXObject mask = new PDImageXObject(pdf, new ByteArrayInputStream(logo.alpha()), COSName.FLATE_DECODE,
                        logo.width(), logo.height(), 8, PDDeviceGray.INSTANCE);
                image.getCOSObject().setItem(COSName.SMASK, mask);
            }
            float scale = Math.min(LOGO_BOX_WIDTH / logo.width(), LOGO_BOX_HEIGHT / logo.height());
            float width = logo.width() * scale;
            float height = logo.height() * scale;
            out.drawImage(image, MARGIN, y - height, width, height);
            y -= height + 8;
        }

        private void parties() throws IOException {
            line(MARGIN, y, MARGIN + WIDTH, y, GREY);
            y -= 12;
            text(bold, 8, MARGIN, y, "BILL TO (RECIPIENT)", brand);
            y -= 12;
            text(bold, 10, MARGIN, y, d.recipient().name(), null);
            y -= 12;
            y = partyLines(d.recipient(), MARGIN, y, WIDTH) - 6;
        }

        /** Address lines, GSTIN and state of a party; answers the y under them. */
        private float partyLines(Party p, float x, float from, float width) throws IOException {
            float at = from;
            for (String addressLine : p.address()) {
                for (String wrapped : wrap(regular, addressLine, 8.5f, width)) {
                    text(regular, 8.5f, x, at, wrapped, null);
                    at -= 10.5f;
                }
            }
            text(regular, 8.5f, x, at, "GSTIN: " + (p.gstin() != null ? p.gstin() : "Unregistered"), null);
            at -= 10.5f;
            if (p.state() != null) {
                text(regular, 8.5f, x, at, "State: " + p.state(), null);
                at -= 10.5f;
            }
            return at;
        }

        private float field(float x, float at, String label, String value) throws IOException {
            text(regular, 8.5f, x, at, label + ":", GREY_TEXT);
            text(bold, 8.5f, x + 72, at, value, null);
            return at - 11.5f;
        }

        // ---- the lines

        /** The line table's columns; the description takes what the figures leave of the page's width. */
        private static List<Column> columns(boolean interState) {
            List<Column> cols = new ArrayList<>();
            cols.add(new Column("#", 12, true, l -> Integer.toString(l.position())));
            cols.add(null);
            cols.add(new Column("HSN/SAC", 34, false, l -> l.hsnSac() == null ? "" : l.hsnSac()));
            cols.add(new Column("Qty", 28, true, l -> l.quantity().stripTrailingZeros().toPlainString()));
            cols.add(new Column("Unit", 22, false, InvoiceView.LineView::unit));
            cols.add(new Column("Rate", 42, true, l -> IndianAmounts.inFigures(l.unitPrice())));
            cols.add(new Column("Value", 46, true, l -> IndianAmounts.inFigures(value(l))));
            cols.add(new Column("Disc.", 36, true, l -> IndianAmounts.inFigures(value(l).subtract(l.taxableAmount()))));
            cols.add(new Column("Taxable\nValue", 46, true, l -> IndianAmounts.inFigures(l.taxableAmount())));
            if (interState) {
                cols.add(new Column("IGST\nRate", 26, true, l -> percent(l.gstRate())));
                cols.add(new Column("IGST\nAmount", 44, true, l -> IndianAmounts.inFigures(l.igst())));
            } else {
                cols.add(new Column("CGST\nRate", 24, true, l -> percent(half(l.gstRate()))));
                cols.add(new Column("CGST\nAmount", 38, true, l -> IndianAmounts.inFigures(l.cgst())));
                cols.add(new Column("SGST\nRate", 24, true, l -> percent(half(l.gstRate()))));
                cols.add(new Column("SGST\nAmount", 38, true, l -> IndianAmounts.inFigures(l.sgst())));
            }
            cols.add(new Column("Total", 48, true, l -> IndianAmounts.inFigures(l.total())));
            float figures = (float) cols.stream().filter(java.util.Objects::nonNull).mapToDouble(Column::width).sum();
            cols.set(1, new Column("Description", WIDTH - figures, false, InvoiceView.LineView::description));
            return cols;
        }

        private static BigDecimal value(InvoiceView.LineView l) {
            return GstCalculator.value(l.quantity(), l.unitPrice());
        }

        private static BigDecimal half(BigDecimal rate) {
            return rate.divide(BigDecimal.valueOf(2));
        }

        private static String percent(BigDecimal rate) {
            return rate.stripTrailingZeros().toPlainString() + "%";
        }

        private void tableHeader() throws IOException {
            float height = 2 * TABLE_LEADING + 4;
            fill(MARGIN, y - height, WIDTH, height, brand);
            float x = MARGIN;
            for (Column c : columns) {
                String[] parts = c.header().split("\n");
                float ty = y - TABLE_LEADING + (parts.length == 1 ? -TABLE_LEADING / 2 : 0);
                for (String part : parts) {
                    cell(bold, part, x, ty, c, WHITE);
                    ty -= TABLE_LEADING;
                }
                x += c.width();
            }
            y -= height;
        }

        private void row(InvoiceView.LineView line) throws IOException {
            Column description = columns.get(1);
            List<String> descriptionLines = wrap(regular, line.description(), TABLE_SIZE, description.width() - 2 * CELL_PADDING);
            float height = descriptionLines.size() * TABLE_LEADING + 4;
            if (y - height < BOTTOM) {
                continuationPage();
                tableHeader();
            }
            float x = MARGIN;
            float ty = y - TABLE_LEADING;
            for (Column c : columns) {
                if (c == description) {
                    float dy = ty;
                    for (String part : descriptionLines) {
                        cell(regular, part, x, dy, c, null);
                        dy -= TABLE_LEADING;
                    }
                } else {
                    cell(regular, c.value().apply(line), x, ty, c, null);
                }
                x += c.width();
            }
            y -= height;
            line(MARGIN, y, MARGIN + WIDTH, y, LIGHT);
        }

        private void cell(Face face, String value, float x, float baseline, Column c, float[] colour) throws IOException {
            float tx = c.right() ? x + c.width() - CELL_PADDING - face.width(value, TABLE_SIZE) : x + CELL_PADDING;
            text(face, TABLE_SIZE, tx, baseline, value, colour);
        }

        // ---- totals, words, payment and signature: together on the last page

        private void totals() throws IOException {
            List<String[]> figures = new ArrayList<>();
            figures.add(new String[]{"Taxable Value", rupees(inv.taxableAmount())});
            if (inv.interState()) {
                figures.add(new String[]{"IGST", rupees(inv.igst())});
            } else {
                figures.add(new String[]{"CGST", rupees(inv.cgst())});
                figures.add(new String[]{"SGST", rupees(inv.sgst())});
            }
            figures.add(new String[]{"Round Off", rupees(inv.roundOff())});
            List<String> words = wrap(regular, inv.amountInWords(), 8.5f, WIDTH);
            boolean payments = inv.amountPaid().signum() > 0;
            float needed = (figures.size() + (payments ? 3 : 1)) * 12 + 20 + words.size() * 11 + 24 + QR_SIZE + 30;
            if (y - needed < BOTTOM) {
                continuationPage();
            }
            y -= 14;
            float labelX = MARGIN + WIDTH - 200;
            for (String[] f : figures) {
                amountLine(regular, 9, labelX, f[0], f[1]);
            }
            line(labelX, y + 8, MARGIN + WIDTH, y + 8, GREY);
            y -= 3;
            amountLine(bold, 11, labelX, "Total", rupees(inv.total()));
            if (payments) {
                amountLine(regular, 9, labelX, "Amount Paid", rupees(inv.amountPaid()));
                amountLine(bold, 9, labelX, "Balance Due", rupees(inv.balanceDue()));
            }
            y -= 6;
            text(bold, 8.5f, MARGIN, y, "Total in words:", null);
            y -= 11;
            for (String w : words) {
                text(regular, 8.5f, MARGIN, y, w, null);
                y -= 11;
            }
            y -= 10;
            float blockTop = y;
            if (d.upiUri() != null) {
                qr(d.upiUri(), MARGIN, blockTop - QR_SIZE);
                float tx = MARGIN + QR_SIZE + 8;
                text(bold, 8.5f, tx, blockTop - 12, "Scan to pay with any UPI app", brand);
                text(regular, 8.5f, tx, blockTop - 24, "Amount: " + rupees(inv.balanceDue()), null);
                text(regular, 8.5f, tx, blockTop - 36, "Reference: " + numberOrDraft(), null);
            }
            float sx = MARGIN + WIDTH - 200;
            text(bold, 9, sx, blockTop - 12, "For " + d.supplier().name(), null);
            line(sx, blockTop - 62, MARGIN + WIDTH, blockTop - 62, GREY);
            text(regular, 8.5f, sx, blockTop - 74, "Authorised Signatory", null);
            y = blockTop - QR_SIZE - 8;
        }

        private void amountLine(Face face, float size, float labelX, String label, String amount) throws IOException {
            text(face, size, labelX, y, label, null);
            text(face, size, MARGIN + WIDTH - face.width(amount, size), y, amount, null);
            y -= size + 4;
        }

        private static String rupees(BigDecimal amount) {
            String figures = IndianAmounts.inFigures(amount);
            return figures.startsWith("-") ? "-₹" + figures.substring(1) : "₹" + figures;
        }

        /** The QR code as dark squares, one path for the whole symbol, with its quiet zone left white. */
        private void qr(String content, float x, float bottom) throws IOException {
            BitMatrix matrix;
            try {
                matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                        Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                                EncodeHintType.CHARACTER_SET, "UTF-8"));
            } catch (WriterException e) {
                throw new IllegalArgumentException("The UPI payment address does not fit a QR code", e);
            }
            float quiet = 6;
            float module = (QR_SIZE - 2 * quiet) / matrix.getWidth();
            fill(x, bottom, QR_SIZE, QR_SIZE, WHITE);
            out.setNonStrokingColor(0f, 0f, 0f);
            for (int row = 0; row < matrix.getHeight(); row++) {
                int col = 0;
                while (col < matrix.getWidth()) {
                    if (!matrix.get(col, row)) {
                        col++;
                        continue;
                    }
                    int start = col;
                    while (col < matrix.getWidth() && matrix.get(col, row)) {
                        col++;
                    }
                    out.addRect(x + quiet + start * module, bottom + QR_SIZE - quiet - (row + 1) * module, (col - start) * module, module);
                }
            }
            out.fill();
        }

        // ---- drawing

        private void text(Face face, float size, float x, float baseline, String value, float[] colour) throws IOException {
            if (value == null || value.isEmpty()) {
                return;
            }
            float[] c = colour != null ? colour : BLACK;
            out.setNonStrokingColor(c[0], c[1], c[2]);
            out.beginText();
            out.setFont(face.font(), size);
            out.newLineAtOffset(x, baseline);
            out.showText(face.printable(value));
            out.endText();
        }

        private void fill(float x, float bottom, float w, float h, float[] colour) throws IOException {
            out.setNonStrokingColor(colour[0], colour[1], colour[2]);
            out.addRect(x, bottom, w, h);
            out.fill();
        }

        private void line(float x1, float y1, float x2, float y2, float[] colour) throws IOException {
            out.setStrokingColor(colour[0], colour[1], colour[2]);
            out.setLineWidth(0.5f);
            out.moveTo(x1, y1);
            out.lineTo(x2, y2);
            out.stroke();
        }
    }

    private static final float[] WHITE = {1, 1, 1};
    private static final float[] BLACK = {0, 0, 0};
    private static final float[] GREY = {0.55f, 0.55f, 0.55f};
    private static final float[] GREY_TEXT = {0.35f, 0.35f, 0.35f};
    private static final float[] LIGHT = {0.85f, 0.85f, 0.85f};

    private static float[] rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new float[]{(v >> 16 & 0xFF) / 255f, (v >> 8 & 0xFF) / 255f, (v & 0xFF) / 255f};
    }

    /** Words that fit the width, line by line; a word longer than a line is cut. */
    static List<String> wrap(Face face, String text, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : face.printable(text).split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (face.width(candidate, size) <= width) {
                current.setLength(0);
                current.append(candidate);
                continue;
            }
            if (!current.isEmpty()) {
                lines.add(current.toString());
                current.setLength(0);
            }
            String rest = word;
            while (face.width(rest, size) > width && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && face.width(rest.substring(0, cut), size) > width) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            current.append(rest);
        }
        if (!current.isEmpty() || lines.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }
}
