package io.ipsc.tenant;

import io.ipsc.testsupport.EmbeddedInfrastructure;
import io.ipsc.testsupport.EmbeddedServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

import static io.ipsc.tenant.Api.as;
import static org.hamcrest.Matchers.*;

/** The operator's database view of a tenant, from pg_stat_database and pg_stat_statements. */
@QuarkusTest
@WithTestResource(value = EmbeddedInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "databases", value = "ipsc_platform"))
class DatabaseStatsTest {

    @Test
    void showsEachDatabasesFiguresAndItsSlowestStatementsWithoutValues() throws Exception {
        String admin = Api.adminToken();
        String slug = Api.slug("stats");
        Api.createTenant(admin, slug);
        // Stand in for invoicing-service's provisioning: the database exists and has run statements.
        String invoicing = "tenant_" + slug.replace('-', '_') + "_invoicing";
        EmbeddedServers.get().createDatabase(invoicing);
        try (Connection c = DriverManager.getConnection(EmbeddedServers.get().jdbcUrl(invoicing), "postgres", "postgres")) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE products (id INT, secret_name TEXT)");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM products WHERE secret_name = 'do-not-show-me'")) {
                for (int i = 0; i < 3; i++) {
                    ps.executeQuery().close();
                }
            }
        }
        as(admin).get("/api/database/performance/" + slug).then().statusCode(200)
                .body("data.databases.invoicing.database", is(invoicing))
                .body("data.databases.invoicing.exists", is(true))
                .body("data.databases.invoicing.size_bytes", greaterThan(0))
                .body("data.databases.invoicing.commits", greaterThanOrEqualTo(1))
                .body("data.databases.branding.exists", is(false));
        as(admin).get("/api/database/slow-queries/" + slug).then().statusCode(200)
                .body("data.statements.database", everyItem(is(invoicing)))
                .body("data.statements.query", hasItem(containsString("secret_name")))
                .body("data.statements.query", not(hasItem(containsString("do-not-show-me"))));
        as(admin).get("/api/database/slow-queries/" + slug + "?limit=0").then().statusCode(400);

        String outsider = Api.slug("outsider") + "@example.com";
        Api.createUser(admin, outsider);
        as(Api.login(outsider, "a-long-password-1")).get("/api/database/performance/" + slug).then().statusCode(403);
        as(admin).get("/api/database/performance/no-such-tenant").then().statusCode(404);
    }
}
