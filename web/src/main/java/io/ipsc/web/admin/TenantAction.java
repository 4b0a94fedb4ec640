package io.ipsc.web.admin;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the console may do to a tenant only after a confirmation: each has its own page saying what
 * follows, and deleting asks for the slug to be typed.
 */
public enum TenantAction {
    SUSPEND("suspend", "Suspend", "suspended",
            "Its members can no longer open its workspace or call its API until it is reactivated. Nothing is deleted."),
    REACTIVATE("reactivate", "Reactivate", "reactivated",
            "Its members can open its workspace and call its API again."),
    DELETE("delete", "Delete", "deleted",
            "Its members lose access and its workspace address stops working. The services archive its data "
                    + "(nothing is dropped), but the tenant cannot be reactivated from here.");

    private final String path;
    private final String verb;
    private final String done;
    private final String consequence;

    TenantAction(String path, String verb, String done, String consequence) {
        this.path = path;
        this.verb = verb;
        this.done = done;
        this.consequence = consequence;
    }

    public static Optional<TenantAction> of(String path) {
        return Arrays.stream(values()).filter(a -> a.path.equals(path)).findFirst();
    }

    public String path() {
        return path;
    }

    public String verb() {
        return verb;
    }

    public String done() {
        return done;
    }

    public String consequence() {
        return consequence;
    }

    /** Deleting cannot be undone here: the operator types the slug to show which tenant they mean. */
    public boolean typeSlug() {
        return this == DELETE;
    }

    public boolean dangerous() {
        return this != REACTIVATE;
    }

    /** Whether the action makes sense for a tenant in this state (the console offers only those). */
    public boolean appliesTo(TenantSummary tenant) {
        return switch (this) {
            case SUSPEND -> !tenant.suspended() && !tenant.deleted();
            case REACTIVATE -> tenant.suspended();
            case DELETE -> !tenant.deleted();
        };
    }
}
