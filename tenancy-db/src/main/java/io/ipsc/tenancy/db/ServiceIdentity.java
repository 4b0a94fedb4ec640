package io.ipsc.tenancy.db;

import io.ipsc.tenancy.TenantSlug;
import io.ipsc.tenancy.event.ServiceNeeds;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Which service this is (invoicing, dental, manufacturing, branding), and so which tenants need a
 * database here and how that database is named.
 */
@Singleton
public class ServiceIdentity {

    private final String name;
    private final String databasePrefix;

    public ServiceIdentity(@ConfigProperty(name = "ipsc.service.name") String name,
                           @ConfigProperty(name = "ipsc.tenant-database-prefix", defaultValue = "tenant_") String databasePrefix) {
        if (!ServiceNeeds.SERVICES.containsKey(name)) {
            throw new IllegalArgumentException("ipsc.service.name must be one of " + ServiceNeeds.SERVICES.keySet() + ", not " + name);
        }
        this.name = name;
        this.databasePrefix = databasePrefix;
    }

    public String name() {
        return name;
    }

    public String databasePrefix() {
        return databasePrefix;
    }

    public String databaseFor(String slug) {
        return TenantSlug.databaseName(databasePrefix, slug, name);
    }

    /** The database every tenant database of this service is copied from; migrated at startup. */
    public String templateDatabase() {
        return "ipsc_template_" + name;
    }

    public boolean needsDatabase(Map<String, Boolean> features) {
        return ServiceNeeds.needs(name, features);
    }
}
