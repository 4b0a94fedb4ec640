package io.ipsc.invoicing.settings;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/**
 * The logo printed on the tenant's tax invoices, as the API describes it: its type, its size in pixels
 * and bytes, and its ETag (the one {@code GET /api/invoices/settings/logo} answers with).
 */
public record InvoiceLogo(String contentType, int width, int height, int sizeBytes, String etag, OffsetDateTime updatedAt) {

    /** An upload: the image's bytes (base64 in JSON) and, optionally, the type it claims to be. */
    @Schema(name = "InvoiceLogoUpload")
    public record Upload(@Schema(description = "image/png or image/jpeg; checked against the bytes when given") String contentType,
                         @Schema(type = SchemaType.STRING, format = "byte", description = "The image's bytes, base64-encoded: a PNG or JPEG of at most 512 KB and 2000 x 2000 pixels",
                                 required = true) byte[] data) {
    }

    /** The logo's bytes as uploaded, for {@code GET}. */
    public record Stored(String contentType, byte[] data, String etag) {
    }
}
