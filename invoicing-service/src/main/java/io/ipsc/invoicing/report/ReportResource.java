package io.ipsc.invoicing.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipsc.tenancy.api.ApiResponse;
import io.ipsc.tenancy.db.guard.TenantScoped;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * GST reports for a month, with {@code advanced_reporting}: GSTR-1 ({@link Gstr1} sorts it: B2B, B2CL, B2CS, the HSN
 * summary, the document summary) in the envelope, or as the file the GST portal's offline tool imports
 * ({@code format=json}, or {@code format=csv&section=b2b} one section's template), and the sales register. Issued
 * invoices only; drafts are not supplies yet. The {@code reports} family needs {@code advanced_reporting}: the
 * request guard refuses it before any of this runs ({@link io.ipsc.tenancy.event.FeatureGates}).
 */
@Tag(name = "Reports")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class ReportResource {

    private static final String CSV = "text/csv";
    // Plain decimals: the portal reads 1000.00, never 1E+3.
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final Gstr1Service reports;

    public ReportResource(Gstr1Service reports) {
        this.reports = reports;
    }

    @GET
    @Path("/gstr1")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_MONTH")
    @Operation(operationId = "getGstr1Report", summary = "Get the GSTR-1 report for a month",
            description = "Without format: the sections in the envelope, each with its totals. With format=json: the GST portal's "
                    + "offline-tool JSON as a file; with format=csv&section=b2b|b2cl|b2cs|cdnr|cdnur|exp|hsn|hsn_b2b|hsn_b2c|docs: that section's "
                    + "offline-tool CSV (exportGstr1 answers the same files, typed as such)")
    @APIResponse(responseCode = "200", description = "The month's GSTR-1", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiResponseMapStringObject"))})
    public Uni<Response> gstr1(@QueryParam("month") String monthText,
                               @Parameter(description = "json or csv: the portal's file instead of the envelope") @QueryParam("format") String format,
                               @Parameter(description = "with format=csv: b2b, b2cl, b2cs, cdnr, cdnur, exp, hsn (hsn_b2b and hsn_b2c from May 2025), docs")
                               @QueryParam("section") String section) {
        YearMonth month = month(monthText);
        if (format == null) {
            return reports.gstr1(month).map(r -> Response.ok(ApiResponse.ok(Gstr1Answer.of(r), "GSTR-1 summary for " + month),
                    MediaType.APPLICATION_JSON).build());
        }
        return file(month, format, section);
    }

    /** The same files as {@code gstr1?format=}, documented as a file so that a generated client hands back its bytes. */
    @GET
    @Path("/gstr1/export")
    // A generated client asks for application/octet-stream (the file as documented); a browser or curl for anything.
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON, CSV})
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_MONTH")
    @Operation(operationId = "exportGstr1", summary = "Download the month's GSTR-1 as the GST portal's offline-tool JSON or one section's CSV")
    @APIResponse(responseCode = "200", description = "The file, as an attachment", content = {
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Uni<Response> export(@QueryParam("month") String monthText,
                                @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
                                @Parameter(description = "with format=csv: b2b, b2cl, b2cs, cdnr, cdnur, exp, hsn (hsn_b2b and hsn_b2c from May 2025), docs")
                                @QueryParam("section") String section) {
        return file(month(monthText), format == null ? "json" : format, section);
    }

    @GET
    @Path("/sales-register")
    @Extension(name = ErrorAnswers.CODES, value = "INVALID_MONTH")
    @Operation(operationId = "getSalesRegister", summary = "Get the sales register for a month")
    public Uni<ApiResponse<Map<String, Object>>> salesRegister(@QueryParam("month") String monthText) {
        YearMonth month = month(monthText);
        return reports.salesRegister(month)
                .map(rows -> ApiResponse.ok(Map.of("month", month.toString(), "invoices", rows), "Sales register for " + month));
    }

    private Uni<Response> file(YearMonth month, String format, String section) {
        if (!"json".equals(format) && !"csv".equals(format)) {
            throw ApiException.badRequest("INVALID_FIELD", "format", "format must be json (the portal's offline-tool JSON) or csv (with a section)");
        }
        return reports.gstr1(month).map(r -> {
            String period = month.format(Gstr1PortalJson.PERIOD);
            if ("json".equals(format)) {
                return attachment(json(Gstr1PortalJson.of(r)), MediaType.APPLICATION_JSON, "GSTR1_" + period + ".json");
            }
            String csv = Gstr1Csv.of(r, section).orElseThrow(() -> ApiException.badRequest("INVALID_FIELD", "section",
                    "section must be one of " + String.join(", ", Gstr1Csv.sections(r.hsnSplit())) + " for " + month));
            return attachment(csv.getBytes(StandardCharsets.UTF_8), CSV + "; charset=UTF-8", "GSTR1_" + period + "_" + section + ".csv");
        });
    }

    private static Response attachment(byte[] body, String type, String name) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "private, no-store").build();
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("GSTR-1 JSON could not be written", e);
        }
    }

    private static YearMonth month(String text) {
        if (text == null || text.isBlank()) {
            return YearMonth.now(ZoneId.of("Asia/Kolkata"));
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_MONTH", "month", "month must look like 2024-06");
        }
    }
}
