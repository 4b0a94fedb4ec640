package io.ipsc.tenancy.event;

/** A tenant's subscription plan and its effective limits (null means unlimited). */
public record PlanLimits(String plan, Integer maxUsers, Integer maxProducts, Integer maxTransactionsPerMonth) {
}
