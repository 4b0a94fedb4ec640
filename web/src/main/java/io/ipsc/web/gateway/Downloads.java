package io.ipsc.web.gateway;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The generated client answers a binary body (a PDF, an image) as a temporary file: read here and removed. */
public final class Downloads {

    private Downloads() {
    }

    public static byte[] readAndDelete(File file, String what) {
        try {
            return Files.readAllBytes(file.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the downloaded " + what, e);
        } finally {
            // The client leaves each download in a temporary file: gone once read.
            file.delete();
        }
    }
}
