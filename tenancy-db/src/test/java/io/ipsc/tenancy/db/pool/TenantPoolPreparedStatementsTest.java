package io.ipsc.tenancy.db.pool;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which statements a tenant pool's connections keep prepared: not those whose rows a migration could change. */
class TenantPoolPreparedStatementsTest {

    @Test
    void statementsThatNameTheirColumnsAreKept() {
        assertTrue(TenantPool.keepsPrepared("SELECT id, sku, name FROM products WHERE id = $1"));
        assertTrue(TenantPool.keepsPrepared("SELECT count(*) FROM products WHERE NOT archived"));
        assertTrue(TenantPool.keepsPrepared("SELECT set_config('ipsc.actor', $1, false)"));
        assertTrue(TenantPool.keepsPrepared("UPDATE products SET archived = TRUE WHERE id = $1 RETURNING id, sku"));
        assertTrue(TenantPool.keepsPrepared("SELECT price * quantity AS amount FROM invoice_lines"));
    }

    @Test
    void wholeRowsAndVeryLongStatementsAreNot() {
        assertFalse(TenantPool.keepsPrepared("SELECT * FROM invoice_lines WHERE invoice_id = $1 ORDER BY position"));
        assertFalse(TenantPool.keepsPrepared("select l.* from note_lines l where l.note_id = $1"));
        assertFalse(TenantPool.keepsPrepared("INSERT INTO products (sku) VALUES ($1) RETURNING *"));
        assertFalse(TenantPool.keepsPrepared("SELECT id FROM products WHERE id IN (" + "$1, ".repeat(600) + "$1)"));
    }
}
