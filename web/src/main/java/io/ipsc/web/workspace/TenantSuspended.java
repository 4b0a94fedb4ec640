package io.ipsc.web.workspace;

/** The workspace of a suspended tenant was asked for: {@code PageErrors} answers with a page that says so. */
public final class TenantSuspended extends RuntimeException {

    private final String tenantName;

    public TenantSuspended(String tenantName) {
        super(tenantName + " is suspended", null, false, false);
        this.tenantName = tenantName;
    }

    public String tenantName() {
        return tenantName;
    }
}
