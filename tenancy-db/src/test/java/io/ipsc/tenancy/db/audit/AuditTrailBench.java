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

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The trail's cost on invoice creation: an invoice with three lines and its totals (the statements
 * InvoiceService and InvoiceTotals run, in one transaction), as many as possible in a fixed time with 8
 * in flight, on a database without the trail and one with it (trigger plus the actor on every
 * connection). Each round starts on two fresh databases, warms both up, and runs them in ABBA order
 * (without, with; then with, without), so that neither side gets the quieter minute or the smaller
 * tables. Prints figures for BENCHMARKS.md, with the load average and the spread of the rounds; asserts
 * nothing, so a slow machine never fails it. Run with
 * {@code mvn -B -ntp -o -pl tenancy-db -am verify -Dtest=AuditTrailBench -Dipsc.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * The same invoice as a pgbench script, for splitting the cost on a server of one's own: tenancy-db/bench/.
 */
@EnabledIfSystemProperty(named = "ipsc.bench", matches = "true")
class AuditTrailBench {

    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("ipsc.bench.seconds", 15));
    private static final int IN_FLIGHT = 8;
    private static final int ROUNDS = Integer.getInteger("ipsc.bench.rounds", 4);

    @Test
    void invoiceCreationWithAndWithoutTheTrail() throws Exception {
        EmbeddedServers servers = EmbeddedServers.get();
        DatabaseAdmin admin = new DatabaseAdmin("127.0.0.1", servers.postgresPort(), "postgres", "postgres");
        String schema = Files.readString(Path.of("bench", "schema.sql"));
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Vertx vertx = Vertx.vertx();
        TenantPoolRegistry pools = new TenantPoolRegistry(vertx, new PoolSettings("127.0.0.1", servers.postgresPort(), "postgres", "postgres",
                IN_FLIGHT, 4, Duration.ofMinutes(5)), new SimpleMeterRegistry());
        AuditActor user = AuditActor.user(new Caller(7, "bench@ipsc.test", false, Map.of()), "bench");
        List<double[]> results = new ArrayList<>();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                String plain = "bench_plain_" + suffix + "_" + round;
                String audited = "bench_audited_" + suffix + "_" + round;
                create(admin, plain, schema, false);
                create(admin, audited, schema, true);
                run(pools, plain, plain, null, WARM_UP);
                run(pools, audited, audited, user, WARM_UP);
                double without;
                double with;
                String load = load();
                if (round % 2 == 1) {
                    without = run(pools, plain, plain, null, RUN);
                    with = run(pools, audited, audited, user, RUN);
                } else {
                    with = run(pools, audited, audited, user, RUN);
                    without = run(pools, plain, plain, null, RUN);
                }
                results.add(new double[]{without, with});
                System.out.printf("BENCH round %d (%s): without the trail %.1f invoices/s, with it %.1f invoices/s (%+.1f %%), load average %s%n",
                        round, round % 2 == 1 ? "without first" : "with first", without, with, change(without, with), load);
                pools.close(plain).await().indefinitely();
                pools.close(audited).await().indefinitely();
                drop(admin, plain);
                drop(admin, audited);
            }
            double without = results.stream().mapToDouble(r -> r[0]).average().orElse(0);
            double with = results.stream().mapToDouble(r -> r[1]).average().orElse(0);
            double best = results.stream().mapToDouble(r -> change(r[0], r[1])).max().orElse(0);
            double worst = results.stream().mapToDouble(r -> change(r[0], r[1])).min().orElse(0);
            System.out.printf("BENCH mean of %d rounds of %ds, %d in flight: without %.1f/s, with %.1f/s (%+.1f %%); rounds from %+.1f %% to %+.1f %%; load average %s%n",
                    ROUNDS, RUN.toSeconds(), IN_FLIGHT, without, with, change(without, with), worst, best, load());
        } finally {
            pools.close();
            vertx.closeAndAwait();
        }
    }

    private static double change(double without, double with) {
        return (with - without) / without * 100;
    }

    private static void create(DatabaseAdmin admin, String database, String schema, boolean audited) throws Exception {
        admin.createEmpty(database);
        try (Connection c = admin.connect(database); Statement st = c.createStatement()) {
            st.execute(schema);
            if (audited) {
                AuditTrail.install(c);
            }
            st.execute("VACUUM ANALYZE");
        }
    }

    private static void drop(DatabaseAdmin admin, String database) throws Exception {
        try (Connection c = admin.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
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

    /** As InvoiceService and InvoiceTotals.recompute: the invoice, its lines, each line's tax, the totals. */
    private static Uni<Void> createInvoice(Pool pool) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO invoices (customer_id, status, notes) VALUES ($1, 'draft', $2) RETURNING id")
                .execute(Tuple.of(42, "Bench"))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(id -> conn.preparedQuery("INSERT INTO invoice_lines (invoice_id, position, description, hsn_sac, quantity, unit_price, gst_rate) "
                                + "VALUES ($1, $2, $3, '8471', $4, $5, 18) RETURNING id")
                        .executeBatch(List.of(Tuple.of(id, 1, "Laptop", 1, 55000), Tuple.of(id, 2, "Mouse", 2, 650), Tuple.of(id, 3, "Bag", 1, 1800)))
                        .chain(() -> conn.preparedQuery("SELECT id, quantity, unit_price, gst_rate FROM invoice_lines WHERE invoice_id = $1 ORDER BY position")
                                .execute(Tuple.of(id)))
                        .chain(lines -> {
                            List<Tuple> taxes = new ArrayList<>();
                            lines.forEach(l -> {
                                BigDecimal taxable = l.getBigDecimal("quantity").multiply(l.getBigDecimal("unit_price"));
                                BigDecimal half = taxable.multiply(l.getBigDecimal("gst_rate")).movePointLeft(2)
                                        .divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
                                taxes.add(Tuple.of(l.getLong("id"), taxable, half, half, taxable.add(half).add(half)));
                            });
                            return conn.preparedQuery("UPDATE invoice_lines SET taxable_amount = $2, cgst = $3, sgst = $4, total = $5 WHERE id = $1")
                                    .executeBatch(taxes);
                        })
                        .chain(() -> conn.preparedQuery("UPDATE invoices SET subtotal = s.taxable, cgst = s.cgst, sgst = s.sgst, total = s.total, "
                                + "place_of_supply = '27', inter_state = false, updated_at = now() FROM (SELECT sum(taxable_amount) AS taxable, "
                                + "sum(cgst) AS cgst, sum(sgst) AS sgst, sum(total) AS total FROM invoice_lines WHERE invoice_id = $1) s "
                                + "WHERE id = $1").execute(Tuple.of(id))))
                .replaceWithVoid());
    }
}
