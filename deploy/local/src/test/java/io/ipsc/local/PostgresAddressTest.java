package io.ipsc.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostgresAddressTest {

    @Test
    void readsEveryPart() {
        PostgresAddress a = PostgresAddress.parse("postgresql://ipsc:s3cret@db.example:6543");
        assertEquals(new PostgresAddress("db.example", 6543, "ipsc", "s3cret"), a);
        assertEquals("jdbc:postgresql://db.example:6543/ipsc_platform", a.jdbcUrl("ipsc_platform"));
    }

    @Test
    void defaultsThePortAndDecodesThePassword() {
        PostgresAddress a = PostgresAddress.parse("postgresql://ipsc:p%40ss%3Aword@localhost/ignored");
        assertEquals(5432, a.port());
        assertEquals("p@ss:word", a.password());
    }

    @Test
    void neverShowsThePassword() {
        PostgresAddress a = PostgresAddress.parse("postgresql://ipsc:s3cret@localhost:5432");
        assertFalse(a.toString().contains("s3cret"));
        assertFalse(a.psqlCommand("x").contains("s3cret"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresAddress.parse("mysql://ipsc:s3cret@localhost:5432"));
        assertFalse(e.getMessage().contains("s3cret"));
        e = assertThrows(IllegalArgumentException.class,
                () -> PostgresAddress.parse("postgresql://ipsc:s3 cret@localhost:5432"));
        assertFalse(e.getMessage().contains("s3"));
    }

    @Test
    void wantsAUser() {
        assertThrows(IllegalArgumentException.class, () -> PostgresAddress.parse("postgresql://localhost:5432"));
    }
}
