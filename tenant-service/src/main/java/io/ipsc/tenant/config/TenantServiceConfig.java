package io.ipsc.tenant.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** tenant-service settings; each maps to an environment variable (IPSC_…, or the seed's own names). */
@ConfigMapping(prefix = "ipsc")
public interface TenantServiceConfig {

    @WithName("multi-tenant-enabled")
    boolean multiTenantEnabled();

    @WithName("tenant-database-prefix")
    String tenantDatabasePrefix();

    @WithName("default-tenant-slug")
    String defaultTenantSlug();

    @WithName("max-tenants-per-instance")
    int maxTenantsPerInstance();

    /** Refuse GSTINs whose check character or state do not match, instead of warning. */
    @WithName("gstin-strict")
    @WithDefault("false")
    boolean gstinStrict();

    Admin admin();

    /**
     * {@code IPSC_PASSWORD_HASH_COST}: bcrypt's cost (work factor, 2^cost rounds) for new password hashes; 12 by
     * default. Only the tests lower it (4, bcrypt's least), where every sign-in would otherwise cost a quarter of a
     * second of CPU; a stored hash carries its own cost, so hashes made at another cost still verify.
     */
    @WithName("password-hash-cost")
    @WithDefault("12")
    int passwordHashCost();

    /** {@code IPSC_CLUSTERS}: the database clusters registered at start when the registry lacks them ({@code main} always). */
    @WithDefault("main")
    List<String> clusters();

    /** {@code IPSC_CLUSTER_CAPACITY}: how many tenants a cluster registered at start may hold. */
    @WithName("cluster-capacity")
    @WithDefault("5000")
    int clusterCapacity();

    /** Self-service sign-up ({@code POST /api/signup}): off unless the operator turns it on. */
    @WithName("self-service")
    SelfService selfService();

    interface SelfService {
        /** {@code IPSC_SELF_SERVICE_SIGNUP}: may a visitor create an account and a tenant on the free plan? */
        @WithDefault("false")
        boolean signup();

        /** {@code IPSC_SELF_SERVICE_MAX_TENANTS_PER_ACCOUNT}: how many tenants one account may hold as admin through sign-up. */
        @WithName("max-tenants-per-account")
        @WithDefault("1")
        int maxTenantsPerAccount();
    }

    Pg pg();

    @WithName("platform-database")
    String platformDatabase();

    Kafka kafka();

    /** Where each domain service listens, by module (invoicing, dental, manufacturing, branding): the operator's views ask them. */
    Map<String, String> upstream();

    /** Where PostgreSQL runs; the platform database's URLs are built from it in application.properties. */
    interface Pg {
        String host();

        int port();

        String user();

        String password();
    }

    interface Kafka {
        @WithDefault("3")
        int partitions();

        @WithName("replication-factor")
        @WithDefault("1")
        short replicationFactor();
    }

    Jwt jwt();

    /** How {@code ipsc.tenants} is kept in step with the tenants' rows (TenantTopicReconciler). */
    Tenants tenants();

    interface Tenants {
        /** How often the topic is compared with the rows (also once shortly after start); {@code off} never. */
        @WithName("reconcile-every")
        @WithDefault("10m")
        String reconcileEvery();
    }

    interface Admin {
        @WithDefault("admin@ipsc.local")
        String email();

        /** When absent, a password is generated at first start and written once to the log. */
        Optional<String> password();
    }

    interface Jwt {
        String issuer();

        String audience();

        @WithName("access-token-minutes")
        int accessTokenMinutes();

        @WithName("refresh-token-days")
        int refreshTokenDays();

        /** A PEM private key (PKCS#8) from a secret; when absent the service generates and keeps one. */
        @WithName("private-key")
        Optional<String> privateKey();

        @WithName("private-key-file")
        Optional<String> privateKeyFile();
    }
}
