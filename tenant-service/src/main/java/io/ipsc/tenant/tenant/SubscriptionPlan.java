package io.ipsc.tenant.tenant;

import java.util.Locale;
import java.util.Optional;

/** Subscription plans (ABP's "editions") and their default limits; null means unlimited. */
public enum SubscriptionPlan {
    FREE(3, 100, 500),
    BASIC(10, 1_000, 5_000),
    PREMIUM(50, 10_000, 50_000),
    ENTERPRISE(null, null, null);

    public static final SubscriptionPlan DEFAULT = BASIC;

    private final Integer maxUsers;
    private final Integer maxProducts;
    private final Integer maxTransactionsPerMonth;

    SubscriptionPlan(Integer maxUsers, Integer maxProducts, Integer maxTransactionsPerMonth) {
        this.maxUsers = maxUsers;
        this.maxProducts = maxProducts;
        this.maxTransactionsPerMonth = maxTransactionsPerMonth;
    }

    public Integer maxUsers() {
        return maxUsers;
    }

    public Integer maxProducts() {
        return maxProducts;
    }

    public Integer maxTransactionsPerMonth() {
        return maxTransactionsPerMonth;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SubscriptionPlan> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (SubscriptionPlan plan : values()) {
            if (plan.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }
}
