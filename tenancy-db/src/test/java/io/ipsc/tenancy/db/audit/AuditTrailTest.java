package io.ipsc.tenancy.db.audit;

import io.ipsc.tenancy.db.pool.PoolSettings;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.db.provisioning.DatabaseAdmin;
import io.ipsc.tenancy.db.provisioning.TenantMigrations;
import io.ipsc.tenancy.audit.AuditEntry;
import io.ipsc.tenancy.audit.AuditLog;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.testsupport.EmbeddedServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trail on a real tenant database, written through the same pool registry every handler uses: each
 * change leaves its row with the actor, in the change's own transaction, and no one can edit the rows.
 */
class AuditTrailTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Caller ASHA = new Caller(41, "asha@example.in", false, Map.of());
    private static Vertx vertx;
    private static DatabaseAdmin admin;
    private static TenantPoolRegistry pools;
    private static String database;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedServers servers = EmbeddedServers.get();
        vertx = Vertx.vertx();
        admin = new DatabaseAdmin("127.0.0.1", servers.postgresPort(), "postgres", "postgres");
        database = "audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin.createEmpty(database);
        new TenantMigrations(admin, "classpath:db/tenant-v1").migrate(database);
        pools = new TenantPoolRegistry(vertx, new PoolSettings("127.0.0.1", servers.postgresPort(), "postgres", "postgres",
                2, 5, Duration.ofSeconds(30)), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        pools.close();
        vertx.closeAndAwait();
    }

    @Test
    void aRecordCreatedChangedTwiceAndDeletedLeavesFourRowsWithOldAndNewValuesAndTheUser() throws Exception {
        AuditActor asha = AuditActor.user(ASHA, "req-7");
        long id = pools.withPool("t", database, asha, pool -> pool.preparedQuery("INSERT INTO notes (body) VALUES ($1) RETURNING id")
                .execute(Tuple.of("first")).map(rows -> rows.iterator().next().getLong("id"))).await().atMost(WAIT);
        pools.withPool("t", database, asha, pool -> pool.withTransaction(conn -> conn.preparedQuery("UPDATE notes SET body = $1 WHERE id = $2")
                .execute(Tuple.of("second", id)))).await().atMost(WAIT);
        // Nothing changes: no row.
        pools.withPool("t", database, asha, pool -> pool.preparedQuery("UPDATE notes SET body = body WHERE id = $1")
                .execute(Tuple.of(id))).await().atMost(WAIT);
        pools.withPool("t", database, asha, pool -> pool.query("UPDATE notes SET body = 'third' WHERE id = " + id).execute())
                .await().atMost(WAIT);
        pools.withPool("t", database, asha, pool -> pool.withConnection(conn -> conn.preparedQuery("DELETE FROM notes WHERE id = $1")
                .execute(Tuple.of(id)))).await().atMost(WAIT);

        List<JsonObject> trail = trail("notes", id);
        assertEquals(List.of("insert", "update", "update", "delete"), trail.stream().map(r -> r.getString("action")).toList());
        for (JsonObject row : trail) {
            assertEquals("user", row.getString("actor"));
            assertEquals(41L, row.getLong("actor_user_id"));
            assertEquals("asha@example.in", row.getString("actor_email"));
            assertEquals("req-7", row.getString("request_id"));
        }
        assertEquals(change(null, "first"), trail.get(0).getJsonObject("changes").getJsonObject("body"));
        // Stored: the insert and the delete as the row's image once (layout 3), the updates as the fields' changes (2).
        assertEquals(List.of(3, 2, 2, 3), trail.stream().map(r -> r.getInteger("changes_format")).toList());
        assertEquals("first", trail.get(0).getJsonObject("stored_changes").getString("body"));
        assertEquals(id, trail.get(0).getJsonObject("stored_changes").getLong("id"));
        assertEquals("third", trail.get(3).getJsonObject("stored_changes").getString("body"));
        assertEquals(id, trail.get(3).getJsonObject("changes").getJsonObject("id").getLong("old"));
        assertNull(trail.get(3).getJsonObject("changes").getJsonObject("id").getValue("new"));
        assertEquals(change("first", "second"), trail.get(1).getJsonObject("changes").getJsonObject("body"));
        // An update names only what it changed.
        assertEquals(List.of("body"), List.copyOf(trail.get(1).getJsonObject("changes").fieldNames()));
        assertEquals(change("second", "third"), trail.get(2).getJsonObject("changes").getJsonObject("body"));
        assertEquals(change("third", null), trail.get(3).getJsonObject("changes").getJsonObject("body"));
        // Into this month's partition, made ahead, not the default one.
        try (Connection c = admin.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM ipsc_audit_default")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }

    @Test
    void workWithoutAUserIsTheSystemsEvenOnAConnectionAUserHadJustUsed() throws Exception {
        pools.withPool("t", database, AuditActor.user(ASHA, "req-8"), pool -> pool.query("SELECT 1").execute()).await().atMost(WAIT);
        long id = pools.withPool("t", database, pool -> pool.preparedQuery("INSERT INTO notes (body) VALUES ('by a timer') RETURNING id")
                .execute().map(rows -> rows.iterator().next().getLong("id"))).await().atMost(WAIT);
        long other = pools.withPool("t", database, AuditActor.kafka("ipsc.module-work", 3, 1207),
                pool -> pool.preparedQuery("INSERT INTO notes (body) VALUES ('by a record') RETURNING id")
                        .execute().map(rows -> rows.iterator().next().getLong("id"))).await().atMost(WAIT);

        JsonObject timer = trail("notes", id).get(0);
        assertEquals("system", timer.getString("actor"));
        assertNull(timer.getLong("actor_user_id"));
        assertNull(timer.getString("request_id"));
        JsonObject record = trail("notes", other).get(0);
        assertEquals("system", record.getString("actor"));
        assertEquals("ipsc.module-work", record.getString("kafka_topic"));
        assertEquals(3, record.getInteger("kafka_partition"));
        assertEquals(1207L, record.getLong("kafka_offset"));
    }

    @Test
    void aTransactionThatFailsLeavesNeitherTheChangeNorItsAuditRow() throws Exception {
        long before = count("SELECT count(*) FROM ipsc_audit");
        long notes = count("SELECT count(*) FROM notes");
        assertThrows(Exception.class, () -> pools.withPool("t", database, AuditActor.user(ASHA, "req-9"),
                pool -> pool.withTransaction(conn -> conn.query("INSERT INTO notes (body) VALUES ('doomed')").execute()
                        .chain(() -> conn.query("INSERT INTO notes (body) VALUES (NULL)").execute()))).await().atMost(WAIT));
        assertEquals(before, count("SELECT count(*) FROM ipsc_audit"));
        assertEquals(notes, count("SELECT count(*) FROM notes"));
    }

    @Test
    void theTrailRefusesUpdateDeleteAndTruncateEvenFromTheOwner() throws Exception {
        pools.withPool("t", database, pool -> pool.query("INSERT INTO notes (body) VALUES ('kept')").execute()).await().atMost(WAIT);
        for (String sql : List.of("UPDATE ipsc_audit SET actor = 'someone else'", "DELETE FROM ipsc_audit",
                "TRUNCATE ipsc_audit", "TRUNCATE ipsc_audit_default",
                "UPDATE ipsc_audit_" + java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString().replace('-', '_') + " SET actor = 'x'")) {
            SQLException refused = assertThrows(SQLException.class, () -> execute(sql), sql);
            assertEquals("42501", refused.getSQLState(), sql);
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertTrue(count("SELECT count(*) FROM ipsc_audit") > 0);
    }

    @Test
    void aTableALaterMigrationAddsIsAuditedWithoutItsSecretsAndInstallingAgainChangesNothing() throws Exception {
        execute("CREATE TABLE IF NOT EXISTS later_things (id bigint PRIMARY KEY, name text, password_hash text)");
        try (Connection c = admin.connect(database)) {
            assertTrue(!AuditTrail.current(c), "a table without the trigger makes the database out of date");
        }
        new TenantMigrations(admin, "classpath:db/tenant-v1").migrate(database);
        new TenantMigrations(admin, "classpath:db/tenant-v1").migrate(database);
        try (Connection c = admin.connect(database)) {
            assertTrue(AuditTrail.current(c));
        }
        execute("INSERT INTO later_things VALUES (5, 'bolt', '$argon2id$secret')");
        assertEquals("insert", trail("later_things", 5).get(0).getString("action"));
        // A secret is noted, never copied.
        assertEquals(change(null, "[redacted]"), trail("later_things", 5).get(0).getJsonObject("changes").getJsonObject("password_hash"));
        assertEquals(change(null, "bolt"), trail("later_things", 5).get(0).getJsonObject("changes").getJsonObject("name"));
        assertEquals(1, trail("later_things", 5).size());
        assertTrue(trail("later_things", 5).get(0).encode().indexOf("argon2id") < 0);

        // A secret column a later migration adds: the triggers' secrets are out of date until the next install redacts it too.
        execute("ALTER TABLE later_things ADD COLUMN IF NOT EXISTS api_token text");
        try (Connection c = admin.connect(database)) {
            assertTrue(!AuditTrail.current(c), "a new secret column makes the database out of date");
        }
        // Written before the triggers are attached again (a migration that adds the column and fills it): the trigger
        // sees the table has a column more than when it was attached and checks every field by name.
        execute("INSERT INTO later_things VALUES (7, 'washer', 'h', 'tok-789')");
        assertEquals(change(null, "[redacted]"), trail("later_things", 7).get(0).getJsonObject("changes").getJsonObject("api_token"));
        assertEquals(change(null, "washer"), trail("later_things", 7).get(0).getJsonObject("changes").getJsonObject("name"));
        new TenantMigrations(admin, "classpath:db/tenant-v1").migrate(database);
        execute("INSERT INTO later_things VALUES (6, 'nut', 'h', 'tok-123')");
        execute("UPDATE later_things SET api_token = 'tok-456', name = 'nut, m8' WHERE id = 6");
        execute("DELETE FROM later_things WHERE id = 6");
        List<JsonObject> six = trail("later_things", 6);
        assertEquals(change(null, "[redacted]"), six.get(0).getJsonObject("changes").getJsonObject("api_token"));
        assertEquals(change("[redacted]", "[redacted]"), six.get(1).getJsonObject("changes").getJsonObject("api_token"));
        assertEquals(change("nut", "nut, m8"), six.get(1).getJsonObject("changes").getJsonObject("name"));
        assertEquals(change("[redacted]", null), six.get(2).getJsonObject("changes").getJsonObject("password_hash"));
        assertTrue(six.stream().noneMatch(r -> r.encode().contains("tok-")), six.toString());
        assertTrue(!trail("later_things", 7).get(0).encode().contains("tok-"));
    }

    /** One statement changing several rows (a batch insert of lines, an UPDATE of all of them): a row each, each with its own values. */
    @Test
    void aStatementThatChangesThreeRowsLeavesThreeRowsEachWithItsOwnOldAndNewValues() throws Exception {
        execute("CREATE TABLE IF NOT EXISTS batch_lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, position int NOT NULL, "
                + "quantity numeric(12,3) NOT NULL, total numeric(14,2) NOT NULL DEFAULT 0)");
        new TenantMigrations(admin, "classpath:db/tenant-v1").migrate(database);
        AuditActor asha = AuditActor.user(ASHA, "req-11");
        List<Long> ids = pools.withPool("t", database, asha, pool -> pool.withTransaction(conn -> conn.query(
                "INSERT INTO batch_lines (position, quantity) VALUES (1, 2), (2, 3), (3, 5) RETURNING id").execute()
                .map(rows -> { List<Long> out = new ArrayList<>(); rows.forEach(r -> out.add(r.getLong("id"))); return out; })
                .call(inserted -> conn.query("UPDATE batch_lines SET total = quantity * 10 WHERE position <= 3").execute())))
                .await().atMost(WAIT);
        assertEquals(3, ids.size());
        for (int i = 0; i < 3; i++) {
            List<JsonObject> trail = trail("batch_lines", ids.get(i));
            assertEquals(List.of("insert", "update"), trail.stream().map(r -> r.getString("action")).toList());
            double quantity = List.of(2.0, 3.0, 5.0).get(i);
            assertEquals(quantity, trail.get(0).getJsonObject("changes").getJsonObject("quantity").getDouble("new"));
            assertEquals(i + 1, trail.get(0).getJsonObject("changes").getJsonObject("position").getInteger("new"));
            JsonObject total = trail.get(1).getJsonObject("changes").getJsonObject("total");
            assertEquals(0.0, total.getDouble("old"));
            assertEquals(quantity * 10, total.getDouble("new"));
            assertEquals(List.of("total"), List.copyOf(trail.get(1).getJsonObject("changes").fieldNames()));
            assertEquals(41L, trail.get(1).getLong("actor_user_id"));
        }
        // An UPDATE that rewrites the same values is no change: the trigger does not even fire.
        long before = count("SELECT count(*) FROM ipsc_audit");
        execute("UPDATE batch_lines SET total = quantity * 10");
        assertEquals(before, count("SELECT count(*) FROM ipsc_audit"));
    }

    /**
     * A database with an older trail (v1's single trigger and user index; v1's and v2's table: key (id, at), the time index,
     * no changes_format, rows in the {field: {old, new}} layout): installing v3 moves it over in one go, and the rows
     * written before read as they did, next to the new ones.
     */
    @Test
    void installingOverAnOlderVersionMovesItOverAndItsRowsReadAsBefore() throws Exception {
        String old = "audit_v1_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        admin.createEmpty(old);
        try (Connection c = admin.connect(old); Statement st = c.createStatement()) {
            AuditTrail.install(c);
            // What v1 left: its single trigger (without secrets), its indexes and key, its version; and a row it wrote.
            st.execute("CREATE TABLE parts (id bigint PRIMARY KEY, name text, secret_code text)");
            st.execute("CREATE TRIGGER ipsc_audit AFTER INSERT OR UPDATE OR DELETE ON parts FOR EACH ROW EXECUTE FUNCTION ipsc_audit_row()");
            st.execute("ALTER TABLE ipsc_audit DROP COLUMN changes_format");
            st.execute("ALTER TABLE ipsc_audit DROP CONSTRAINT ipsc_audit_pkey, ADD PRIMARY KEY (id, at)");
            st.execute("CREATE INDEX ipsc_audit_at_idx ON ipsc_audit (at DESC, id DESC)");
            st.execute("CREATE INDEX ipsc_audit_user_idx ON ipsc_audit (actor_user_id, at DESC)");
            st.execute("COMMENT ON TABLE ipsc_audit IS 'ipsc audit trail v1'");
            st.execute("INSERT INTO ipsc_audit (table_name, record_id, action, changes, actor) VALUES ('parts', '1', 'insert', "
                    + "'{\"id\": {\"old\": null, \"new\": 1}, \"name\": {\"old\": null, \"new\": \"bolt\"}, "
                    + "\"secret_code\": {\"old\": null, \"new\": \"[redacted]\"}}', 'system')");
            st.execute("ALTER TABLE parts DISABLE TRIGGER ipsc_audit");
            st.execute("INSERT INTO parts VALUES (1, 'bolt', 's-1')");
            st.execute("ALTER TABLE parts ENABLE TRIGGER ipsc_audit");
            assertTrue(!AuditTrail.current(c));

            AuditTrail.install(c);
            assertTrue(AuditTrail.current(c));
            try (ResultSet rs = st.executeQuery("SELECT string_agg(tgname || ':' || tgtype || ':' || tgnargs, ',' ORDER BY tgname) FROM pg_trigger "
                    + "WHERE tgrelid = 'parts'::regclass")) {
                rs.next();
                // 13 = row, insert, delete; 17 = row, update; each with the table's column count and its one secret column.
                assertEquals("ipsc_audit:13:2,ipsc_audit_update:17:2", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('ipsc_audit_user_idx') IS NULL AND to_regclass('ipsc_audit_at_idx') IS NULL, "
                    + "(SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'ipsc_audit'::regclass AND contype = 'p')")) {
                rs.next();
                assertTrue(rs.getBoolean(1));
                assertEquals("PRIMARY KEY (at, id)", rs.getString(2));
            }
            st.execute("UPDATE parts SET name = 'nut' WHERE id = 1");
            st.execute("DELETE FROM parts WHERE id = 1");
            try (ResultSet rs = st.executeQuery("SELECT string_agg(action || ':' || changes_format, ',' ORDER BY id) FROM ipsc_audit WHERE table_name = 'parts'")) {
                rs.next();
                assertEquals("insert:2,update:2,delete:3", rs.getString(1));
            }
        }
        // Read through the API's reader: the old row and the new ones alike as {field: {old, new}}.
        var page = pools.withPool("older-trail", old, AuditActor.SYSTEM, pool -> AuditLog.list(pool,
                new AuditLog.Query("parts", "1", null, null, null, null), io.ipsc.tenancy.api.PageRequest.of(1, 50))).await().atMost(WAIT);
        try {
            assertEquals(List.of("delete", "update", "insert"), page.items().stream().map(AuditEntry::action).toList());
            assertEquals(List.of("id:1:null", "name:nut:null", "secret_code:[redacted]:null"), fields(page.items().get(0)));
            assertEquals(List.of("name:bolt:nut"), fields(page.items().get(1)));
            assertEquals(List.of("id:null:1", "name:null:bolt", "secret_code:null:[redacted]"), fields(page.items().get(2)));
        } finally {
            pools.close("older-trail").await().atMost(WAIT);
            try (Connection c = admin.connect("postgres"); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + old + " WITH (FORCE)");
            }
        }
    }

    private static List<String> fields(AuditEntry entry) {
        return entry.changes().stream().map(f -> f.field() + ":" + f.oldValue() + ":" + f.newValue()).toList();
    }

    /** A record's history with its children's (an invoice and its lines): one time-ordered page, no other record's. */
    @Test
    void aRecordsHistoryWithItsChildrenInterleavesTheirRowsInTimeOrderAndNoOneElses() throws Exception {
        execute("CREATE TABLE IF NOT EXISTS note_lines (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "note_id bigint NOT NULL REFERENCES notes (id), text text)");
        new TenantMigrations(admin, "classpath:db/tenant-v1").migrate(database);
        AuditActor asha = AuditActor.user(ASHA, "req-10");
        long note = insert(asha, "INSERT INTO notes (body) VALUES ('order') RETURNING id");
        long other = insert(asha, "INSERT INTO notes (body) VALUES ('another order') RETURNING id");
        long kept = insert(asha, "INSERT INTO note_lines (note_id, text) VALUES (" + note + ", 'two bolts') RETURNING id");
        long removed = insert(asha, "INSERT INTO note_lines (note_id, text) VALUES (" + note + ", 'a nut') RETURNING id");
        long elsewhere = insert(asha, "INSERT INTO note_lines (note_id, text) VALUES (" + other + ", 'a washer') RETURNING id");
        insert(asha, "UPDATE note_lines SET text = 'three bolts' WHERE id = " + kept + " RETURNING id");
        insert(asha, "DELETE FROM note_lines WHERE id = " + removed + " RETURNING id");
        insert(asha, "UPDATE notes SET body = 'order, revised' WHERE id = " + note + " RETURNING id");

        var page = pools.withPool("t", database, asha, pool -> io.ipsc.tenancy.audit.AuditLog.list(pool,
                new io.ipsc.tenancy.audit.AuditLog.Query("note", Long.toString(note), null, null, null, "lines"),
                io.ipsc.tenancy.api.PageRequest.of(1, 50))).await().atMost(WAIT);
        List<String> seen = page.items().stream().map(e -> e.entity() + ":" + e.recordId() + ":" + e.action()).toList();
        assertEquals(List.of("notes:" + note + ":update", "note_lines:" + removed + ":delete", "note_lines:" + kept + ":update",
                "note_lines:" + removed + ":insert", "note_lines:" + kept + ":insert", "notes:" + note + ":insert"), seen);
        assertEquals(6, page.totalItems());
        assertTrue(seen.stream().noneMatch(s -> s.contains(":" + elsewhere + ":") || s.startsWith("notes:" + other)), seen.toString());

        // Without with=, the record's own rows only; the table's own name works as well as the short one.
        assertEquals(2, pools.withPool("t", database, pool -> io.ipsc.tenancy.audit.AuditLog.list(pool,
                new io.ipsc.tenancy.audit.AuditLog.Query("notes", Long.toString(note), null, null, null, null),
                io.ipsc.tenancy.api.PageRequest.of(1, 50))).await().atMost(WAIT).totalItems());
        assertEquals(6, pools.withPool("t", database, pool -> io.ipsc.tenancy.audit.AuditLog.list(pool,
                new io.ipsc.tenancy.audit.AuditLog.Query("notes", Long.toString(note), null, null, null, "note_lines"),
                io.ipsc.tenancy.api.PageRequest.of(1, 50))).await().atMost(WAIT).totalItems());
        // A table that does not belong to the record's, a with= without the record, an unknown child: 400s.
        assertRefused("NOT_A_CHILD", new io.ipsc.tenancy.audit.AuditLog.Query("note_lines", "1", null, null, null, "notes"));
        assertRefused("ENTITY_REQUIRED", new io.ipsc.tenancy.audit.AuditLog.Query("notes", null, null, null, null, "lines"));
        assertRefused("UNKNOWN_ENTITY", new io.ipsc.tenancy.audit.AuditLog.Query("notes", "1", null, null, null, "wheels"));
    }

    private static long insert(AuditActor actor, String sql) {
        return pools.withPool("t", database, actor, pool -> pool.query(sql).execute()
                .map(rows -> rows.iterator().next().getLong("id"))).await().atMost(WAIT);
    }

    private static void assertRefused(String code, io.ipsc.tenancy.audit.AuditLog.Query query) {
        io.ipsc.tenancy.error.ApiException refused = assertThrows(io.ipsc.tenancy.error.ApiException.class,
                () -> pools.withPool("t", database, pool -> io.ipsc.tenancy.audit.AuditLog.list(pool, query,
                        io.ipsc.tenancy.api.PageRequest.of(1, 50))).await().atMost(WAIT));
        assertEquals(400, refused.status());
        assertEquals(code, refused.code());
    }

    private static JsonObject change(Object from, Object to) {
        return new JsonObject().put("old", from).put("new", to);
    }

    private static List<JsonObject> trail(String table, long id) throws SQLException {
        List<JsonObject> rows = new ArrayList<>();
        try (Connection c = admin.connect(database);
             var ps = c.prepareStatement("SELECT to_jsonb(a) FROM ipsc_audit a WHERE table_name = ? AND record_id = ? ORDER BY id")) {
            ps.setString(1, table);
            ps.setString(2, Long.toString(id));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(expanded(new JsonObject(rs.getString(1))));
                }
            }
        }
        return rows;
    }

    /** The row with its changes as every reader sees them ({field: {old, new}}), the stored JSON kept as stored_changes. */
    private static JsonObject expanded(JsonObject row) {
        JsonObject changes = new JsonObject();
        for (AuditEntry.FieldChange f : AuditLog.changes(row.getJsonObject("changes"), row.getString("action"), row.getInteger("changes_format"))) {
            changes.put(f.field(), new JsonObject().put("old", f.oldValue()).put("new", f.newValue()));
        }
        return row.put("stored_changes", row.getJsonObject("changes")).put("changes", changes);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = admin.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = admin.connect(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
