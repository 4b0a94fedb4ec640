package io.ipsc.invoicing.settings;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The module's settings: rows of {@code module_settings}, read by every member, changed by the tenant's admins. */
@RequestScoped
public class InvoicingSettingsService {

    static final String PREFIX = "invoice_prefix";
    static final String NEGATIVE_STOCK = "allow_negative_stock";
    static final String UPI_ID = "upi_id";
    static final String PAYEE_NAME = "payee_name";
    static final String BRAND_COLOR = "brand_color";
    static final String SUPPLIER_ADDRESS = "supplier_address";
    static final String LUT_REFERENCE = "lut_reference";

    /** A UPI virtual payment address: name@handle (NPCI: letters, digits, '.', '-', '_' before the '@'; the PSP's handle after). */
    static final Pattern VPA = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{1,255}@[A-Za-z][A-Za-z0-9]{1,63}$");
    private static final Pattern COLOR = Pattern.compile("^#[0-9A-Fa-f]{6}$");
    // The number is <prefix>/<yyyy>/<nnnnn> in a varchar(16): five characters are left for the prefix.
    private static final Pattern INVOICE_PREFIX = Pattern.compile("^[A-Za-z0-9-]{1,5}$");

    private final TenantContext tenant;

    public InvoicingSettingsService(TenantContext tenant) {
        this.tenant = tenant;
    }

    public Uni<InvoicingSettings> get() {
        return tenant.withDatabase(InvoicingSettingsService::read);
    }

    public Uni<InvoicingSettings> change(InvoicingSettings.Change change) {
        tenant.requireRole(Role.ADMIN, "change the invoicing settings");
        Map<String, String> values = validated(change);
        return tenant.withDatabase(pool -> pool.withTransaction(conn -> {
            List<Tuple> set = new ArrayList<>();
            List<String> unset = new ArrayList<>();
            values.forEach((key, value) -> {
                if (value.isEmpty()) {
                    unset.add(key);
                } else {
                    set.add(Tuple.of(key, value));
                }
            });
            Uni<?> writes = set.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery("INSERT INTO module_settings (key, value) VALUES ($1, $2) "
                    + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()").executeBatch(set);
            return writes.flatMap(x -> unset.isEmpty() ? Uni.createFrom().voidItem()
                            : conn.preparedQuery("DELETE FROM module_settings WHERE key = ANY($1)").execute(Tuple.of(unset.toArray(new String[0]))))
                    .flatMap(x -> read(conn));
        }));
    }

    /** The settings in a tenant's database, defaults filled in. */
    public static Uni<InvoicingSettings> read(SqlClient conn) {
        return conn.query("SELECT key, value FROM module_settings").execute().flatMap(rows -> {
            Map<String, String> stored = new HashMap<>();
            for (Row row : rows) {
                stored.put(row.getString("key"), row.getString("value"));
            }
            return InvoiceLogoService.describe(conn).map(logo -> new InvoicingSettings(stored.getOrDefault(PREFIX, InvoicingSettings.DEFAULT_PREFIX),
                    Boolean.parseBoolean(stored.get(NEGATIVE_STOCK)), stored.get(UPI_ID), stored.get(PAYEE_NAME),
                    stored.getOrDefault(BRAND_COLOR, InvoicingSettings.DEFAULT_BRAND_COLOR), stored.get(SUPPLIER_ADDRESS), logo,
                    stored.get(LUT_REFERENCE)));
        });
    }

    /** Each given field, checked, by its key; "" for one to put back to its default. */
    private static Map<String, String> validated(InvoicingSettings.Change c) {
        if (c == null) {
            throw ApiException.badRequest("MISSING_BODY", null, "Send the settings to change as JSON");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<ErrorDetail> errors = new ArrayList<>();
        text(values, errors, PREFIX, c.invoicePrefix(), INVOICE_PREFIX, "invoice_prefix must be 1 to 5 letters, digits or '-'");
        if (c.allowNegativeStock() != null) {
            values.put(NEGATIVE_STOCK, c.allowNegativeStock().toString());
        }
        text(values, errors, UPI_ID, c.upiId(), VPA, "upi_id must be a UPI ID like name@bank (letters, digits, '.', '-', '_' before the @)");
        text(values, errors, PAYEE_NAME, c.payeeName(), Pattern.compile("^[^\\x00-\\x1F]{1,100}$"), "payee_name must be at most 100 characters");
        text(values, errors, BRAND_COLOR, c.brandColor(), COLOR, "brand_color must be a colour like #1F3A5F");
        text(values, errors, SUPPLIER_ADDRESS, c.supplierAddress(), Pattern.compile("^[^\\x00]{1,300}$"),
                "supplier_address must be at most 300 characters");
        // The ARN the GST portal gives a filed LUT (AD followed by 13 characters), or a bond's reference: free text, one line.
        text(values, errors, LUT_REFERENCE, c.lutReference(), Pattern.compile("^[^\\x00-\\x1F]{1,50}$"),
                "lut_reference must be one line of at most 50 characters (the LUT's ARN, e.g. AD270324001234X)");
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        if (values.isEmpty()) {
            throw ApiException.badRequest("EMPTY_UPDATE", null, "Name at least one setting to change");
        }
        return values;
    }

    private static void text(Map<String, String> values, List<ErrorDetail> errors, String key, String given, Pattern form, String rule) {
        if (given == null) {
            return;
        }
        String value = given.strip();
        if (!value.isEmpty() && !form.matcher(value).matches()) {
            errors.add(new ErrorDetail(key, rule));
            return;
        }
        values.put(key, value);
    }
}
