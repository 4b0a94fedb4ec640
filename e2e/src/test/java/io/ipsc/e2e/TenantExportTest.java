package io.ipsc.e2e;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's export through the gateway: every service's rows of that tenant in one zip, with a manifest, and
 * nothing of another tenant's; refused to another tenant's admin and to the tenant's own non-admins.
 */
@ExtendWith(SuiteExtension.class)
class TenantExportTest {

    private static LocalSuite suite;
    private static String admin;
    private static final String MINE = "export-mine";
    private static final String THEIRS = "export-theirs";

    @BeforeAll
    static void twoTenantsWithDataInEveryService(LocalSuite started) {
        suite = started;
        admin = suite.adminToken();
        Tenants tenants = new Tenants(suite, admin);
        for (String slug : List.of(MINE, THEIRS)) {
            tenants.create(Tenants.business(slug)).then().statusCode(201);
        }
        tenants.awaitActive(List.of(MINE, THEIRS));
        for (String slug : List.of(MINE, THEIRS)) {
            Api.as(admin, suite.gatewayUrl()).body(Map.of("sku", "EXP-" + slug.toUpperCase(), "name", "Exported item of " + slug,
                    "hsn_sac", "8471", "price", "250.00", "gst_rate", 18, "stock_quantity", 5))
                    .post("/api/tenants/" + slug + "/products").then().statusCode(201);
            Api.as(admin, suite.gatewayUrl()).body(Map.of("company_name", "Brand of " + slug, "primary_color", "#1a73e8"))
                    .put("/api/tenants/" + slug + "/branding").then().statusCode(200);
        }
    }

    @Test
    void theExportHoldsEveryServicesRowsOfTheTenantAndNoneOfAnothers() throws IOException {
        Response response = export(admin, MINE);
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/zip"), response.contentType());
        assertTrue(response.header("Content-Disposition").contains(MINE + "-export-"), response.header("Content-Disposition"));
        Map<String, String> files = unzip(response.asByteArray());

        assertTrue(files.containsKey("platform/tenant.json") && files.containsKey("platform/members.json"), files.keySet().toString());
        JsonPath products = JsonPath.from(files.get("invoicing/products.json"));
        assertEquals(List.of("EXP-" + MINE.toUpperCase()), products.getList("sku"));
        assertTrue(files.get("branding/" + brandingTable(files) + ".json").contains("Brand of " + MINE));
        for (String content : files.values()) {
            assertFalse(content.contains(THEIRS), "nothing of " + THEIRS + " in the export of " + MINE);
        }

        JsonPath manifest = JsonPath.from(files.get("manifest.json"));
        assertEquals(MINE, manifest.getString("tenant"));
        assertEquals(List.of(), manifest.getList("incomplete"));
        assertTrue(manifest.getString("services.invoicing.schema_version") != null, files.get("manifest.json"));
        assertTrue(manifest.getString("services.branding.database").endsWith("_branding"), files.get("manifest.json"));
        // Every table the manifest lists is in the zip.
        for (String service : List.of("invoicing", "branding")) {
            for (String table : manifest.getList("services." + service + ".tables.name", String.class)) {
                assertTrue(files.containsKey(service + "/" + table + ".json"), service + "/" + table);
            }
        }
    }

    @Test
    void anotherTenantsAdminAndTheTenantsOwnStaffAreRefused() {
        String theirAdmin = member(THEIRS, "admin", "export-admin@theirs.example");
        Response refused = export(theirAdmin, MINE);
        assertEquals(403, refused.statusCode(), refused.asString());
        assertEquals("NOT_A_MEMBER", refused.jsonPath().getString("error.code"));
        // A header naming another tenant than the path is refused before anything is read.
        Response forged = Api.as(theirAdmin, suite.gatewayUrl()).header("X-Tenant-ID", MINE).accept("application/zip, application/json")
                .get("/api/tenants/" + THEIRS + "/export");
        assertEquals(400, forged.statusCode(), forged.asString());
        assertEquals("TENANT_MISMATCH", forged.jsonPath().getString("error.code"));

        String staff = member(MINE, "staff", "export-staff@mine.example");
        Response staffAnswer = export(staff, MINE);
        assertEquals(403, staffAnswer.statusCode(), staffAnswer.asString());
        assertEquals("INSUFFICIENT_ROLE", staffAnswer.jsonPath().getString("error.code"));
    }

    private static Response export(String token, String slug) {
        return Api.as(token, suite.gatewayUrl()).accept("application/zip, application/json").get("/api/tenants/" + slug + "/export");
    }

    private static String member(String slug, String role, String email) {
        String password = "export-member-" + role + "-1";
        int userId = Api.as(admin, suite.gatewayUrl()).body(Map.of("email", email, "password", password, "full_name", "Export " + role))
                .post("/api/users").then().statusCode(201).extract().path("data.id");
        Api.as(admin, suite.gatewayUrl()).body(Map.of("user_id", userId, "role", role))
                .post("/api/tenants/" + slug + "/users").then().statusCode(201);
        return suite.signIn(email, password);
    }

    /** The branding table that holds the tenant's brand (the one whose rows name the company). */
    private static String brandingTable(Map<String, String> files) {
        return files.keySet().stream().filter(f -> f.startsWith("branding/") && files.get(f).contains("company_name"))
                .map(f -> f.substring("branding/".length(), f.length() - ".json".length())).findFirst()
                .orElseThrow(() -> new AssertionError("no branding table with company_name in " + files.keySet()));
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
