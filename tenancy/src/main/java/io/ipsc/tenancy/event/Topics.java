package io.ipsc.tenancy.event;

/** Kafka topics of the suite (design §4). Tests and services use these constants, never literals. */
public final class Topics {

    /** Compacted, key = tenant slug, value = the tenant's full snapshot. */
    public static final String TENANTS = "ipsc.tenants";
    /** Each service's report on a tenant's databases. */
    public static final String PROVISIONING = "ipsc.provisioning";

    private Topics() {
    }
}
