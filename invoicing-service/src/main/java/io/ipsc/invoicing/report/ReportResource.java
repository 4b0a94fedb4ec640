package io.ipsc.invoicing.report;

import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantContext;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * GST reports for a month, with {@code advanced_reporting}: a GSTR-1 style summary (B2B by customer
 * GSTIN; B2C large — unregistered, inter-state, above the threshold; B2C small by place of supply
 * and rate; HSN summary), each section's amounts added up in {@code totals}, and the sales register. Issued invoices only; drafts are not supplies yet.
 * The {@code reports} family needs {@code advanced_reporting}: the request guard refuses it before
 * any of this runs ({@link io.ipsc.tenancy.event.FeatureGates}).
 */
@Tag(name = "Reports")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class ReportResource {

    /** The columns a section's {@code totals} add up (the others are names, codes and rates, which do not add). */
    private static final List<String> ADDED_UP = List.of("invoices", "quantity", "taxable", "cgst", "sgst", "igst", "total");
    private static final List<String> GSTR1_SECTIONS = List.of("b2b", "b2c_large", "b2c_small", "hsn_summary");

    private static final String ISSUED_IN_MONTH = "i.status IN ('issued', 'partially_paid', 'paid') AND i.invoice_date BETWEEN $1 AND $2";

    private final TenantContext tenant;
    private final BigDecimal b2cLargeThreshold;

    public ReportResource(TenantContext tenant,
                          @ConfigProperty(name = "ipsc.invoicing.b2c-large-threshold", defaultValue = "100000") BigDecimal b2cLargeThreshold) {
        this.tenant = tenant;
        this.b2cLargeThreshold = b2cLargeThreshold;
    }

    @GET
    @Path("/gstr1")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_MONTH")
    @Operation(operationId = "getGstr1Report", summary = "Get the GSTR-1 report for a month")
    public Uni<ApiResponse<Map<String, Object>>> gstr1(@QueryParam("month") String monthText) {
        YearMonth month = month(monthText);
        Tuple range = Tuple.of(month.atDay(1), month.atEndOfMonth());
        String b2b = "SELECT p.gstin, p.name, count(*) AS invoices, sum(i.taxable_amount) AS taxable, sum(i.cgst) AS cgst, sum(i.sgst) AS sgst, "
                + "sum(i.igst) AS igst, sum(i.total) AS total FROM invoices i JOIN parties p ON p.id = i.customer_id WHERE " + ISSUED_IN_MONTH
                + " AND p.gstin IS NOT NULL GROUP BY p.gstin, p.name ORDER BY p.gstin";
        String b2cl = "SELECT i.number, i.invoice_date, i.place_of_supply, i.taxable_amount AS taxable, i.igst, i.total FROM invoices i "
                + "JOIN parties p ON p.id = i.customer_id WHERE " + ISSUED_IN_MONTH + " AND p.gstin IS NULL AND i.inter_state AND i.total > $3 ORDER BY i.number";
        String b2cs = "SELECT i.place_of_supply, l.gst_rate, sum(l.taxable_amount) AS taxable, sum(l.cgst) AS cgst, sum(l.sgst) AS sgst, "
                + "sum(l.igst) AS igst FROM invoices i JOIN parties p ON p.id = i.customer_id JOIN invoice_lines l ON l.invoice_id = i.id WHERE "
                + ISSUED_IN_MONTH + " AND p.gstin IS NULL AND NOT (i.inter_state AND i.total > $3) GROUP BY i.place_of_supply, l.gst_rate "
                + "ORDER BY i.place_of_supply, l.gst_rate";
        String hsn = "SELECT coalesce(l.hsn_sac, '') AS hsn_sac, sum(l.quantity) AS quantity, sum(l.taxable_amount) AS taxable, sum(l.cgst) AS cgst, "
                + "sum(l.sgst) AS sgst, sum(l.igst) AS igst, sum(l.total) AS total FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE "
                + ISSUED_IN_MONTH + " GROUP BY coalesce(l.hsn_sac, '') ORDER BY 1";
        Tuple withThreshold = Tuple.of(month.atDay(1), month.atEndOfMonth(), b2cLargeThreshold);
        return tenant.withDatabase(pool -> pool.preparedQuery(b2b).execute(range)
                .flatMap(b2bRows -> pool.preparedQuery(b2cl).execute(withThreshold)
                        .flatMap(b2clRows -> pool.preparedQuery(b2cs).execute(withThreshold)
                                .flatMap(b2csRows -> pool.preparedQuery(hsn).execute(range).map(hsnRows -> {
                                    Map<String, Object> data = new LinkedHashMap<>();
                                    data.put("month", month.toString());
                                    data.put("supplier_gstin", tenant.tenant().snapshot().gstin());
                                    data.put("b2b", rows(b2bRows));
                                    data.put("b2c_large", rows(b2clRows));
                                    data.put("b2c_small", rows(b2csRows));
                                    data.put("hsn_summary", rows(hsnRows));
                                    data.put("totals", totals(data));
                                    return ApiResponse.ok(data, "GSTR-1 summary for " + month);
                                })))));
    }

    @GET
    @Path("/sales-register")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_MONTH")
    @Operation(operationId = "getSalesRegister", summary = "Get the sales register for a month")
    public Uni<ApiResponse<Map<String, Object>>> salesRegister(@QueryParam("month") String monthText) {
        YearMonth month = month(monthText);
        String sql = "SELECT i.number, i.invoice_date, p.name AS customer, p.gstin AS customer_gstin, i.place_of_supply, i.taxable_amount AS taxable, "
                + "i.cgst, i.sgst, i.igst, i.round_off, i.total, i.status FROM invoices i JOIN parties p ON p.id = i.customer_id WHERE "
                + ISSUED_IN_MONTH + " ORDER BY i.invoice_date, i.number";
        return tenant.withDatabase(pool -> pool.preparedQuery(sql).execute(Tuple.of(month.atDay(1), month.atEndOfMonth())))
                .map(rows -> ApiResponse.ok(Map.of("month", month.toString(), "invoices", rows(rows)), "Sales register for " + month));
    }

    private static YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            return YearMonth.now(java.time.ZoneId.of("Asia/Kolkata"));
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_MONTH", "month", "month must look like 2024-06");
        }
    }

    /** Each section's amounts added up over its rows ({@code totals.b2b.taxable}, ...), so that no reader adds tax itself. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> totals(Map<String, Object> report) {
        Map<String, Object> totals = new LinkedHashMap<>();
        for (String section : GSTR1_SECTIONS) {
            Map<String, Object> sums = new LinkedHashMap<>();
            for (Map<String, Object> row : (List<Map<String, Object>>) report.get(section)) {
                for (String column : ADDED_UP) {
                    if (row.get(column) instanceof Number n) {
                        sums.merge(column, new BigDecimal(n.toString()), (a, b) -> ((BigDecimal) a).add((BigDecimal) b));
                    }
                }
            }
            totals.put(section, sums);
        }
        return totals;
    }

    private static List<Map<String, Object>> rows(RowSet<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                Object v = r.getValue(i);
                m.put(r.getColumnName(i), v instanceof LocalDate d ? d.toString() : v);
            }
            out.add(m);
        }
        return out;
    }
}
