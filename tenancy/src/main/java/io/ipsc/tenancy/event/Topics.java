package io.ipsc.tenancy.event;

/** Kafka topics of the suite (design §4). Tests and services use these constants, never literals. */
public final class Topics {

    /** Compacted, key = tenant slug, value = the tenant's full snapshot. */
    public static final String TENANTS = "ipsc.tenants";
    /** Each service's report on a tenant's databases. */
    public static final String PROVISIONING = "ipsc.provisioning";
    /** Billable items for invoicing-service (key = tenant slug), e.g. a completed dental treatment. */
    public static final String BILLING = "ipsc.billing";
    /** Stock movements for invoicing-service (key = tenant slug), e.g. a completed production order. */
    public static final String STOCK = "ipsc.stock";
    /** Refused and suspicious requests from every service (key = tenant slug), kept by tenant-service for the operator. */
    public static final String SECURITY = "ipsc.security";

    /** Compacted, key = database cluster name, value = the cluster's {@link ClusterSnapshot} (no credentials). */
    public static final String CLUSTERS = "ipsc.clusters";

    private Topics() {
    }
}
