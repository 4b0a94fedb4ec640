package io.ipsc.tenant.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ipsc.tenancy.Timestamps;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.openapi.BearerAuth;
import io.ipsc.tenancy.security.Role;
import io.ipsc.tenant.membership.MembershipService;
import io.ipsc.tenant.tenant.Tenant;
import io.ipsc.tenant.tenant.TenantAccess;
import io.ipsc.tenant.tenant.TenantService;
import io.ipsc.tenant.tenant.TenantView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.ipsc.tenancy.openapi.ErrorAnswers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.jboss.resteasy.reactive.RestMulti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code GET /api/tenants/{slug}/export}: everything the suite holds for one tenant, as a zip — its profile
 * and members from here, and each service's tables (one JSON file per table, each service asked on the
 * caller's behalf, so it applies its own checks) — with a manifest naming each service's database and schema
 * version. For data portability (India's DPDP Act 2023) and for an auditor. Streamed: one table is in memory
 * at a time, here and in the service that reads it.
 */
@Tag(name = "Tenants")
@SecurityRequirement(name = BearerAuth.SCHEME)
@Path("/api/tenants/{slug}/export")
public class TenantExportResource {

    static final String TABLES = "/api/tenant-database/tables";

    private final TenantAccess access;
    private final TenantService tenants;
    private final MembershipService members;
    private final ModuleClient modules;
    private final ObjectMapper json;

    public TenantExportResource(TenantAccess access, TenantService tenants, MembershipService members, ModuleClient modules,
                                ObjectMapper json) {
        this.access = access;
        this.tenants = tenants;
        this.members = members;
        this.modules = modules;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @GET
    @Produces("application/zip")
    @Operation(operationId = "exportTenant", summary = "Export all of a tenant's data as a zip (tenant admins)")
    @Extension(name = ErrorAnswers.CODES, value = "UPSTREAM_UNAVAILABLE")
    @APIResponse(responseCode = "200", description = "A zip: manifest.json, platform/tenant.json and members.json, "
            + "then <service>/<table>.json for every table of every service the tenant uses",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public RestMulti<byte[]> export(@PathParam("slug") String slug, @HeaderParam("Authorization") String authorization) {
        // Everything that can refuse the export (access, a service that does not answer) is settled before the
        // first byte: a refusal is then an ordinary error answer, not a broken zip.
        Uni<Prepared> prepared = Panache.withSession(() -> access.requireRole(slug, Role.ADMIN)
                .flatMap(tenant -> members.all(tenant)
                        .flatMap(all -> tableLists(tenant, slug, authorization)
                                .map(lists -> new Prepared(tenant, all, lists)))));
        return RestMulti.fromUniResponse(prepared, p -> stream(p, slug, authorization), p -> Map.of(
                "Content-Type", List.of("application/zip"),
                "Content-Disposition", List.of("attachment; filename=\"" + p.tenant().slug + "-export-" + java.time.LocalDate.now() + ".zip\"")));
    }

    private record Prepared(Tenant tenant, List<?> members, Map<String, JsonObject> tables) {
    }

    private Multi<byte[]> stream(Prepared prepared, String slug, String authorization) {
        Zip zip = new Zip();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("tenant", prepared.tenant().slug);
        manifest.put("exported_at", Timestamps.now().toString());
        manifest.put("format", "one JSON array of row objects per table, column names as keys");
        Map<String, Object> services = new LinkedHashMap<>();
        manifest.put("services", services);
        List<String> incomplete = new ArrayList<>();
        manifest.put("incomplete", incomplete);

        Multi<byte[]> platform = Multi.createFrom().items(() -> java.util.stream.Stream.of(
                zip.entry("platform/tenant.json", write(TenantView.of(prepared.tenant()))),
                zip.entry("platform/members.json", write(prepared.members()))));
        Multi<byte[]> tables = Multi.createFrom().iterable(prepared.tables().entrySet()).onItem().transformToMultiAndConcatenate(list -> {
            String service = list.getKey();
            JsonObject described = list.getValue();
            services.put(service, Map.of("database", String.valueOf(described.getString("database")),
                    "schema_version", String.valueOf(described.getString("schema_version")),
                    "tables", described.getJsonArray("tables").getList()));
            return Multi.createFrom().iterable(described.getJsonArray("tables")).onItem().transformToUniAndConcatenate(entry -> {
                String table = ((JsonObject) entry).getString("name");
                // Encoding and deflating a table is CPU work that grows with the table: a worker does it, not the event loop.
                return modules.get(service, TABLES + "/" + table, slug, authorization).emitOn(Infrastructure.getDefaultWorkerPool()).map(answer -> {
                    if (!answer.ok()) {
                        incomplete.add(service + "/" + table + ": " + answer.problem());
                        return new byte[0];
                    }
                    JsonArray rows = answer.data().getJsonArray("rows");
                    return zip.entry(service + "/" + table + ".json", rows.encodePrettily().getBytes(StandardCharsets.UTF_8));
                });
            });
        });
        // Written last: it says which tables could not be read while the others streamed.
        Multi<byte[]> end = Multi.createFrom().item(() -> zip.finish("manifest.json", write(manifest)));
        return Multi.createBy().concatenating().streams(platform, tables, end).filter(bytes -> bytes.length > 0);
    }

    /**
     * Each service's list of the tenant's tables, asked before the first byte is sent: a service that cannot
     * answer fails the export with 502 while it still can, rather than leaving a zip without its data.
     */
    private Uni<Map<String, JsonObject>> tableLists(Tenant tenant, String slug, String authorization) {
        List<String> services = new ArrayList<>(tenants.databaseNames(tenant).keySet());
        List<Uni<ModuleClient.Answer>> asked = services.stream().map(s -> modules.get(s, TABLES, slug, authorization)).toList();
        return Uni.join().all(asked).andFailFast().map(answers -> {
            Map<String, JsonObject> lists = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (ModuleClient.Answer answer : answers) {
                if (answer.ok()) {
                    lists.put(answer.service(), answer.data());
                } else {
                    missing.add(answer.service() + " (" + answer.problem() + ")");
                }
            }
            if (!missing.isEmpty()) {
                throw new ApiException(502, "UPSTREAM_UNAVAILABLE", "The export needs every service of the tenant; not answering: "
                        + String.join(", ", missing) + ". Try again shortly.");
            }
            return lists;
        });
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zip written entry by entry; each call returns the bytes the entry added, to be sent at once. */
    static final class Zip {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final ZipOutputStream out = new ZipOutputStream(buffer, StandardCharsets.UTF_8);

        synchronized byte[] entry(String name, byte[] content) {
            try {
                out.putNextEntry(new ZipEntry(name));
                out.write(content);
                out.closeEntry();
                out.flush();
                return drain();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized byte[] finish(String name, byte[] content) {
            try {
                byte[] last = entry(name, content);
                out.finish();
                byte[] end = drain();
                byte[] all = new byte[last.length + end.length];
                System.arraycopy(last, 0, all, 0, last.length);
                System.arraycopy(end, 0, all, last.length, end.length);
                return all;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] drain() {
            byte[] bytes = buffer.toByteArray();
            buffer.reset();
            return bytes;
        }
    }
}
