package io.ipsc.invoicing.settings;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.error.ApiException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * A logo upload judged and made ready for the tax invoice, once: PNG or JPEG by the bytes' signature and
 * by decoding them (a name or a claimed content type proves nothing), within {@link #MAX_BYTES} and
 * {@link #MAX_SIDE} pixels a side, then scaled down to what the invoice's logo box can show and kept as
 * the PDF's own image encoding ({@link Print}): no invoice decodes the upload again.
 */
public final class LogoImage {

    public static final int MAX_BYTES = 512 * 1024;
    public static final int MAX_SIDE = 2000;
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    /**
     * The most pixels kept for print: four per point of the invoice's logo box (160 x 56 pt), about 290 dpi,
     * as sharp as a printer shows it. A larger upload is scaled down; a smaller one is kept as it is.
     */
    static final int PRINT_MAX_WIDTH = 640;
    static final int PRINT_MAX_HEIGHT = 224;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    /**
     * The image as the PDF embeds it: 8-bit RGB samples and, when any pixel is not opaque, 8-bit alpha
     * samples (the soft mask), each zlib-compressed as the FlateDecode filter reads them.
     */
    public record Print(int width, int height, byte[] rgb, byte[] alpha) {
    }

    /** An accepted upload: its type found from its bytes, its size in pixels, and its print form. */
    public record Accepted(String contentType, int width, int height, Print print) {
    }

    private LogoImage() {
    }

    /**
     * The upload judged: 400 without bytes, 413 {@code LOGO_TOO_LARGE} over the size or the pixels,
     * 415 {@code LOGO_UNSUPPORTED_TYPE} for bytes that are no PNG or JPEG or another type than declared,
     * 400 {@code INVALID_LOGO} for bytes that start like one and do not decode. CPU work: a worker thread's.
     */
    public static Accepted accept(String declaredType, byte[] data) {
        if (data == null || data.length == 0) {
            throw ApiException.validation(List.of(new ErrorDetail("data", "data must be the image's bytes, base64-encoded")));
        }
        if (data.length > MAX_BYTES) {
            throw new ApiException(413, "LOGO_TOO_LARGE", "The logo is " + kilobytes(data.length) + " KB; at most "
                    + MAX_BYTES / 1024 + " KB is accepted");
        }
        String type = typeOf(data);
        if (type == null) {
            throw new ApiException(415, "LOGO_UNSUPPORTED_TYPE", "The logo must be a PNG or JPEG image; these bytes are neither");
        }
        String declared = declaredType == null ? null : declaredType.strip().toLowerCase(Locale.ROOT);
        if (declared != null && !declared.isEmpty() && !declared.equals(type) && !(declared.equals("image/jpg") && type.equals(JPEG))) {
            throw new ApiException(415, "LOGO_UNSUPPORTED_TYPE", "content_type says " + declaredType.strip() + " but the bytes are a "
                    + (type.equals(PNG) ? "PNG" : "JPEG") + " image (" + type + "); only image/png and image/jpeg are accepted");
        }
        BufferedImage image = decode(type, data);
        return new Accepted(type, image.getWidth(), image.getHeight(), print(image));
    }

    /** {@code image/png} or {@code image/jpeg} from the first bytes, or null. */
    static String typeOf(byte[] data) {
        if (startsWith(data, PNG_SIGNATURE)) {
            return PNG;
        }
        return startsWith(data, JPEG_SIGNATURE) ? JPEG : null;
    }

    /** The image, its size read from the header first so that an oversized one is refused before its pixels are. */
    private static BufferedImage decode(String type, byte[] data) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No image reader for " + type + " in this JVM");
        }
        ImageReader reader = readers.next();
        // In memory: ImageIO's default stream would spill to a temporary file.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width > MAX_SIDE || height > MAX_SIDE) {
                throw new ApiException(413, "LOGO_TOO_LARGE", "The logo is " + width + " x " + height + " pixels; at most "
                        + MAX_SIDE + " x " + MAX_SIDE + " is accepted");
            }
            BufferedImage image = reader.read(0);
            if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                throw unreadable(type, null);
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException refusal) {
                throw refusal;
            }
            throw unreadable(type, e);
        } finally {
            reader.dispose();
        }
    }

    private static ApiException unreadable(String type, Exception cause) {
        String why = cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return new ApiException(400, "INVALID_LOGO", "The logo starts like a " + (type.equals(PNG) ? "PNG" : "JPEG")
                + " image but cannot be read as one" + why);
    }

    /** The image fitted into the print maximum (never enlarged), as compressed RGB and, if it has any transparency, alpha. */
    static Print print(BufferedImage image) {
        double scale = Math.min(1, Math.min((double) PRINT_MAX_WIDTH / image.getWidth(), (double) PRINT_MAX_HEIGHT / image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage argb = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        try {
            // Area averaging: a logo shrunk several times over keeps its thin lines instead of dropping pixels.
            Image source = scale < 1 ? image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING) : image;
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        int[] pixels = argb.getRGB(0, 0, width, height, null, 0, width);
        byte[] rgb = new byte[pixels.length * 3];
        byte[] alpha = new byte[pixels.length];
        boolean opaque = true;
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            rgb[3 * i] = (byte) (p >> 16);
            rgb[3 * i + 1] = (byte) (p >> 8);
            rgb[3 * i + 2] = (byte) p;
            alpha[i] = (byte) (p >>> 24);
            opaque &= (p >>> 24) == 0xFF;
        }
        return new Print(width, height, deflate(rgb), opaque ? null : deflate(alpha));
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static long kilobytes(int bytes) {
        return (bytes + 1023) / 1024;
    }
}
