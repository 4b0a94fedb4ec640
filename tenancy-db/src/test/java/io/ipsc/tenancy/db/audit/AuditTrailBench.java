package io.ipsc.tenancy.db.audit;

import io.ipsc.tenancy.db.pool.PoolSettings;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.db.provisioning.DatabaseAdmin;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.testsupport.EmbeddedServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
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
import java.util.stream.Collectors;

/**
 * The trail's cost on invoice creation: an invoice with three lines and its totals (the statements
 * InvoiceService runs for a new draft, in one transaction), as many as possible in a fixed time with 8
 * in flight, on a database without the trail and one with it (trigger plus the actor on every
 * connection). Each round starts on two fresh databases, warms both up, and runs them in ABBA order
 * (without, with; then with, without), so that neither side gets the quieter minute or the smaller
 * tables. Prints figures for BENCHMARKS.md, with the load average and the spread of the rounds; asserts
 * nothing, so a slow machine never fails it. Run with
 * {@code mvn -B -ntp -o -pl tenancy-db -am verify -Dtest=AuditTrailBench -Dipsc.bench=true -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dipsc.bench.seconds=60} makes each measured phase a minute (default 15 s), {@code -Dipsc.bench.rounds} sets the rounds (4).
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
                if (round == 1) {
                    System.out.printf("BENCH audit rows per invoice: %.1f (invoicing's write of a 3-line draft: 4)%n", auditRowsPerInvoice(admin, audited));
                }
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

    /** What the trail wrote per invoice on the audited side: shows the bench writes as invoicing does. */
    private static double auditRowsPerInvoice(DatabaseAdmin admin, String database) throws Exception {
        try (Connection c = admin.connect(database); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT (SELECT count(*) FROM ipsc_audit)::float8 / (SELECT count(*) FROM invoices)")) {
            rs.next();
            return rs.getDouble(1);
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
            workers.add(writer(pools, slug, database, actor, end));
        }
        long start = System.nanoTime();
        int done = Uni.join().all(workers).andFailFast().await().atMost(length.plusMinutes(1)).stream().mapToInt(Integer::intValue).sum();
        return done / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * One writer: invoices one after another until {@code end}. Repeated through a {@code Multi}, not by
     * chaining each invoice onto the last: a chain of thousands of invoices nests as many subscribers,
     * and the last item's way back through them overflowed the stack in runs longer than a few seconds.
     */
    private static Uni<Integer> writer(TenantPoolRegistry pools, String slug, String database, AuditActor actor, long end) {
        return Multi.createBy().repeating()
                .uni(() -> (actor == null
                        ? pools.withPool(slug, database, AuditActor.SYSTEM, pool -> createInvoice(raw(pool)))
                        : pools.withPool(slug, database, actor, AuditTrailBench::createInvoice)).replaceWith(1))
                .whilst(x -> System.nanoTime() < end)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }

    /** Before the trail: the registry's pool without the actor on each connection. */
    private static Pool raw(Pool audited) {
        return Pool.newInstance(((AuditedPool) audited.getDelegate()).unwrapped());
    }

    /** One of the bench invoice's lines, at GST 18 % within the state (9 % CGST, 9 % SGST). */
    private record Line(String description, int quantity, int unitPrice) {

        BigDecimal taxable() {
            return BigDecimal.valueOf((long) quantity * unitPrice).setScale(2, RoundingMode.UNNECESSARY);
        }

        BigDecimal halfTax() {
            return taxable().multiply(BigDecimal.valueOf(9)).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
        }

        BigDecimal total() {
            return taxable().add(halfTax()).add(halfTax());
        }
    }

    private static final List<Line> LINES = List.of(new Line("Laptop", 1, 55000), new Line("Mouse", 2, 650), new Line("Bag", 1, 1800));

    /**
     * As InvoiceService writes a draft since it computes the amounts first: the invoice inserted with its totals, then
     * each line inserted with its tax, 4 audited row changes (before, the lines went in untaxed and InvoiceTotals.recompute
     * updated each of them and the invoice: 8). The tax is computed per invoice, as the service does.
     */
    private static Uni<Void> createInvoice(Pool pool) {
        BigDecimal taxable = LINES.stream().map(Line::taxable).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal half = LINES.stream().map(Line::halfTax).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal total = LINES.stream().map(Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO invoices (customer_id, status, notes, subtotal, cgst, sgst, total, "
                        + "place_of_supply, inter_state) VALUES ($1, 'draft', $2, $3, $4, $4, $5, '27', false) RETURNING id")
                .execute(Tuple.of(42, "Bench", taxable, half, total))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(id -> {
                    List<Tuple> lines = new ArrayList<>();
                    for (int i = 0; i < LINES.size(); i++) {
                        Line l = LINES.get(i);
                        lines.add(Tuple.from(List.of(id, i + 1, l.description(), l.quantity(), l.unitPrice(), l.taxable(), l.halfTax(), l.halfTax(),
                                l.total())));
                    }
                    return conn.preparedQuery("INSERT INTO invoice_lines (invoice_id, position, description, hsn_sac, quantity, unit_price, gst_rate, "
                            + "taxable_amount, cgst, sgst, total) VALUES ($1, $2, $3, '8471', $4, $5, 18, $6, $7, $8, $9)").executeBatch(lines);
                })
                .replaceWithVoid());
    }
}
