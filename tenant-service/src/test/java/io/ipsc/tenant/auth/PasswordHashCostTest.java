package io.ipsc.tenant.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
