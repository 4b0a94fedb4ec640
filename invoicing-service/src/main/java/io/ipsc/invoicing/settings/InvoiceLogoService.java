package io.ipsc.invoicing.settings;

import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.RequestScoped;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The logo printed on the tenant's tax invoices, one of its invoicing settings: stored in the tenant's
 * own database (its backups hold it, and a PDF needs neither branding-service nor a fetch of a URL).
 * Every member reads it; the tenant's admins change it.
 */
@RequestScoped
public class InvoiceLogoService {

    private static final String DESCRIBE = "SELECT content_type, width, height, octet_length(data) AS size_bytes, etag, updated_at FROM invoice_logo";

    private final TenantContext tenant;
    private final InvoiceLogoCache cache;

    public InvoiceLogoService(TenantContext tenant, InvoiceLogoCache cache) {
        this.tenant = tenant;
        this.cache = cache;
    }

    /** Judges the upload on a worker thread (decoding is CPU work), then stores it in place of the one before. */
    public Uni<InvoiceLogo> replace(InvoiceLogo.Upload upload) {
        tenant.requireRole(Role.ADMIN, "change the invoice logo");
        if (upload == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the logo as JSON: {\"content_type\": \"image/png\", \"data\": \"<base64>\"}");
        }
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> Uni.createFrom().item(() -> LogoImage.accept(upload.contentType(), upload.data()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(accepted -> {
                    String etag = sha256(upload.data());
                    LogoImage.Print print = accepted.print();
                    return pool.preparedQuery("INSERT INTO invoice_logo (content_type, data, width, height, print_width, print_height, "
                                    + "print_rgb, print_alpha, etag) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (only_row) DO UPDATE SET "
                                    + "content_type = EXCLUDED.content_type, data = EXCLUDED.data, width = EXCLUDED.width, height = EXCLUDED.height, "
                                    + "print_width = EXCLUDED.print_width, print_height = EXCLUDED.print_height, print_rgb = EXCLUDED.print_rgb, "
                                    + "print_alpha = EXCLUDED.print_alpha, etag = EXCLUDED.etag, updated_at = now() "
                                    + "RETURNING content_type, width, height, octet_length(data) AS size_bytes, etag, updated_at")
                            .execute(Tuple.from(new Object[]{accepted.contentType(), buffer(upload.data()), accepted.width(), accepted.height(),
                                    print.width(), print.height(), buffer(print.rgb()), print.alpha() == null ? null : buffer(print.alpha()), etag}))
                            .map(rows -> {
                                cache.put(slug, etag, print);
                                return describe(rows.iterator().next());
                            });
                }));
    }

    /** The logo's bytes as uploaded; 404 {@code LOGO_NOT_SET} without one. */
    public Uni<InvoiceLogo.Stored> image() {
        return tenant.withDatabase(pool -> pool.query("SELECT content_type, data, etag FROM invoice_logo").execute()
                .map(rows -> {
                    Row row = single(rows);
                    return new InvoiceLogo.Stored(row.getString("content_type"), row.getBuffer("data").getBytes(), row.getString("etag"));
                }));
    }

    public Uni<Void> remove() {
        tenant.requireRole(Role.ADMIN, "remove the invoice logo");
        String slug = tenant.slug();
        return tenant.withDatabase(pool -> pool.query("DELETE FROM invoice_logo").execute().map(rows -> {
            cache.forget(slug);
            if (rows.rowCount() == 0) {
                throw notSet();
            }
            return null;
        }));
    }

    /** The logo as the PDF draws it, for the ETag the settings named: from memory when held, else read once and held. */
    public Uni<LogoImage.Print> print(String etag) {
        String slug = tenant.slug();
        LogoImage.Print held = cache.get(slug, etag);
        if (held != null) {
            return Uni.createFrom().item(held);
        }
        return tenant.withDatabase(pool -> pool.query("SELECT print_width, print_height, print_rgb, print_alpha, etag FROM invoice_logo")
                .execute().map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        // Removed since the settings were read: the invoice prints without it.
                        return null;
                    }
                    Row row = rows.iterator().next();
                    LogoImage.Print print = new LogoImage.Print(row.getInteger("print_width"), row.getInteger("print_height"),
                            row.getBuffer("print_rgb").getBytes(), row.getBuffer("print_alpha") == null ? null : row.getBuffer("print_alpha").getBytes());
                    cache.put(slug, row.getString("etag"), print);
                    return print;
                }));
    }

    /** The logo's description in a tenant's database, or null without one (no bytes read). */
    static Uni<InvoiceLogo> describe(SqlClient conn) {
        return conn.query(DESCRIBE).execute().map(rows -> rows.iterator().hasNext() ? describe(rows.iterator().next()) : null);
    }

    private static InvoiceLogo describe(Row row) {
        return new InvoiceLogo(row.getString("content_type"), row.getInteger("width"), row.getInteger("height"), row.getInteger("size_bytes"),
                row.getString("etag"), row.getOffsetDateTime("updated_at"));
    }

    private static Row single(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            throw notSet();
        }
        return rows.iterator().next();
    }

    private static ApiException notSet() {
        return new ApiException(404, "LOGO_NOT_SET", "No logo is set for the invoices; upload one with PUT /api/invoices/settings/logo");
    }

    /** The SQL client encodes bytea from Vert.x's core buffer (not its Mutiny wrapper). */
    private static Buffer buffer(byte[] bytes) {
        return Buffer.buffer(bytes);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
