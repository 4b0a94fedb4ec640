package io.ipsc.tenancy.db.audit;

import io.ipsc.tenancy.db.pool.PoolSettings;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.db.provisioning.DatabaseAdmin;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.testsupport.EmbeddedServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The trail's cost on invoice creation: an invoice with three lines and its totals (the statements
 * InvoiceService runs, in one transaction), as many as possible in a fixed time with 8 in flight, on a
 * database without the trail and one with it (trigger plus the actor on every connection). Prints
 * figures for BENCHMARKS.md; asserts nothing, so a slow machine never fails it. Run with
 * {@code mvn -B -ntp -o -pl tenancy-db -am verify -Dtest=AuditTrailBench -Dipsc.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "ipsc.bench", matches = "true")
class AuditTrailBench {

    private static final String SCHEMA = "CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL, "
            + "status text NOT NULL, invoice_date date NOT NULL DEFAULT current_date, notes text, subtotal numeric(14,2) NOT NULL DEFAULT 0, "
            + "cgst numeric(14,2) NOT NULL DEFAULT 0, sgst numeric(14,2) NOT NULL DEFAULT 0, igst numeric(14,2) NOT NULL DEFAULT 0, "
            + "total numeric(14,2) NOT NULL DEFAULT 0, place_of_supply text, inter_state boolean, created_at timestamptz NOT NULL DEFAULT now(), "
            + "updated_at timestamptz NOT NULL DEFAULT now());"
            + "CREATE TABLE invoice_lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, invoice_id bigint NOT NULL REFERENCES invoices, "
            + "position int NOT NULL, description text NOT NULL, hsn_sac text, quantity numeric(12,3) NOT NULL, unit_price numeric(14,2) NOT NULL, "
            + "gst_rate numeric(5,2) NOT NULL, taxable_amount numeric(14,2) NOT NULL DEFAULT 0, cgst numeric(14,2) NOT NULL DEFAULT 0, "
            + "sgst numeric(14,2) NOT NULL DEFAULT 0, igst numeric(14,2) NOT NULL DEFAULT 0, total numeric(14,2) NOT NULL DEFAULT 0);";
    private static final Duration RUN = Duration.ofSeconds(20);
    private static final int IN_FLIGHT = 8;
    private static final int ROUNDS = 3;

    @Test
    void invoiceCreationWithAndWithoutTheTrail() throws Exception {
        EmbeddedServers servers = EmbeddedServers.get();
        DatabaseAdmin admin = new DatabaseAdmin("127.0.0.1", servers.postgresPort(), "postgres", "postgres");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String plain = "bench_plain_" + suffix;
        String audited = "bench_audited_" + suffix;
        for (String db : List.of(plain, audited)) {
            admin.createEmpty(db);
            try (Connection c = admin.connect(db); Statement st = c.createStatement()) {
                st.execute(SCHEMA);
            }
        }
        try (Connection c = admin.connect(audited)) {
            AuditTrail.install(c);
        }
        Vertx vertx = Vertx.vertx();
        TenantPoolRegistry pools = new TenantPoolRegistry(vertx, new PoolSettings("127.0.0.1", servers.postgresPort(), "postgres", "postgres",
                IN_FLIGHT, 4, Duration.ofMinutes(5)), new SimpleMeterRegistry());
        AuditActor user = AuditActor.user(new Caller(7, "bench@ipsc.test", false, Map.of()), "bench");
        try {
            // Warm both (connections, plans), then alternate so that neither gets the quieter minute.
            run(pools, "plain", plain, null, Duration.ofSeconds(5));
            run(pools, "audited", audited, user, Duration.ofSeconds(5));
            List<double[]> results = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                double without = run(pools, "plain", plain, null, RUN);
                double with = run(pools, "audited", audited, user, RUN);
                results.add(new double[]{without, with});
                System.out.printf("BENCH round %d: without the trail %.1f invoices/s, with it %.1f invoices/s (%+.1f %%)%n",
                        round + 1, without, with, (with - without) / without * 100);
            }
            double without = results.stream().mapToDouble(r -> r[0]).average().orElse(0);
            double with = results.stream().mapToDouble(r -> r[1]).average().orElse(0);
            System.out.printf("BENCH mean of %d rounds of %ds, %d in flight: without %.1f/s, with %.1f/s (%+.1f %%)%n",
                    ROUNDS, RUN.toSeconds(), IN_FLIGHT, without, with, (with - without) / without * 100);
        } finally {
            pools.close();
            vertx.closeAndAwait();
        }
    }

    /** Invoices per second; {@code actor} null means the raw pool, as before the trail. */
    private static double run(TenantPoolRegistry pools, String slug, String database, AuditActor actor, Duration length) {
        long end = System.nanoTime() + length.toNanos();
        List<Uni<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            workers.add(loop(pools, slug, database, actor, end, 0));
        }
        long start = System.nanoTime();
        int done = Uni.join().all(workers).andFailFast().await().atMost(length.plusMinutes(1)).stream().mapToInt(Integer::intValue).sum();
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private static Uni<Integer> loop(TenantPoolRegistry pools, String slug, String database, AuditActor actor, long end, int done) {
        if (System.nanoTime() >= end) {
            return Uni.createFrom().item(done);
        }
        Uni<Void> one = actor == null
                ? pools.withPool(slug, database, AuditActor.SYSTEM, pool -> createInvoice(raw(pool)))
                : pools.withPool(slug, database, actor, AuditTrailBench::createInvoice);
        return one.chain(() -> loop(pools, slug, database, actor, end, done + 1));
    }

    /** Before the trail: the registry's pool without the actor on each connection. */
    private static Pool raw(Pool audited) {
        return Pool.newInstance(((AuditedPool) audited.getDelegate()).unwrapped());
    }

    private static Uni<Void> createInvoice(Pool pool) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO invoices (customer_id, status, notes) VALUES ($1, 'draft', $2) RETURNING id")
                .execute(Tuple.of(42, "Bench"))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(id -> conn.preparedQuery("INSERT INTO invoice_lines (invoice_id, position, description, hsn_sac, quantity, unit_price, gst_rate) "
                                + "VALUES ($1, $2, $3, '8471', $4, $5, 18)")
                        .executeBatch(List.of(Tuple.of(id, 1, "Laptop", 1, 55000), Tuple.of(id, 2, "Mouse", 2, 650), Tuple.of(id, 3, "Bag", 1, 1800)))
                        .chain(() -> conn.preparedQuery("UPDATE invoice_lines SET taxable_amount = quantity * unit_price, "
                                + "cgst = round(quantity * unit_price * gst_rate / 200, 2), sgst = round(quantity * unit_price * gst_rate / 200, 2), "
                                + "total = round(quantity * unit_price * (1 + gst_rate / 100), 2) WHERE invoice_id = $1").execute(Tuple.of(id)))
                        .chain(() -> conn.preparedQuery("UPDATE invoices SET subtotal = s.taxable, cgst = s.cgst, sgst = s.sgst, total = s.total, "
                                + "place_of_supply = '27', inter_state = false, updated_at = now() FROM (SELECT sum(taxable_amount) AS taxable, "
                                + "sum(cgst) AS cgst, sum(sgst) AS sgst, sum(total) AS total FROM invoice_lines WHERE invoice_id = $1) s "
                                + "WHERE id = $1").execute(Tuple.of(id))))
                .replaceWithVoid());
    }
}
