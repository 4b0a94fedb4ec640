package io.ipsc.tenant.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configurable bcrypt cost: bcrypt's range only, and hashes made at one cost verify whatever the current one. */
class PasswordHashCostTest {

    @Test
    void onlyBcryptsRangeIsAccepted() {
        assertEquals(4, Passwords.checkedCost(4));
        assertEquals(12, Passwords.checkedCost(12));
        assertEquals(31, Passwords.checkedCost(31));
        IllegalStateException low = assertThrows(IllegalStateException.class, () -> Passwords.checkedCost(3));
        assertTrue(low.getMessage().contains("IPSC_PASSWORD_HASH_COST"), low.getMessage());
        assertThrows(IllegalStateException.class, () -> Passwords.checkedCost(32));
    }

    @Test
    void aHashCarriesItsOwnCostSoOldHashesStillVerify() {
        // A password stored at the production cost still signs in after the cost is changed, and the other way round.
        String atTwelve = BcryptUtil.bcryptHash("correct horse battery", 12);
        String atFour = BcryptUtil.bcryptHash("correct horse battery", 4);
        assertTrue(atTwelve.startsWith("$2a$12$") || atTwelve.startsWith("$2b$12$") || atTwelve.startsWith("$2y$12$"), atTwelve);
        assertTrue(BcryptUtil.matches("correct horse battery", atTwelve));
        assertTrue(BcryptUtil.matches("correct horse battery", atFour));
    }

    @Test
    void anUnknownAccountIsComparedAgainstADecoyOfTheSameCostAndNeverMatches() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Passwords passwords = new Passwords(vertx, 5);
            assertEquals(5, passwords.decoyCost(), "the decoy is hashed at the configured cost, so its comparison costs what a real one does");
            // Not even the decoy's own password signs in to an account that does not exist.
            assertFalse(passwords.matches("decoy-password-for-timing", null).await().atMost(Duration.ofSeconds(10)));
            assertFalse(passwords.matches("anything at all", null).await().atMost(Duration.ofSeconds(10)));
            String real = passwords.hash("correct horse battery").await().atMost(Duration.ofSeconds(10));
            assertTrue(passwords.matches("correct horse battery", real).await().atMost(Duration.ofSeconds(10)));
        } finally {
            vertx.closeAndAwait();
        }
    }
}
