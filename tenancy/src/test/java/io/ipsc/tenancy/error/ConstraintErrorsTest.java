package io.ipsc.tenancy.error;

import io.ipsc.tenancy.api.ApiResponse.ErrorDetail;
import io.ipsc.testsupport.EmbeddedServers;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real embedded PostgreSQL: the errors it raises are mapped to each caller's answer, and nothing else is. */
class ConstraintErrorsTest {

    private static final String DATABASE = "constraint_errors";

    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void schema() {
        EmbeddedServers servers = EmbeddedServers.get();
        servers.createDatabase(DATABASE);
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(servers.postgresPort())
                .setUser("postgres").setPassword("postgres").setDatabase(DATABASE)).using(vertx).build();
        run("DROP TABLE IF EXISTS lines, products");
        run("CREATE TABLE products (id bigint PRIMARY KEY, sku text NOT NULL UNIQUE, price numeric CHECK (price >= 0))");
        run("CREATE TABLE lines (id bigint PRIMARY KEY, product_id bigint NOT NULL REFERENCES products (id))");
        run("INSERT INTO products (id, sku) VALUES (1, 'A-1')");
        run("INSERT INTO lines (id, product_id) VALUES (1, 1)");
    }

    @AfterAll
    static void close() throws Exception {
        pool.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aUniqueViolationIsTheCallersConflictNamingTheKey() {
        Throwable failure = failureOf("INSERT INTO products (id, sku) VALUES (2, 'A-1')");

        ApiException answer = assertInstanceOf(ApiException.class,
                ConstraintErrors.duplicate("DUPLICATE_SKU", "A product with sku 'A-1' already exists").apply(failure));

        assertEquals(409, answer.status());
        assertEquals("DUPLICATE_SKU", answer.code());
        assertEquals("A product with sku 'A-1' already exists", answer.getMessage());
        assertEquals(List.of(new ErrorDetail("sku", "is taken")), answer.details());
        assertTrue(ConstraintErrors.isUniqueViolation(failure));
    }

    @Test
    void aCallersOwnDetailsAreKept() {
        Throwable failure = failureOf("INSERT INTO products (id, sku) VALUES (1, 'B-1')");

        ApiException answer = assertInstanceOf(ApiException.class, ConstraintErrors.duplicate(() -> new ApiException(409, "DUPLICATE_ID", "taken",
                List.of(new ErrorDetail("product_id", "is used")), java.util.Map.of())).apply(failure));

        assertEquals(List.of(new ErrorDetail("product_id", "is used")), answer.details());
    }

    @Test
    void aMissingReferenceIsTheCallers422NamingTheColumn() {
        Throwable failure = failureOf("INSERT INTO lines (id, product_id) VALUES (2, 99)");
        ConstraintErrors mapping = ConstraintErrors.duplicate("DUPLICATE_LINE", "dup")
                .orReference(() -> ApiException.unprocessable("UNKNOWN_PRODUCT", "A line names a product that does not exist"));

        ApiException answer = assertInstanceOf(ApiException.class, mapping.apply(failure));

        assertEquals(422, answer.status());
        assertEquals("UNKNOWN_PRODUCT", answer.code());
        assertEquals(List.of(new ErrorDetail("product_id", "does not exist")), answer.details());
        assertFalse(ConstraintErrors.isUniqueViolation(failure));
    }

    @Test
    void aRowStillReferencedIsTheCallers409() {
        Throwable failure = failureOf("DELETE FROM products WHERE id = 1");

        ApiException answer = assertInstanceOf(ApiException.class, ConstraintErrors.duplicate("DUPLICATE", "dup")
                .orReference(() -> ApiException.conflict("IN_USE", "Product 1 is used by lines")).apply(failure));

        assertEquals(409, answer.status());
        assertEquals("IN_USE", answer.code());
        // No field: the key PostgreSQL names is the deleted row's own id, not something the caller sent.
        assertEquals(List.of(), answer.details());
    }

    @Test
    void aForeignKeyViolationPassesThroughWhenTheCallerMapsOnlyDuplicates() {
        Throwable failure = failureOf("INSERT INTO lines (id, product_id) VALUES (3, 99)");

        assertSame(failure, ConstraintErrors.duplicate("DUPLICATE", "dup").apply(failure));
    }

    @Test
    void otherFailuresPassThrough() {
        Throwable check = failureOf("INSERT INTO products (id, sku, price) VALUES (4, 'C-1', -1)");
        IllegalStateException notSql = new IllegalStateException("boom");
        ConstraintErrors mapping = ConstraintErrors.duplicate("DUPLICATE", "dup").orReference(() -> ApiException.conflict("IN_USE", "used"));

        assertSame(check, mapping.apply(check));
        assertSame(notSql, mapping.apply(notSql));
    }

    @Test
    void aWrappedViolationIsFound() {
        RuntimeException wrapped = new RuntimeException("persistence failed", failureOf("INSERT INTO products (id, sku) VALUES (5, 'A-1')"));

        assertTrue(ConstraintErrors.isUniqueViolation(wrapped));
        assertEquals("DUPLICATE", ((ApiException) ConstraintErrors.duplicate("DUPLICATE", "dup").apply(wrapped)).code());
    }

    private static void run(String sql) {
        pool.query(sql).execute().toCompletionStage().toCompletableFuture().join();
    }

    private static Throwable failureOf(String sql) {
        CompletionException e = assertThrows(CompletionException.class, () -> run(sql));
        return e.getCause();
    }
}
