package io.ipsc.invoicing.settings;

import io.ipsc.tenancy.error.ApiException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The logo's judgement and its print form, without Quarkus. */
class LogoImageTest {

    @Test
    void aLargeLogoIsKeptAtThePrintMaximumAndASmallOneAsItIs() throws Exception {
        // 1600 x 400 into 640 x 224: the width binds, 640 / 1600 = 0.4 -> 640 x 160.
        assertEquals("640x160", size(LogoImage.accept("image/png", png(1600, 400, false)).print()));
        // 100 x 1000 (a tall mark): the height binds, 224 / 1000 = 0.224 -> 22.4 -> 22 x 224.
        assertEquals("22x224", size(LogoImage.accept(null, png(100, 1000, false)).print()));
        // Smaller than the box's resolution: never enlarged.
        assertEquals("120x40", size(LogoImage.accept("image/png", png(120, 40, false)).print()));
    }

    @Test
    void thePrintFormIsRgbAndAlphaOnlyWhenSomethingIsTransparent() throws Exception {
        LogoImage.Print opaque = LogoImage.accept("image/png", png(10, 4, false)).print();
        assertNull(opaque.alpha());
        byte[] rgb = inflate(opaque.rgb());
        assertEquals(10 * 4 * 3, rgb.length);
        // The fill is orange (FF 88 00), in the order the PDF reads samples: R, G, B.
        assertEquals(0xFF, rgb[0] & 0xFF);
        assertEquals(0x88, rgb[1] & 0xFF);
        assertEquals(0x00, rgb[2] & 0xFF);
        LogoImage.Print transparent = LogoImage.accept("image/png", png(10, 4, true)).print();
        assertNotNull(transparent.alpha());
        assertEquals(10 * 4, inflate(transparent.alpha()).length);
    }

    @Test
    void theTypeComesFromTheBytes() throws Exception {
        assertEquals(LogoImage.PNG, LogoImage.typeOf(png(2, 2, false)));
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);
        assertEquals(LogoImage.JPEG, LogoImage.typeOf(jpeg.toByteArray()));
        assertEquals(LogoImage.JPEG, LogoImage.accept("image/jpg", jpeg.toByteArray()).contentType());
        assertNull(LogoImage.typeOf("GIF89a".getBytes()));
        assertEquals(415, assertThrows(ApiException.class, () -> LogoImage.accept("image/jpeg", png(2, 2, false))).status());
    }

    private static String size(LogoImage.Print print) {
        return print.width() + "x" + print.height();
    }

    private static byte[] png(int width, int height, boolean transparentCorner) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xFF, 0x88, 0x00));
        g.fillRect(0, 0, width, height);
        g.dispose();
        if (transparentCorner) {
            image.setRGB(width - 1, height - 1, 0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!inflater.finished()) {
            out.write(chunk, 0, inflater.inflate(chunk));
        }
        inflater.end();
        return out.toByteArray();
    }
}
