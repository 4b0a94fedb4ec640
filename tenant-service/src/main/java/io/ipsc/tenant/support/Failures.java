package io.ipsc.tenant.support;

import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

/**
 * Recognises the Hibernate failure that means "another request changed this row at the same time",
 * not "we are broken". Constraint violations are mapped by the shared
 * {@link io.ipsc.tenancy.error.ConstraintErrors}.
 */
public final class Failures {

    private Failures() {
    }

    public static boolean isOptimisticLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
