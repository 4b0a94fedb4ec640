package io.ipsc.tenant.auth;

import io.ipsc.tenant.config.TenantServiceConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Password hashing with bcrypt (cost {@code IPSC_PASSWORD_HASH_COST}, 12). Hashing takes tens of milliseconds of CPU by design, so it
 * runs on a worker thread and the result comes back on the caller's event-loop context. Created at
 * start-up, so that the decoy hash is computed there and not on the event loop of the first sign-in.
 */
@Startup
@ApplicationScoped
public class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private final Vertx vertx;
    private final int cost;
    /** Compared against when the account does not exist, so that timing does not reveal which e-mails exist. */
    private final String decoyHash;

    @Inject
    public Passwords(Vertx vertx, TenantServiceConfig config) {
        this(vertx, config.passwordHashCost());
    }

    /** Hashing at {@code cost} (bcrypt's 4–31). */
    Passwords(Vertx vertx, int cost) {
        this.vertx = vertx;
        this.cost = checkedCost(cost);
        this.decoyHash = BcryptUtil.bcryptHash("decoy-password-for-timing", this.cost);
    }

    /** bcrypt's range; a start with any other cost fails with this message rather than on the first sign-up. */
    static int checkedCost(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalStateException("IPSC_PASSWORD_HASH_COST must be between 4 and 31 (bcrypt's range), not " + cost);
        }
        return cost;
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(() -> BcryptUtil.bcryptHash(password, cost), false);
    }

    /** The decoy's cost, as bcrypt wrote it into the hash: the same as a real account's, so both comparisons cost alike. */
    int decoyCost() {
        return Integer.parseInt(decoyHash.substring(4, 6));
    }

    public Uni<Boolean> matches(String password, String hash) {
        String against = hash == null ? decoyHash : hash;
        return vertx.executeBlocking(() -> BcryptUtil.matches(password, against) && hash != null, false);
    }

    /** Null when acceptable, else why not. */
    public static String problem(String password) {
        if (password == null || password.isEmpty()) {
            return "password is required";
        }
        if (password.length() < MIN_LENGTH) {
            return "password must be at least " + MIN_LENGTH + " characters long";
        }
        if (password.length() > MAX_LENGTH) {
            return "password must be at most " + MAX_LENGTH + " characters long";
        }
        return null;
    }
}
