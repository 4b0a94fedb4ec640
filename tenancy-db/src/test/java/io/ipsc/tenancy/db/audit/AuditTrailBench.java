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
import java.lang.management.ManagementFactory;
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
 * The trail's cost on invoice creation: an invoice with three lines (the statements InvoiceService runs for a new draft,
 * in one transaction), with 8 in flight, on a database without the trail and one with it. Both sides run the same code
 * the services run: the pool registry's {@code withPool} with a user as the actor (the actor's {@code set_config} rides
 * ahead of the work on every connection on both sides, so the measured difference is the trail's triggers, nothing else).
 *
 * <p>Why it is built so (BENCHMARKS.md, 30 Nov, issue 21): its first version printed the audited side 3x faster than the
 * plain one in some rounds, and in others the plain side 60 % faster. Its plain side took another way to the database
 * (the registry's core pool unwrapped and wrapped again per invoice), each side ran 15 s at a time while other builds
 * on the two cores came and went, and the test JVM ran C1 only. Now: one path for both sides; the two sides alternate in
 * short slices (2 s, ABBA) over each round, so a change in the machine's load falls on both alike; the tests' JVM runs
 * with C2 for the bench ({@code ipsc.bench} profile in tenancy-db's pom; the bench says which JIT it ran with); and
 * besides invoices/s it prints the CPU each side used per invoice, the database server's (all its processes, from
 * {@code /proc}) and this JVM's, which move far less with other work on the machine than throughput does.
 *
 * <p>Asserts nothing, so a slow machine never fails it. Run with
 * {@code mvn -B -ntp -o -pl tenancy-db verify -Dtest=AuditTrailBench -Dipsc.bench=true -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Dipsc.bench.seconds=60} makes each round's measured time per side a minute (default 20 s),
 * {@code -Dipsc.bench.rounds} sets the rounds (default 2). The same invoice as a pgbench script, for splitting the
 * database's cost on a server of one's own: tenancy-db/bench/.
 */
@EnabledIfSystemProperty(named = "ipsc.bench", matches = "true")
class AuditTrailBench {

    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration SLICE = Duration.ofSeconds(2);
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("ipsc.bench.seconds", 20));
    private static final int IN_FLIGHT = 8;
    private static final int ROUNDS = Integer.getInteger("ipsc.bench.rounds", 2);

    /** What one side did over a round's slices. */
    private static final class Side {
        long invoices;
        long nanos;
        long serverCpuNanos;
        long clientCpuNanos;

        double perSecond() {
            return invoices / (nanos / 1e9);
        }

        double serverMs() {
            return serverCpuNanos / 1e6 / invoices;
        }

        double clientMs() {
            return clientCpuNanos / 1e6 / invoices;
        }
    }

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
        long postmaster = postmaster(admin);
        System.out.printf("BENCH JIT: %s; %d rounds, each %d s per side in %d s slices (ABBA), %d in flight%n",
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=1"))
                        ? "C1 only (the tests' default: figures not comparable)" : "C2",
                ROUNDS, RUN.toSeconds(), SLICE.toSeconds(), IN_FLIGHT);
        List<Side[]> results = new ArrayList<>();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                String plain = "bench_plain_" + suffix + "_" + round;
                String audited = "bench_audited_" + suffix + "_" + round;
                create(admin, plain, schema, false);
                create(admin, audited, schema, true);
                run(pools, plain, user, WARM_UP);
                run(pools, audited, user, WARM_UP);
                String load = load();
                Side without = new Side();
                Side with = new Side();
                long slices = Math.max(2, RUN.toNanos() / SLICE.toNanos());
                for (long slice = 0; slice < slices; slice++) {
                    // ABBA: without, with, with, without, ...
                    boolean plainFirst = slice % 2 == 0;
                    slice(pools, plainFirst ? plain : audited, user, plainFirst ? without : with, postmaster);
                    slice(pools, plainFirst ? audited : plain, user, plainFirst ? with : without, postmaster);
                }
                results.add(new Side[]{without, with});
                System.out.printf("BENCH round %d: without the trail %.1f invoices/s, with it %.1f (%+.1f %%); CPU per invoice, database server "
                                + "%.3f -> %.3f ms, this JVM %.3f -> %.3f ms, both %+.1f %%; load average %s -> %s%n",
                        round, without.perSecond(), with.perSecond(), change(without.perSecond(), with.perSecond()),
                        without.serverMs(), with.serverMs(), without.clientMs(), with.clientMs(),
                        change(without.serverMs() + without.clientMs(), with.serverMs() + with.clientMs()), load, load());
                if (round == 1) {
                    System.out.printf("BENCH audit rows per invoice: %.1f (invoicing's write of a 3-line draft: 4)%n", auditRowsPerInvoice(admin, audited));
                }
                pools.close(plain).await().indefinitely();
                pools.close(audited).await().indefinitely();
                drop(admin, plain);
                drop(admin, audited);
            }
            double without = results.stream().mapToDouble(r -> r[0].perSecond()).average().orElse(0);
            double with = results.stream().mapToDouble(r -> r[1].perSecond()).average().orElse(0);
            double cpuWithout = results.stream().mapToDouble(r -> r[0].serverMs() + r[0].clientMs()).average().orElse(0);
            double cpuWith = results.stream().mapToDouble(r -> r[1].serverMs() + r[1].clientMs()).average().orElse(0);
            System.out.printf("BENCH mean of %d rounds: without %.1f/s, with %.1f/s (%+.1f %%); CPU per invoice (server and JVM) %.3f -> %.3f ms "
                            + "(%+.1f %%); load average %s%n",
                    ROUNDS, without, with, change(without, with), cpuWithout, cpuWith, change(cpuWithout, cpuWith), load());
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

    /** The embedded server's postmaster: the parent of a backend. */
    private static long postmaster(DatabaseAdmin admin) throws Exception {
        try (Connection c = admin.connect("postgres"); Statement st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return Long.parseLong(stat(rs.getLong(1))[3]);
        }
    }

    /**
     * CPU time of the database server so far: the postmaster's own and its exited children's, and its living children's
     * (backends, autovacuum, the writers), as split.sh counts it.
     */
    private static long serverCpuNanos(long postmaster) throws IOException {
        String[] pm = stat(postmaster);
        long ticks = Long.parseLong(pm[13]) + Long.parseLong(pm[14]) + Long.parseLong(pm[15]) + Long.parseLong(pm[16]);
        String children = Files.readString(Path.of("/proc", Long.toString(postmaster), "task", Long.toString(postmaster), "children")).trim();
        for (String child : children.isEmpty() ? new String[0] : children.split(" ")) {
            try {
                String[] c = stat(Long.parseLong(child));
                ticks += Long.parseLong(c[13]) + Long.parseLong(c[14]);
            } catch (IOException gone) {
                // Ended between the two reads: its time is in the postmaster's cutime from now on.
            }
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** The fields of /proc/PID/stat after the command's name (which may hold spaces), numbered as proc(5) numbers them from 0 = pid. */
    private static String[] stat(long pid) throws IOException {
        String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String rest = line.substring(line.lastIndexOf(')') + 2);
        String[] fields = rest.split(" ");
        String[] numbered = new String[fields.length + 2];
        numbered[0] = Long.toString(pid);
        numbered[1] = "comm";
        System.arraycopy(fields, 0, numbered, 2, fields.length);
        return numbered;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One slice of one side: invoices until it ends, with the wall and CPU time they took added to {@code side}. */
    private static void slice(TenantPoolRegistry pools, String database, AuditActor actor, Side side, long postmaster) throws IOException {
        long server = serverCpuNanos(postmaster);
        long client = jvmCpuNanos();
        long start = System.nanoTime();
        side.invoices += run(pools, database, actor, SLICE);
        side.nanos += System.nanoTime() - start;
        side.serverCpuNanos += serverCpuNanos(postmaster) - server;
        side.clientCpuNanos += jvmCpuNanos() - client;
    }

    /** Invoices written in {@code length} (the last ones in flight finished, so a slice's work is all its own). */
    private static long run(TenantPoolRegistry pools, String database, AuditActor actor, Duration length) {
        long end = System.nanoTime() + length.toNanos();
        List<Uni<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            workers.add(writer(pools, database, actor, end));
        }
        return Uni.join().all(workers).andFailFast().await().atMost(length.plusMinutes(1)).stream().mapToLong(Integer::longValue).sum();
    }

    /**
     * One writer: invoices one after another until {@code end}, each through the registry as a request's work goes.
     * Repeated through a {@code Multi}, not by chaining each invoice onto the last: a chain of thousands of invoices
     * nests as many subscribers, and the last item's way back through them overflowed the stack.
     */
    private static Uni<Integer> writer(TenantPoolRegistry pools, String database, AuditActor actor, long end) {
        return Multi.createBy().repeating()
                .uni(() -> pools.withPool(database, database, actor, AuditTrailBench::createInvoice).replaceWith(1))
                .whilst(x -> System.nanoTime() < end)
                .collect().with(Collectors.counting())
                .map(Long::intValue);
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
