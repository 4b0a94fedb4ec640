package io.ipsc.tenancy.db.guard;

import io.ipsc.tenancy.db.audit.AuditActor;
import io.ipsc.tenancy.db.directory.TenantEntry;
import io.ipsc.tenancy.db.pool.TenantPoolRegistry;
import io.ipsc.tenancy.error.ApiException;
import io.ipsc.tenancy.security.Caller;
import io.ipsc.tenancy.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.RequestScoped;

import java.util.function.Function;

/**
 * The tenant of the current request, set by the guard once it has checked everything. The only way
 * a handler reaches a database is {@link #withDatabase}, which can only give this tenant's.
 */
@RequestScoped
public class TenantContext {

    private final TenantPoolRegistry pools;
    private TenantEntry tenant;
    private Caller caller;
    private Role role;
    private String requestId;

    public TenantContext(TenantPoolRegistry pools) {
        this.pools = pools;
    }

    void set(TenantEntry tenant, Caller caller, Role role, String requestId) {
        this.requestId = requestId;
        this.tenant = tenant;
        this.caller = caller;
        this.role = role;
    }

    public String slug() {
        return require().snapshot().slug();
    }

    /** The database cluster that serves this tenant's database in this service. */
    public String cluster() {
        return require().cluster();
    }

    public TenantEntry tenant() {
        return require();
    }

    public Caller caller() {
        require();
        return caller;
    }

    /** The caller's role in this tenant; platform admins count as admins. */
    public Role role() {
        require();
        return role;
    }

    /**
     * Refuses, with 403 {@code INSUFFICIENT_ROLE}, a caller whose role in this tenant is below
     * {@code needed}; {@code action} says what they tried ("issue invoices").
     */
    public void requireRole(Role needed, String action) {
        Role have = role();
        if (!have.atLeast(needed)) {
            throw ApiException.forbidden("INSUFFICIENT_ROLE",
                    "To " + action + " you need the role '" + needed.wireName() + "' or higher; you are '" + have.wireName() + "'");
        }
    }

    /**
     * Runs {@code work} on this tenant's database, every change it makes recorded in the tenant's audit
     * trail as the caller's (user id, e-mail, request id): the database is told on each connection.
     */
    public <T> Uni<T> withDatabase(Function<Pool, Uni<T>> work) {
        TenantEntry t = require();
        return pools.withPool(t, AuditActor.user(caller, requestId), work);
    }

    private TenantEntry require() {
        if (tenant == null) {
            throw new IllegalStateException("No tenant on this request: is the resource annotated @TenantScoped?");
        }
        return tenant;
    }
}
